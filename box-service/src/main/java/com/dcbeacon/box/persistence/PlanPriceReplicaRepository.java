package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.PlanPriceReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.YearMonth;
import java.util.Optional;

@ApplicationScoped
public class PlanPriceReplicaRepository implements PanacheRepositoryBase<PlanPriceReplica, PlanPriceReplica.Key> {

    /**
     * The announced price with this key, or a new one holding only the key, not yet persisted: the caller fills it and
     * persists it.
     */
    public PlanPriceReplica findOrNew(PlanPriceReplica.Key key) {
        return findByIdOptional(key).orElseGet(() -> {
            PlanPriceReplica created = new PlanPriceReplica();
            created.key = key;
            return created;
        });
    }

    /** The announced price in force on the first day of {@code cycle}, if any change applies by then. */
    public Optional<PlanPriceReplica> inForce(String planId, YearMonth cycle) {
        return find("key.planId = ?1 and key.effectiveOn <= ?2 order by key.effectiveOn desc", planId, cycle.atDay(1))
                .firstResultOptional();
    }
}
