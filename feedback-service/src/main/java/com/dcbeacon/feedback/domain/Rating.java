package com.dcbeacon.feedback.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A member's 1–5 stars for an item they received; one per item, a second rating updates it. */
@Entity
@Table(name = "rating")
public class Rating {

    @Id
    public UUID id;

    /** Null once the member is erased. */
    @Column(name = "member_id")
    public UUID memberId;

    /** Counts distinct raters without identifying them after erasure. */
    @Column(name = "rater_ref", nullable = false)
    public UUID raterRef;

    @Column(name = "box_id", nullable = false)
    public UUID boxId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String cycle;

    @Column(nullable = false)
    public int stars;

    public String comment;

    @Column(name = "rated_at", nullable = false)
    public OffsetDateTime ratedAt;
}
