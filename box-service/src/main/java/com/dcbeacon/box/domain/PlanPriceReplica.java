package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A plan price change member-service announced: from {@code effectiveOn} the plan costs {@code newPriceCents}. */
@Entity
@Table(name = "plan_price_replica")
public class PlanPriceReplica {

    @Embeddable
    public record Key(
            @Column(name = "plan_id") String planId,
            @Column(name = "effective_on") LocalDate effectiveOn) {}

    @EmbeddedId
    public Key key;

    @Column(name = "new_price_cents", nullable = false)
    public long newPriceCents;

    @Column(nullable = false)
    public String currency;
}
