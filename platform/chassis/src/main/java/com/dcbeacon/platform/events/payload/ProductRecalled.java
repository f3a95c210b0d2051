package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ProductRecalled(UUID productId, UUID brandId, String sku, String reason, OffsetDateTime recalledAt) {}
