package com.dcbeacon.brand.api;

import com.dcbeacon.brand.domain.Product;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A product as its brand and ops read it. {@code underReview}: members raised an allergen concern that ops have not
 * cleared yet (since {@code reviewOpenedAt}); it carries nothing about those members. {@code oversoldUnits}: units
 * allocated to boxes beyond the stock, paid back by releases before the stock rises.
 */
public record ProductResponse(
        UUID id,
        UUID brandId,
        String sku,
        String name,
        String category,
        String description,
        List<String> ingredients,
        List<String> allergens,
        List<String> mayContain,
        List<String> dietaryTags,
        long unitCostCents,
        int weightGrams,
        int stock,
        int oversoldUnits,
        String status,
        String recallReason,
        boolean underReview,
        OffsetDateTime reviewOpenedAt,
        OffsetDateTime createdAt,
        OffsetDateTime updatedAt) {

    static ProductResponse of(Product p) {
        return new ProductResponse(
                p.id,
                p.brandId,
                p.sku,
                p.name,
                p.category,
                p.description,
                p.ingredients,
                p.allergens,
                p.mayContain,
                p.dietaryTags,
                p.unitCostCents,
                p.weightGrams,
                p.stock,
                p.oversoldUnits,
                p.status.name(),
                p.recallReason,
                p.underReview,
                p.reviewOpenedAt,
                p.createdAt,
                p.updatedAt);
    }
}
