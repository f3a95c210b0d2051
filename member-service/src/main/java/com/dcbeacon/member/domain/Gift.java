package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * N cycles of a plan a member bought for someone else, paid at purchase ({@link #totalCents}), claimed once with its
 * code. The buyer reads only its status; the recipient's data stays the recipient's.
 */
@Entity
@Table(name = "gift")
public class Gift {

    @Id
    public UUID id;

    /** Null once the buyer is erased. */
    @Column(name = "buyer_id")
    public UUID buyerId;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(nullable = false)
    public int cycles;

    /** The plan's price per cycle the buyer was shown and paid. */
    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(name = "total_cents", nullable = false)
    public long totalCents;

    @Column(nullable = false)
    public String currency;

    @Column(name = "claim_code", nullable = false)
    public String claimCode;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public GiftStatus status;

    @Column(name = "purchased_at", nullable = false)
    public OffsetDateTime purchasedAt;

    /** The cycle the buyer scheduled the gift to start with ({@code YYYY-MM}); a later claim starts it later. */
    @Column(name = "start_cycle", nullable = false)
    public String startCycle;

    @Column(name = "claim_expires_at", nullable = false)
    public OffsetDateTime claimExpiresAt;

    @Column(name = "claimed_at")
    public OffsetDateTime claimedAt;

    /** Null until claimed, and again once the recipient is erased. */
    @Column(name = "recipient_id")
    public UUID recipientId;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    /** The first and last cycle the gift pays for, set by the claim. */
    @Column(name = "first_cycle")
    public String firstCycle;

    @Column(name = "last_cycle")
    public String lastCycle;

    /** Boxes shipped and covered by the gift: what the buyer may know of how it is used. */
    @Column(name = "boxes_shipped", nullable = false)
    public int boxesShipped;

    @Column(name = "refunded_at")
    public OffsetDateTime refundedAt;

    @Version
    public long version;
}
