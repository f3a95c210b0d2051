package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.events.payload.BoxShipped;
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

    /** The warehouse user who shipped it: the identity provider's user id (the token's subject); null until shipped. */
    @Column(name = "shipped_by")
    public String shippedBy;

    @Column(name = "delivered_at")
    public OffsetDateTime deliveredAt;

    /**
     * How often box-service changed the contents since curation, not at the member's asking (a recall, a review, an
     * item no longer safe at packing): 0 as curated. Each change is announced with the new contents
     * ({@link BoxContentsChanges}), and the member is charged only if the preview of the revision that ships reached
     * them in time.
     */
    @Column(name = "contents_revision", nullable = false)
    public int contentsRevision;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "box_item", joinColumns = @JoinColumn(name = "box_id"))
    @OrderColumn(name = "position")
    public List<Item> items = new ArrayList<>();

    /** The member's one-time add-ons, one per product, charged with the box ({@link BoxAddOns}). */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "box_add_on", joinColumns = @JoinColumn(name = "box_id"))
    @OrderColumn(name = "position")
    public List<AddOn> addOns = new ArrayList<>();

    @Version
    public long version;

    protected Box() {}

    /** A new box for the member and cycle, CURATED now, on the terms (subscription, plan, price) it was curated for. */
    public static Box curated(UUID memberId, String cycle, BoxTerms terms, List<Item> items, OffsetDateTime now) {
        Box box = new Box();
        box.id = UUID.randomUUID();
        box.memberId = memberId;
        box.cycle = cycle;
        box.status = BoxStatus.CURATED;
        box.subscriptionId = terms.subscriptionId();
        box.planId = terms.planId();
        box.priceCents = terms.priceCents();
        box.currency = terms.currency();
        box.curatedAt = now;
        box.items = new ArrayList<>(items);
        return box;
    }

    /** What the add-ons cost together, in cents. */
    public long addOnsCents() {
        return addOns.stream().mapToLong(AddOn::cents).sum();
    }

    /** What the member pays when it ships: the price it was curated for plus its add-ons, in cents. */
    public long totalCents() {
        return priceCents + addOnsCents();
    }

    /** Add-on units of every product together. */
    public int addOnUnits() {
        return addOns.stream().mapToInt(AddOn::quantity).sum();
    }

    /** Not yet shipped: its contents can still change or it can be withdrawn. */
    public boolean isOpen() {
        return status.isOpen();
    }

    /** Packed now (again, for a PACKED box whose contents changed). The caller checked the box is open. */
    public void pack(OffsetDateTime now) {
        status = BoxStatus.PACKED;
        packedAt = now;
    }

    /**
     * Its contents changed after packing: the parcel on the shelf no longer matches, so a PACKED box goes back to
     * CURATED and ships only after packing again. A CURATED box stays as it is.
     */
    public void unpack() {
        if (status == BoxStatus.PACKED) {
            status = BoxStatus.CURATED;
            packedAt = null;
        }
    }

    /** Handed to the carrier now by {@code shippedBy}. The caller checked the box is PACKED. */
    public void ship(String trackingNumber, String shippedBy, OffsetDateTime now) {
        status = BoxStatus.SHIPPED;
        this.trackingNumber = trackingNumber;
        this.shippedBy = shippedBy;
        shippedAt = now;
    }

    /** Delivered now. The caller checked the box is SHIPPED. */
    public void deliver(OffsetDateTime now) {
        status = BoxStatus.DELIVERED;
        deliveredAt = now;
    }

    /** Withdrawn now: the member no longer wants its cycle. The caller checked the box is open. */
    public void withdraw(WithdrawalReason reason, OffsetDateTime now) {
        status = BoxStatus.WITHDRAWN;
        withdrawnAt = now;
        withdrawalReason = reason;
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
            @Column(name = "sponsored") boolean sponsored) {

        /** The box item for what curation (or a replacement) picked, with its reason. */
        public static Item of(CuratedBox.Item picked) {
            return new Item(
                    picked.product().productId(),
                    picked.product().brandId(),
                    picked.product().brandName(),
                    picked.product().sku(),
                    picked.product().name(),
                    picked.product().category(),
                    picked.reason(),
                    picked.sponsored());
        }

        /** The item as box events tell it (BoxCurated, BoxContentsChanged): what it is, by whom, why, sponsored or not. */
        public BoxCurated.Item told() {
            return new BoxCurated.Item(productId, sponsored, name, brandName, reason);
        }
    }

    /** Extra units of a product the member added to the box, at the unit price quoted when they added it. */
    @Embeddable
    public record AddOn(
            @Column(name = "product_id") UUID productId,
            @Column(name = "sku") String sku,
            @Column(name = "name") String name,
            @Column(name = "brand_name") String brandName,
            @Column(name = "quantity") int quantity,
            @Column(name = "unit_price_cents") long unitPriceCents) {

        public long cents() {
            return quantity * unitPriceCents;
        }

        /** The add-on as BoxShipped tells it to member-service, which charges it. */
        public BoxShipped.AddOn told() {
            return new BoxShipped.AddOn(productId, quantity, unitPriceCents);
        }
    }
}
