package com.dcbeacon.box.domain;

/** A box's state: CURATED → PACKED → SHIPPED → DELIVERED, or WITHDRAWN from CURATED or PACKED. */
public enum BoxStatus {
    CURATED,
    PACKED,
    SHIPPED,
    DELIVERED,
    WITHDRAWN;

    /** Not yet shipped: its contents can still change or it can be withdrawn. */
    public boolean isOpen() {
        return this == CURATED || this == PACKED;
    }
}
