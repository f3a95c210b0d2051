package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.PlanPriceChange;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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

    /**
     * A change in effect on {@code today} whose acceptances are not recorded yet, locked for the caller's transaction;
     * one another instance holds is skipped.
     */
    public Optional<PlanPriceChange> lockNextInEffectWithoutAcceptances(LocalDate today) {
        @SuppressWarnings("unchecked")
        List<PlanPriceChange> due = getEntityManager()
                .createNativeQuery("""
                        select * from plan_price_change
                        where effective_on <= ?1 and acceptances_recorded_at is null
                        order by effective_on
                        limit 1
                        for update skip locked""", PlanPriceChange.class)
                .setParameter(1, today)
                .getResultList();
        return due.stream().findFirst();
    }
}
