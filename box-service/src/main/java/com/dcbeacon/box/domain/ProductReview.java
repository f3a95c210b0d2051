package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A product under review after a member's allergen concern about box {@code boxId}; open until ops clear it. */
@Entity
@Table(name = "product_review")
public class ProductReview {

    @Id
    public UUID id;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(name = "box_id", nullable = false)
    public UUID boxId;

    @Column(nullable = false)
    public String reason;

    @Column(name = "opened_at", nullable = false)
    public OffsetDateTime openedAt;

    @Column(name = "cleared_at")
    public OffsetDateTime clearedAt;

    /** The ops user who cleared it. */
    @Column(name = "cleared_by")
    public String clearedBy;
}
