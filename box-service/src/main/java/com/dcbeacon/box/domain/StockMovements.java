package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.StockDeltaPendingRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.events.payload.StockReleased;
import com.dcbeacon.platform.outbox.Outbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
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
 * event, keyed by product id, tells brand-service, which applies each once. A curation page's allocations are told
 * later, summed per product and cycle over the pages of a run ({@link #announcePending}).
 *
 * <p>Reconciliation: brand-service answers every delta it applies with a ProductStockChanged naming it
 * ({@code appliedDelta}). Until then the delta is pending here. The local stock is always the brand's last announced
 * stock minus the pending deltas, so a brand restock, an in-flight allocation and a confirmation can arrive in any
 * interleaving and the local view never counts a unit twice or forgets one.
 */
@ApplicationScoped
public class StockMovements {

    private static final Logger LOG = Logger.getLogger(StockMovements.class);
    /** Unannounced deltas taken per transaction by {@link #announcePending}. */
    static final int ANNOUNCE_AT_ONCE = 20_000;

    private final Outbox outbox;
    private final CatalogueProductRepository catalogue;
    private final StockDeltaPendingRepository pendingDeltas;

    public StockMovements(
            Outbox outbox, CatalogueProductRepository catalogue, StockDeltaPendingRepository pendingDeltas) {
        this.outbox = outbox;
        this.catalogue = catalogue;
        this.pendingDeltas = pendingDeltas;
    }

    /**
     * Allocates units per product (product id → units ≥ 1) for boxes of {@code cycle} ({@code YYYY-MM}): the products'
     * rows locked in ascending id order and their stock lowered in one statement
     * ({@link CatalogueProductRepository#takeAll}), the pending deltas written in one batch, not announced yet: a
     * curation run announces its pages' deltas together when it is done ({@link #announcePending}), one StockAllocated
     * per product and cycle rather than one per product and page (a run of 10,000 members placed ~1,500 products in
     * each of its 21 pages: 32,000 events, about half of the run's time). The local stock is lowered at once either way.
     * Returns each known product's row as it is after the allocation (stock below 0 when the product holds fewer units
     * than were allocated; the caller decides whether to roll back). Product entities this transaction loaded earlier
     * are read again, so they show the allocation.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Map<UUID, CatalogueProductRepository.StockTaken> allocateAnnouncedLater(
            Map<UUID, Integer> unitsByProduct, String cycle) {
        Map<UUID, CatalogueProductRepository.StockTaken> taken = catalogue.takeAll(unitsByProduct);
        List<StockDeltaPending> deltas = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        new TreeMap<>(unitsByProduct).forEach((productId, units) -> {
            if (units != 0 && !taken.containsKey(productId)) {
                unknown(productId, units);
            }
            if (units != 0) {
                deltas.add(delta(productId, units, cycle, false, now));
            }
        });
        pendingDeltas.insertAll(deltas); // one batch for the page, not one entity per product
        return taken;
    }

    /**
     * Announces the deltas not announced yet, {@value #ANNOUNCE_AT_ONCE} rows per transaction: per product and cycle
     * their units become one pending delta and one StockAllocated (or StockReleased), so brand-service applies the sum
     * once and confirms it by the new delta's id. Rows another transaction holds (a page still committing, another
     * replica announcing) are left to the next call, and so are rows committed while this call works (the next pages of
     * a run still going). Called when a curation run or shard is done here, and every
     * {@code dcbeacon.stock.announce-every} (30 s) for what a run that died left, or one still going on another replica.
     *
     * @return the number of events recorded
     */
    public int announcePending() {
        int announced = 0;
        Announced some;
        do {
            some = QuarkusTransaction.requiringNew().call(this::announceSome);
            announced += some.events();
        } while (some.deltas() == ANNOUNCE_AT_ONCE);
        return announced;
    }

    /** One transaction's announcement: deltas taken, events recorded. */
    private record Announced(int deltas, int events) {}

    private Announced announceSome() {
        List<StockDeltaPendingRepository.Unannounced> sums = pendingDeltas.takeUnannounced(ANNOUNCE_AT_ONCE);
        List<StockDeltaPending> deltas = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int taken = 0;
        for (StockDeltaPendingRepository.Unannounced sum : sums) {
            taken += sum.deltas();
            if (sum.units() != 0) {
                deltas.add(delta(sum.productId(), sum.units(), sum.cycle(), true, now));
            }
        }
        pendingDeltas.insertAll(deltas);
        deltas.forEach(delta -> announce(delta, "curation"));
        return new Announced(taken, deltas.size());
    }

    /** The periodic announcement's identity in the scheduler (tests pause it to see what a run announces itself). */
    public static final String ANNOUNCEMENT = "stock-announcement";

    @Scheduled(
            identity = ANNOUNCEMENT,
            every = "${dcbeacon.stock.announce-every:30s}",
            delayed = "${dcbeacon.stock.announce-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void announceLeftOver() {
        int events = announcePending();
        if (events > 0) {
            LOG.infof("Announced %d stock deltas left by curation", events);
        }
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
        if (units == 0) {
            return;
        }
        CatalogueProduct product = catalogue.lock(productId);
        if (product == null) {
            unknown(productId, units);
        } else {
            product.stock -= units;
        }
        record(productId, units, cycle, reason, pendingDeltas::persist);
    }

    /** Boxes only ever hold replicated products; a missing one is a bug worth a loud log, not a lost delta. */
    private static void unknown(UUID productId, int units) {
        LOG.errorf("Stock move of %d units for unknown product %s", units, productId);
    }

    /**
     * The pending delta of a move of {@code units} (positive allocates, negative releases) and its event;
     * {@code written} writes the delta (persisted at once, or gathered into one batch).
     */
    private void record(UUID productId, int units, String cycle, String reason, Consumer<StockDeltaPending> written) {
        if (units == 0) {
            return;
        }
        StockDeltaPending pending = delta(productId, units, cycle, true, OffsetDateTime.now(ZoneOffset.UTC));
        written.accept(pending);
        announce(pending, reason);
    }

    private static StockDeltaPending delta(
            UUID productId, int units, String cycle, boolean announced, OffsetDateTime now) {
        StockDeltaPending pending = new StockDeltaPending();
        pending.deltaId = UUID.randomUUID();
        pending.productId = productId;
        pending.units = units;
        pending.createdAt = now;
        pending.cycle = cycle;
        pending.announced = announced;
        return pending;
    }

    /** The delta's StockAllocated (units above 0) or StockReleased (below 0, for {@code reason}). */
    private void announce(StockDeltaPending delta, String reason) {
        if (delta.units > 0) {
            outbox.publish(
                    EventType.STOCK_ALLOCATED,
                    delta.productId.toString(),
                    new StockAllocated(delta.deltaId, delta.productId, delta.cycle, delta.units, delta.createdAt));
        } else {
            outbox.publish(
                    EventType.STOCK_RELEASED,
                    delta.productId.toString(),
                    new StockReleased(
                            delta.deltaId, delta.productId, delta.cycle, -delta.units, reason, delta.createdAt));
        }
    }
}
