package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The full state of a product as curation needs it: payload of ProductPublished and ProductUpdated. */
public record ProductData(
        UUID productId,
        UUID brandId,
        String brandName,
        String sku,
        String name,
        String category,
        List<String> ingredients,
        List<String> allergens,
        List<String> mayContain,
        List<String> dietaryTags,
        long unitCostCents,
        int weightGrams,
        int stock,
        String status,
        OffsetDateTime changedAt) {}
