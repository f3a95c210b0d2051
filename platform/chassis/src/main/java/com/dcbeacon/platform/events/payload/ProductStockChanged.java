package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ProductStockChanged(UUID productId, UUID brandId, String sku, int stock, OffsetDateTime changedAt) {
}
