package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member's subscription as its events describe it: plan size, status, pause and skipped cycles. */
@Entity
@Table(name = "subscription_replica")
public class SubscriptionReplica {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @Column(name = "subscription_id", nullable = false)
    public UUID subscriptionId;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "items_per_box", nullable = false)
    public int itemsPerBox;

    /** What the member pays per box now, for credits. */
    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public String currency = "EUR";

    /**
     * The member joined the plan while a price change was announced less than 30 days ahead: a box of a cycle starting
     * before this day costs {@link #priceCents}, whatever the plan's announced prices; null when none is held.
     */
    @Column(name = "price_held_until")
    public LocalDate priceHeldUntil;

    /** The preferences version member-service held when it wrote this member's latest subscription event. */
    @Column(name = "preferences_version_required", nullable = false)
    public long preferencesVersionRequired;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public BoxEligibility.Status status;

    @Column(name = "paused_until")
    public String pausedUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_cycles", nullable = false)
    public List<String> skippedCycles = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The subscription as {@link BoxEligibility} decides on it. */
    public BoxEligibility.Subscription eligibility() {
        return new BoxEligibility.Subscription(status, pausedUntil, Set.copyOf(skippedCycles));
    }
}
