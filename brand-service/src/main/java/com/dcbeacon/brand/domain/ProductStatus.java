package com.dcbeacon.brand.domain;

/** RECALLED is final. */
public enum ProductStatus {
    PUBLISHED,
    RETIRED,
    RECALLED
}
