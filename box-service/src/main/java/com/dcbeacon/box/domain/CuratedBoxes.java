package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Persists a decided page of a curation run: the boxes of members still as the run found them, the stock they take
 * (StockAllocated) and their BoxCurated, all in the caller's transaction, so a crash never leaves a box without its
 * stock or the other way round.
 */
@ApplicationScoped
public class CuratedBoxes {

    private final Outbox outbox;
    private final StockMovements stock;
    private final ErasedMembers erased;
    private final BoxRepository boxes;
    private final SubscriptionReplicaRepository subscriptions;
    private final PreferenceReplicaRepository preferences;
    private final CatalogueProductRepository catalogue;
    private final ProductPulls pulls;

    public CuratedBoxes(
            Outbox outbox,
            StockMovements stock,
            ErasedMembers erased,
            BoxRepository boxes,
            SubscriptionReplicaRepository subscriptions,
            PreferenceReplicaRepository preferences,
            CatalogueProductRepository catalogue,
            ProductPulls pulls) {
        this.outbox = outbox;
        this.stock = stock;
        this.erased = erased;
        this.boxes = boxes;
        this.subscriptions = subscriptions;
        this.preferences = preferences;
        this.catalogue = catalogue;
        this.pulls = pulls;
    }

    /**
     * What a page committed: its boxes as decided, those of its members who already held a box for the cycle (an
     * earlier try of the same commit reached the database and only its acknowledgement was lost: their boxes and stock
     * are not written again), and the products recalled or put under review since the run read
     * the catalogue, which the page's boxes were pulled from in the same transaction and which later pages must not
     * place.
     */
    record Committed(List<CuratedBox> boxes, List<CuratedBox> earlier, Set<UUID> pulled, Map<UUID, Integer> stockNow) {

        /** Every decided box in the database now, written by this commit or by an earlier try of it. */
        List<CuratedBox> all() {
            return java.util.stream.Stream.concat(boxes.stream(), earlier.stream())
                    .toList();
        }
    }

    /**
     * A page decided more units of a product than its locked row holds now: the brand lowered its stock after the run
     * read it. The page's transaction rolls back; {@code available} (product id to units there were before the page)
     * is what the page may be decided again from.
     */
    static final class StockFell extends RuntimeException {
        final transient Map<UUID, Integer> available;

        StockFell(Map<UUID, Integer> available) {
            super("stock fell below what the page decided: " + available, null, false, false);
            this.available = Map.copyOf(available);
        }
    }

    /**
     * Persists the boxes of {@code decided} whose members did not change since the run read them. The run decided from
     * the catalogue as it was when it started: a product recalled or put under review since (its row is locked and read
     * again when its stock is taken) leaves these boxes at once, as it left every box before ({@link ProductPulls}). A
     * product whose stock fell below what the page takes fails the page with {@link StockFell}: stock is never taken
     * beyond what there is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Committed persist(List<CuratedBox> decided, YearMonth cycle, Map<UUID, BoxTerms> terms) {
        Set<UUID> boxed = boxedAlready(decided, cycle);
        Set<UUID> still = stillAsDecided(decided, cycle, terms);
        List<CuratedBox> kept = decided.stream()
                .filter(b -> still.contains(b.memberId()) && !boxed.contains(b.memberId()))
                .toList();
        List<CuratedBox> earlier =
                decided.stream().filter(b -> boxed.contains(b.memberId())).toList();
        insert(kept, cycle, terms);
        Map<UUID, Integer> units = new HashMap<>();
        kept.forEach(b -> b.items().forEach(i -> units.merge(i.product().productId(), 1, Integer::sum)));
        // Locks the products in ascending id order and lowers their stock, reading each as it is now.
        Map<UUID, CatalogueProductRepository.StockTaken> taken = stock.allocateAnnouncedLater(units, cycle.toString());
        Map<UUID, Integer> shortOf = new HashMap<>();
        Map<UUID, Integer> stockNow = new HashMap<>();
        units.forEach((productId, took) -> {
            CatalogueProductRepository.StockTaken now = taken.get(productId);
            if (now != null && now.stock() < 0) {
                shortOf.put(productId, Math.max(0, now.stock() + took));
            } else if (now != null) {
                stockNow.put(productId, now.stock());
            }
        });
        if (!shortOf.isEmpty()) {
            throw new StockFell(shortOf); // rolls the page back: nothing of it is written
        }
        Set<UUID> pulled = new HashSet<>();
        for (UUID productId : new TreeSet<>(units.keySet())) {
            CatalogueProductRepository.StockTaken now = taken.get(productId);
            if (now != null && (now.status() == ProductStatus.RECALLED || now.underReview())) {
                boxes.flush();
                pulls.fromOpenBoxes(productId, now.status() == ProductStatus.RECALLED ? "recalled" : "under review");
                pulled.add(productId);
            }
        }
        return new Committed(kept, earlier, pulled, stockNow);
    }

    /**
     * What an earlier try of this page's commit wrote, the run having recorded the page: the decided boxes whose
     * members hold a box for the cycle, and the products among them recalled or put under review since (that try pulled
     * them from its boxes). Writes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Committed committedEarlier(List<CuratedBox> decided, YearMonth cycle) {
        Set<UUID> boxed = boxedAlready(decided, cycle);
        List<CuratedBox> earlier =
                decided.stream().filter(b -> boxed.contains(b.memberId())).toList();
        Set<UUID> pulled = new HashSet<>();
        earlier.forEach(b -> b.items().forEach(i -> {
            CatalogueProduct now = catalogue.findById(i.product().productId());
            if (now != null && (now.status == ProductStatus.RECALLED || now.underReview)) {
                pulled.add(now.productId);
            }
        }));
        return new Committed(List.of(), earlier, pulled, Map.of());
    }

    /**
     * Members of the batch who already hold a box for the cycle: an earlier try of this commit reached the database
     * (the connection dropped after COMMIT, and the retry does not know). Their boxes are not inserted again and their
     * stock not allocated again; the unique index on a member's live box per cycle is the last guard.
     */
    private Set<UUID> boxedAlready(List<CuratedBox> batch, YearMonth cycle) {
        List<UUID> ids = batch.stream().map(CuratedBox::memberId).toList();
        return ids.isEmpty() ? Set.of() : new HashSet<>(boxes.boxedMembers(ids, cycle.toString()));
    }

    /**
     * Writes the boxes with their items by COPY ({@link BoxRepository#insertAll}; not as managed entities: nothing in the
     * page changes them again, and flushing hundreds of boxes with element collections was a large part of a page's
     * commit), then each box's BoxCurated in the order of the boxes.
     */
    private void insert(List<CuratedBox> kept, YearMonth cycle, Map<UUID, BoxTerms> terms) {
        List<Box> written = new ArrayList<>();
        for (CuratedBox curated : kept) {
            if (!curated.items().isEmpty()) {
                written.add(Box.curated(
                        curated.memberId(),
                        cycle.toString(),
                        terms.get(curated.memberId()),
                        curated.items().stream().map(Box.Item::of).toList(),
                        OffsetDateTime.now(ZoneOffset.UTC)));
            }
        }
        boxes.insertAll(written);
        for (Box box : written) {
            outbox.publish(
                    EventType.BOX_CURATED,
                    box.memberId.toString(),
                    new BoxCurated(
                            box.id,
                            box.memberId,
                            box.cycle,
                            box.items.stream().map(Box.Item::told).toList(),
                            box.curatedAt,
                            box.planId,
                            box.priceCents,
                            box.currency));
        }
    }

    /**
     * Members of a batch whose box may still be committed: the run decided from replicas read when it started, and a
     * member may have skipped, paused, cancelled, changed plan or preferences, or been erased since. Read again in the
     * batch's transaction; a member who changed is left for the next run. (A change committing while the batch commits
     * is caught by the subscription event itself, which withdraws the committed box.)
     */
    private Set<UUID> stillAsDecided(List<CuratedBox> batch, YearMonth cycle, Map<UUID, BoxTerms> terms) {
        List<UUID> ids = batch.stream().map(CuratedBox::memberId).toList();
        Map<UUID, SubscriptionReplica> subscriptionsNow =
                subscriptions.ofMembers(ids).stream().collect(Collectors.toMap(r -> r.memberId, r -> r));
        Map<UUID, Long> versions =
                preferences.ofMembers(ids).stream().collect(Collectors.toMap(r -> r.memberId, r -> r.version));
        Set<UUID> erasedNow = erased.erasedAmong(ids);
        Set<UUID> still = new HashSet<>();
        for (UUID member : ids) {
            SubscriptionReplica s = subscriptionsNow.get(member);
            BoxTerms decided = terms.get(member);
            if (s != null
                    && decided != null
                    && !erasedNow.contains(member)
                    && BoxEligibility.receivesBox(s.eligibility(), cycle)
                    && Objects.equals(s.subscriptionId, decided.subscriptionId())
                    && Objects.equals(s.planId, decided.planId())
                    && versions.getOrDefault(member, -1L) == decided.preferencesVersion()) {
                still.add(member);
            }
        }
        return still;
    }
}
