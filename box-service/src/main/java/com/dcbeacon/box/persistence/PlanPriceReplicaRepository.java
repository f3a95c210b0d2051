package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.PlanPriceReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.Optional;

@ApplicationScoped
public class PlanPriceReplicaRepository implements PanacheRepositoryBase<PlanPriceReplica, PlanPriceReplica.Key> {

    /** The announced price in force on the first day of {@code cycle}, if any change applies by then. */
    public Optional<PlanPriceReplica> inForce(String planId, YearMonth cycle) {
        return find("key.planId = ?1 and key.effectiveOn <= ?2 order by key.effectiveOn desc", planId, cycle.atDay(1))
                .firstResultOptional();
    }
}
