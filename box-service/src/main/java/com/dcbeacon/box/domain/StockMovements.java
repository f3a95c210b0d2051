package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.StockDeltaPendingRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.events.payload.StockReleased;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps stock exact across the two services. Every change to a box's contents moves stock here, in the same transaction
 * as the change: the local view goes down (allocation) or up (release) at once and a StockAllocated or StockReleased
 * event, keyed by product id, tells brand-service, which applies each once.
 *
 * <p>Reconciliation: brand-service answers every delta it applies with a ProductStockChanged naming it
 * ({@code appliedDelta}). Until then the delta is pending here. The local stock is always the brand's last announced
 * stock minus the pending deltas, so a brand restock, an in-flight allocation and a confirmation can arrive in any
 * interleaving and the local view never counts a unit twice or forgets one.
 */
@ApplicationScoped
public class StockMovements {

    private static final Logger LOG = Logger.getLogger(StockMovements.class);

    private final Outbox outbox;
    private final CatalogueProductRepository catalogue;
    private final StockDeltaPendingRepository pendingDeltas;

    public StockMovements(
            Outbox outbox, CatalogueProductRepository catalogue, StockDeltaPendingRepository pendingDeltas) {
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.pendingDeltas = pendingDeltas;
    }

    /** Allocates units per product (product id → units ≥ 1) for boxes of {@code cycle} ({@code YYYY-MM}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void allocate(Map<UUID, Integer> unitsByProduct, String cycle) {
        // Locks in product order, so concurrent batches and swaps never deadlock on catalogue rows; all in one
        // statement.
        Map<UUID, CatalogueProduct> locked = catalogue.lockAll(unitsByProduct.keySet());
        List<StockDeltaPending> deltas = new ArrayList<>();
        new TreeMap<>(unitsByProduct)
                .forEach((productId, units) -> move(locked.get(productId), productId, units, cycle, null, deltas::add));
        pendingDeltas.insertAll(deltas); // one batch for the page, not one entity per product
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void allocate(UUID productId, int units, String cycle) {
        move(productId, units, cycle, null);
    }

    /** Gives units back (an item left a box before shipping); {@code reason} says why, for brand-service's log. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void release(UUID productId, int units, String cycle, String reason) {
        move(productId, -units, cycle, reason);
    }

    /** brand-service announced its stock, after applying {@code appliedDelta} (null for a change the brand made). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void brandAnnounced(CatalogueProduct product, int brandStock, UUID appliedDelta) {
        if (appliedDelta != null) {
            pendingDeltas.deleteById(appliedDelta);
        }
        product.brandStock = brandStock;
        product.stock = brandStock - pendingDeltas.pendingUnits(product.productId);
    }

    private void move(UUID productId, int units, String cycle, String reason) {
        if (units != 0) {
            move(catalogue.lock(productId), productId, units, cycle, reason, pendingDeltas::persist);
        }
    }

    /**
     * {@code product} is the locked row of {@code productId}, or null when it is unknown; {@code written} writes the
     * pending delta (persisted at once, or gathered into one batch).
     */
    private void move(
            CatalogueProduct product,
            UUID productId,
            int units,
            String cycle,
            String reason,
            Consumer<StockDeltaPending> written) {
        if (units == 0) {
            return;
        }
        if (product == null) {
            // Boxes only ever hold replicated products; a missing one is a bug worth a loud log, not a lost delta.
            LOG.errorf("Stock move of %d units for unknown product %s", units, productId);
        } else {
            product.stock -= units;
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        StockDeltaPending pending = new StockDeltaPending();
        pending.deltaId = UUID.randomUUID();
        pending.productId = productId;
        pending.units = units;
        pending.createdAt = now;
        written.accept(pending);
        if (units > 0) {
            outbox.publish(
                    EventType.STOCK_ALLOCATED,
                    productId.toString(),
                    new StockAllocated(pending.deltaId, productId, cycle, units, now));
        } else {
            outbox.publish(
                    EventType.STOCK_RELEASED,
                    productId.toString(),
                    new StockReleased(pending.deltaId, productId, cycle, -units, reason, now));
        }
    }
}
