package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed). */
public record SubscriptionResumed(
        UUID memberId, UUID subscriptionId, OffsetDateTime resumedAt, long preferencesVersion) {}
