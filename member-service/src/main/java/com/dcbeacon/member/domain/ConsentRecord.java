package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * What a member was shown and agreed to for one action that changes what they are charged: the terms (text and
 * version), the plan, its price in cents and currency, the billing cycle and the first cycle it applies to, when, and
 * through which channel by whom. Written in the transaction of the action. After erasure only the pseudonymised part
 * is left: {@link #memberId} and a member's own {@link #actorId} are cleared, {@link #memberKey} stays.
 */
@Entity
@Table(name = "consent_record")
public class ConsentRecord {

    @Id
    public UUID id;

    /** Null once the member is erased. */
    @Column(name = "member_id")
    public UUID memberId;

    /** SHA-256 of the member id, as on the erasure record: finds the records again only for whoever holds the id. */
    @Column(name = "member_key", nullable = false)
    public String memberKey;

    @Column(name = "subscription_id")
    public UUID subscriptionId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentAction action;

    @Column(name = "plan_id", nullable = false)
    public String planId;

    @Column(name = "price_cents", nullable = false)
    public long priceCents;

    @Column(nullable = false)
    public String currency;

    @Column(name = "billing_cycle", nullable = false)
    public String billingCycle;

    /** The first cycle ({@code YYYY-MM}) the action applies to; null for a cancel or a pause without an end. */
    @Column(name = "first_cycle")
    public String firstCycle;

    @Column(name = "terms_version", nullable = false)
    public String termsVersion;

    @Column(name = "terms_text", nullable = false)
    public String termsText;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ConsentChannel channel;

    @Column(name = "actor_id")
    public String actorId;

    @Column(name = "recorded_at", nullable = false)
    public OffsetDateTime recordedAt;

    /** The price change a {@link ConsentAction#PRICE_CHANGE_ACCEPTED} record is about. */
    @Column(name = "source_id")
    public UUID sourceId;

    @Column(name = "pseudonymised_at")
    public OffsetDateTime pseudonymisedAt;
}
