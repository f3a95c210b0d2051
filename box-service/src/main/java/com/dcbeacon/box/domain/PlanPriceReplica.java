package com.dcbeacon.box.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/** A plan price change member-service announced: from {@code effectiveOn} the plan costs {@code newPriceCents}. */
@Entity
@Table(name = "plan_price_replica")
public class PlanPriceReplica extends PanacheEntityBase {

    @Embeddable
    public record Key(@Column(name = "plan_id") String planId, @Column(name = "effective_on") LocalDate effectiveOn) {
    }

    @EmbeddedId
    public Key key;

    @Column(name = "new_price_cents", nullable = false)
    public long newPriceCents;

    @Column(nullable = false)
    public String currency;

    /** The announced price in force on the first day of {@code cycle}, if any change applies by then. */
    public static Optional<PlanPriceReplica> inForce(String planId, YearMonth cycle) {
        return PlanPriceReplica.<PlanPriceReplica>find("key.planId = ?1 and key.effectiveOn <= ?2 order by key.effectiveOn desc",
                planId, cycle.atDay(1)).firstResultOptional();
    }
}
