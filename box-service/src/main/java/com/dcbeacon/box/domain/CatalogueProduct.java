package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A product as brand-service announced it; only PUBLISHED ones are curated. Updates write only the columns that changed,
 * so a stock move never writes back a status it read before a recall.
 */
@Entity
@DynamicUpdate
@Table(name = "catalogue_product")
public class CatalogueProduct {

    @Id
    @Column(name = "product_id")
    public UUID productId;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(name = "brand_name", nullable = false)
    public String brandName;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String category;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> allergens;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "may_contain", nullable = false)
    public List<String> mayContain;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dietary_tags", nullable = false)
    public List<String> dietaryTags;

    /** Units curation may still allocate: brand stock minus the deltas brand-service has not yet confirmed. */
    @Column(nullable = false)
    public int stock;

    /** The stock brand-service last announced. */
    @Column(name = "brand_stock", nullable = false)
    public int brandStock;

    /** Under review after an allergen concern: never curated or packed until ops clear it. */
    @Column(name = "under_review", nullable = false)
    public boolean underReview;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProductStatus status;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
