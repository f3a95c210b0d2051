package com.dcbeacon.box.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One member's box for one cycle: CURATED → PACKED → SHIPPED → DELIVERED, or WITHDRAWN (from CURATED or PACKED) when
 * the member skipped, paused or cancelled the cycle after curation. It carries the plan, price (cents) and currency it
 * was curated for: what the member is charged when it ships.
 */
@Entity
@Table(name = "box")
public class Box {

    /** Why a box was withdrawn: the member skipped its cycle, paused through it or cancelled. */
    public enum WithdrawalReason {
        CYCLE_SKIPPED,
        PAUSED,
        CANCELLED
    }

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(nullable = false)
    public String cycle;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BoxStatus status;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Column(name = "plan_id")
    public String planId;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public String currency = "EUR";

    @Column(name = "withdrawn_at")
    public OffsetDateTime withdrawnAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "withdrawal_reason")
    public WithdrawalReason withdrawalReason;

    @Column(name = "tracking_number")
    public String trackingNumber;

    @Column(name = "curated_at", nullable = false)
    public OffsetDateTime curatedAt;

    @Column(name = "packed_at")
    public OffsetDateTime packedAt;

    @Column(name = "shipped_at")
    public OffsetDateTime shippedAt;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "box_item", joinColumns = @JoinColumn(name = "box_id"))
    @OrderColumn(name = "position")
    public List<Item> items = new ArrayList<>();

    @Version
    public long version;

    /** Not yet shipped: its contents can still change or it can be withdrawn. */
    public boolean isOpen() {
        return status.isOpen();
    }

    @Embeddable
    public record Item(
            @Column(name = "product_id") UUID productId,
            @Column(name = "brand_id") UUID brandId,
            @Column(name = "brand_name") String brandName,
            @Column(name = "sku") String sku,
            @Column(name = "name") String name,
            @Column(name = "category") String category,
            @Column(name = "reason") String reason,
            @Column(name = "sponsored") boolean sponsored) {}
}
