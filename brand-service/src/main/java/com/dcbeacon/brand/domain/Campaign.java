package com.dcbeacon.brand.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Units of a product a brand commits to sampling in one cycle. */
@Entity
@Table(name = "campaign")
public class Campaign {

    @Id
    public UUID id;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String cycle;

    @Column(nullable = false)
    public int units;

    @Column(name = "max_per_box", nullable = false)
    public int maxPerBox;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
