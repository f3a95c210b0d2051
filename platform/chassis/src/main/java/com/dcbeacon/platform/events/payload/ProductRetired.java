package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ProductRetired(UUID productId, UUID brandId, String sku, OffsetDateTime retiredAt) {}
