package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record CycleSkipped(UUID memberId, UUID subscriptionId, String cycle, OffsetDateTime skippedAt) {
}
