package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A product's stock as brand-service holds it now. {@code appliedDelta} is the StockAllocated allocationId or
 * StockReleased releaseId this change applied, absent for a change the brand made; box-service reconciles its own
 * view with it (docs/messaging.md).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductStockChanged(
        UUID productId, UUID brandId, String sku, int stock, OffsetDateTime changedAt, UUID appliedDelta) {}
