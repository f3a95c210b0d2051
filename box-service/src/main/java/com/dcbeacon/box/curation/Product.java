package com.dcbeacon.box.curation;

import java.util.Set;
import java.util.UUID;

/** A published product as curation sees it. {@code stock} is what is left for this run. */
public record Product(
        UUID productId,
        UUID brandId,
        String brandName,
        String sku,
        String name,
        String category,
        Set<String> allergens,
        Set<String> mayContain,
        Set<String> dietaryTags,
        int stock) {

    /** The same product with {@code stock} units left for the run. */
    public Product withStock(int stock) {
        return new Product(
                productId, brandId, brandName, sku, name, category, allergens, mayContain, dietaryTags, stock);
    }
}
