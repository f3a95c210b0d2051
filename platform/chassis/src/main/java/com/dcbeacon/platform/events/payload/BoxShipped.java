package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record BoxShipped(UUID boxId, UUID memberId, String cycle, OffsetDateTime shippedAt) {
}
