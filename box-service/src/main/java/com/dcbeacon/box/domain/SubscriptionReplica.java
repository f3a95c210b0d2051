package com.dcbeacon.box.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member's subscription as its events describe it: plan size, status, pause and skipped cycles. */
@Entity
@Table(name = "subscription_replica")
public class SubscriptionReplica extends PanacheEntityBase {

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

    /** The preferences version member-service held when it wrote this member's latest subscription event. */
    @Column(name = "preferences_version_required", nullable = false)
    public long preferencesVersionRequired;

    @Column(nullable = false)
    public String status;

    @Column(name = "paused_until")
    public String pausedUntil;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "skipped_cycles", nullable = false)
    public List<String> skippedCycles = new ArrayList<>();

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;

    /** The member's replica, or a new one not yet persisted: a replica is created by whichever event comes first. */
    public static SubscriptionReplica forMember(java.util.UUID memberId) {
        return SubscriptionReplica.<SubscriptionReplica>findByIdOptional(memberId).orElseGet(() -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = memberId;
            return created;
        });
    }
}
