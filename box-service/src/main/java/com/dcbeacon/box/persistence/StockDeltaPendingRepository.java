package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.StockDeltaPending;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class StockDeltaPendingRepository implements PanacheRepositoryBase<StockDeltaPending, UUID> {

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
