package com.dcbeacon.brand.domain;

/**
 * What a brand's product list may be narrowed to; a null field does not narrow. {@code category} is matched as stored:
 * trimmed and lower case.
 */
public record ProductFilter(ProductStatus status, String category, Boolean underReview) {}
