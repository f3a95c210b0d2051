package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code pausedUntil} is the last cycle without a box ({@code YYYY-MM}), or null for "until I resume". */
public record SubscriptionPaused(UUID memberId, UUID subscriptionId, String pausedUntil, OffsetDateTime pausedAt) {
}
