package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record SubscriptionResumed(UUID memberId, UUID subscriptionId, OffsetDateTime resumedAt) {
}
