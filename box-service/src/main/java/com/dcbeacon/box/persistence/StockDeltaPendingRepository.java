package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.StockDeltaPending;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.hibernate.StatelessSession;

@ApplicationScoped
public class StockDeltaPendingRepository implements PanacheRepositoryBase<StockDeltaPending, UUID> {

    private final StatelessSession statelessSession;

    public StockDeltaPendingRepository(StatelessSession statelessSession) {
        this.statelessSession = statelessSession;
    }

    /** Writes new deltas in one JDBC batch through a stateless session, in the current transaction (as boxes are). */
    public void insertAll(List<StockDeltaPending> deltas) {
        if (!deltas.isEmpty()) {
            statelessSession.insertMultiple(deltas);
        }
    }

    /** Units of the product announced to brand-service and not yet confirmed (+ allocated, − released). */
    public int pendingUnits(UUID productId) {
        return getEntityManager()
                .createQuery(
                        "select coalesce(sum(d.units), 0) from StockDeltaPending d where d.productId = ?1",
                        Number.class)
                .setParameter(1, productId)
                .getSingleResult()
                .intValue();
    }
}
