package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.PlanPriceChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PlanPriceChangeRepository implements PanacheRepositoryBase<PlanPriceChange, UUID> {

    /** Every price change announced for the plan, past and upcoming, in no particular order. */
    public List<PlanPriceChange> forPlan(String planId) {
        return list("planId", planId);
    }

    /** True when a change of the plan's price on that day is already announced. */
    public boolean announcedFor(String planId, LocalDate effectiveOn) {
        return count("planId = ?1 and effectiveOn = ?2", planId, effectiveOn) > 0;
    }
}
