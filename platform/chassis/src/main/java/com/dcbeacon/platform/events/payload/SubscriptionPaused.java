package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code pausedUntil} is the last cycle without a box ({@code YYYY-MM}), or null for "until I resume". */
/** {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed). */
public record SubscriptionPaused(
        UUID memberId, UUID subscriptionId, String pausedUntil, OffsetDateTime pausedAt, long preferencesVersion) {}
