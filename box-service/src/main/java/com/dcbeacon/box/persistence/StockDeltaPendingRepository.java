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

    /**
     * Takes up to {@code limit} deltas not announced yet out of the table (rows another transaction holds are skipped)
     * and returns their units summed per product and cycle, in product order. The caller writes each sum back as one
     * announced delta in the same transaction.
     */
    public List<Unannounced> takeUnannounced(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows =
                getEntityManager().createNativeQuery("""
                        with taken as (
                            delete from stock_delta_pending where delta_id in (
                                select delta_id from stock_delta_pending where not announced
                                order by product_id limit ?1 for update skip locked)
                            returning product_id, cycle, units)
                        select product_id, cycle, sum(units), count(*) from taken group by product_id, cycle
                        order by product_id, cycle""").setParameter(1, limit).getResultList();
        return rows.stream()
                .map(r -> new Unannounced(
                        (UUID) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue()))
                .toList();
    }

    /** Units of a product moved for a cycle and not announced yet, summed over {@code deltas} rows. */
    public record Unannounced(UUID productId, String cycle, int units, int deltas) {}

    /** Units of the product not yet confirmed by brand-service, announced or not (+ allocated, − released). */
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
