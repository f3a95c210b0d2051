package com.dcbeacon.brand.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A brand's product, identified platform-wide by {@code id} and within the brand by its SKU. */
@Entity
@Table(name = "product")
public class Product {

    @Id
    public UUID id;

    @Column(name = "brand_id", nullable = false)
    public UUID brandId;

    @Column(nullable = false)
    public String sku;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String category;

    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> ingredients;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> allergens;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "may_contain", nullable = false)
    public List<String> mayContain;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dietary_tags", nullable = false)
    public List<String> dietaryTags;

    @Column(name = "unit_cost_cents", nullable = false)
    public long unitCostCents;

    @Column(name = "weight_grams", nullable = false)
    public int weightGrams;

    @Column(nullable = false)
    public int stock;

    /** Units box-service allocated beyond the stock, not yet paid back by releases; see {@link StockLevel}. */
    @Column(name = "oversold_units", nullable = false)
    public int oversoldUnits;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ProductStatus status;

    @Column(name = "recall_reason")
    public String recallReason;

    /** A member reported an allergen concern and ops have not cleared it yet (box-service's review). */
    @Column(name = "under_review", nullable = false)
    public boolean underReview;

    /** When the oldest review still open was opened; null when not under review. */
    @Column(name = "review_opened_at")
    public OffsetDateTime reviewOpenedAt;

    @Column(name = "content_hash", nullable = false)
    public String contentHash;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    @Version
    public long version;

    public StockLevel stockLevel() {
        return new StockLevel(stock, oversoldUnits);
    }

    /** Takes over every brand-supplied field of a validated input. */
    public void apply(ProductInput in, OffsetDateTime now) {
        sku = in.sku();
        name = in.name().trim();
        category = in.category().trim().toLowerCase(java.util.Locale.ROOT);
        description = in.description() == null || in.description().isBlank()
                ? null
                : in.description().trim();
        ingredients = in.ingredients().stream().map(String::trim).toList();
        allergens = in.allergens().stream().sorted().toList();
        mayContain = in.mayContain().stream().sorted().toList();
        dietaryTags = in.dietaryTags().stream().sorted().toList();
        unitCostCents = in.unitCostCents();
        weightGrams = in.weightGrams();
        stock = in.stock();
        contentHash = hash(in);
        updatedAt = now;
    }

    /** Identical for inputs that would leave the product as it is. */
    public static String hash(ProductInput in) {
        String canonical = String.join(
                "\u0001",
                in.sku(),
                in.name().trim(),
                in.category().trim().toLowerCase(java.util.Locale.ROOT),
                in.description() == null ? "" : in.description().trim(),
                String.join(
                        "\u0002", in.ingredients().stream().map(String::trim).toList()),
                String.join(",", in.allergens().stream().sorted().toList()),
                String.join(",", in.mayContain().stream().sorted().toList()),
                String.join(",", in.dietaryTags().stream().sorted().toList()),
                String.valueOf(in.unitCostCents()),
                String.valueOf(in.weightGrams()),
                String.valueOf(in.stock()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
