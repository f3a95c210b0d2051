package com.dcbeacon.brand.domain;

import java.util.List;

/**
 * A product as a brand supplies it, from a JSON request or one row of an import file; not yet validated.
 * Lists are null when the field was missing (an error), empty when the brand said "none".
 */
public record ProductInput(
        String sku,
        String name,
        String category,
        String description,
        List<String> ingredients,
        List<String> allergens,
        List<String> mayContain,
        List<String> dietaryTags,
        Long unitCostCents,
        Integer weightGrams,
        Integer stock) {}
