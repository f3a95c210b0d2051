package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The cancellation reason, free text from the member, stays in member-service. */
/** {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed). */
public record SubscriptionCancelled(
        UUID memberId, UUID subscriptionId, UUID confirmationId, OffsetDateTime cancelledAt, long preferencesVersion) {}
