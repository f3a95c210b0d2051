package com.dcbeacon.box.domain;

/** A catalogue product's state as brand-service announced it; only PUBLISHED ones are curated. */
public enum ProductStatus {
    PUBLISHED,
    RETIRED,
    RECALLED
}
