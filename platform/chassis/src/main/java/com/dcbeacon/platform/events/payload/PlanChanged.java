package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record PlanChanged(UUID memberId, UUID subscriptionId, String planId, int itemsPerBox, long priceCents,
        OffsetDateTime changedAt) {
}
