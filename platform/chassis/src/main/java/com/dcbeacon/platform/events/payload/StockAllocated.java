package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record StockAllocated(UUID allocationId, UUID productId, String cycle, int units, OffsetDateTime allocatedAt) {}
