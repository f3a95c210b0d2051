package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.curation.Campaign;
import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.Curator;
import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.curation.PagedCuration;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs curation for a cycle in the background, a page of members at a time in bounded memory: read the page, decide
 * its boxes with {@link Curator} from the page's fair share of the stock, then persist the boxes and announce them
 * (BoxCurated, StockAllocated) in the page's transaction, updating the run's progress as it goes.
 * Members who already have a box for the cycle are skipped, so re-running a cycle never gives anyone a
 * second box (and the database refuses one anyway).
 */
@ApplicationScoped
public class CurationRuns {

    private static final Logger LOG = Logger.getLogger(CurationRuns.class);

    private final Outbox outbox;
    private final StockMovements stock;
    private final CurationLease lease;
    private final ErasedMembers erased;
    /** Reason in {@code membersSkipped}: the member's subscription or preferences changed after the run read them. */
    static final String CHANGED_DURING_RUN = "changed while the run was deciding: next run";
    /**
     * Members read, decided and committed together, with the stock they take ({@code dcbeacon.curation.batch-size}, 500):
     * a run holds one page of members in memory at a time.
     */
    private final int batchSize;
    private final Event<CurationPageDecided> pageDecided;
    /** Runs executing in this process. */
    private final java.util.Set<UUID> executing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CurationRuns(Outbox outbox, StockMovements stock, CurationLease lease, ErasedMembers erased,
            Event<CurationPageDecided> pageDecided,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dcbeacon.curation.batch-size", defaultValue = "500") int batchSize) {
        this.batchSize = batchSize;
        this.pageDecided = pageDecided;
        this.erased = erased;
        this.outbox = outbox;
        this.stock = stock;
        this.lease = lease;
    }

    /** The run, if this instance still holds its lease; every batch checks, so a run taken over is never run twice. */
    private CurationRun owned(UUID runId) {
        CurationRun run = CurationRun.findById(runId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (!lease.instance().equals(run.owner) || !"RUNNING".equals(run.status)) {
            throw new LeaseLost();
        }
        return run;
    }

    private static final class LeaseLost extends RuntimeException {
    }

    /** Takes over every run whose owner stopped beating its heart, and finishes it here. */
    void resumeAbandoned() {
        for (CurationRun run : lease.takeOverAbandoned(executing)) {
            LOG.warnf("Curation run %s for %s was abandoned by its owner; resuming it (attempt %d)", run.id, run.cycle, run.attempts);
            Infrastructure.getDefaultWorkerPool().execute(() -> execute(run.id, YearMonth.parse(run.cycle)));
        }
    }

    /**
     * Starts a run; 409 while another run of the same cycle is still going (checked here, and enforced by a unique index
     * on running runs per cycle, so two instances racing cannot both start one).
     */
    public CurationRun start(YearMonth cycle) {
        CurationRun run;
        try {
            run = QuarkusTransaction.requiringNew().call(() -> {
                if (CurationRun.count("cycle = ?1 and status = 'RUNNING'", cycle.toString()) > 0) {
                    throw ProblemException.conflict("a curation run for " + cycle + " is still running");
                }
                CurationRun created = new CurationRun();
                created.id = UUID.randomUUID();
                created.cycle = cycle.toString();
                created.status = "RUNNING";
                created.startedAt = now();
                created.owner = lease.instance();
                created.heartbeatAt = created.startedAt;
                created.persist();
                return created;
            });
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (uniqueViolation(e)) { // another instance started one at the same moment
                throw ProblemException.conflict("a curation run for " + cycle + " is still running");
            }
            throw e;
        }
        Infrastructure.getDefaultWorkerPool().execute(() -> execute(run.id, cycle));
        return run;
    }

    /**
     * Runs (or, after a takeover, finishes) a run, one page of {@code dcbeacon.curation.batch-size} members at a time
     * (see {@link CurationPages}): read the page's members, decide their boxes from the page's fair share of the stock
     * and campaign units ({@link PagedCuration}), commit them. Safe to repeat: members who already have a box for the
     * cycle are skipped, and each page's boxes commit together with the stock they take, so a run killed at any point
     * and resumed boxes every eligible member exactly once with exact stock.
     */
    void execute(UUID runId, YearMonth cycle) {
        if (!executing.add(runId)) {
            return; // already running in this process
        }
        try {
            // The catalogue (stock as it is now, after any earlier attempt took its share) and campaigns stay in memory.
            PagedCuration curation = QuarkusTransaction.requiringNew().call(() -> new PagedCuration(cycle.toString(),
                    BoxLifecycle.curatableCatalogue(), campaignUnitsLeft(cycle)));
            long total = QuarkusTransaction.requiringNew().call(CurationPages::total);
            progress(runId, run -> {
                // After a takeover, members boxed by the earlier attempt count as "already has a box".
                run.boxesCurated = 0;
                run.unfilledSlots = 0;
                run.membersTotal = (int) total;
                run.membersDone = 0;
                run.membersSkipped = new HashMap<>();
            });
            CurationPages pages = new CurationPages(cycle, batchSize);
            for (Optional<CurationPages.Page> page = QuarkusTransaction.requiringNew().call(pages::next); page.isPresent();
                    page = QuarkusTransaction.requiringNew().call(pages::next)) {
                commit(runId, cycle, page.get(), curation);
            }
            QuarkusTransaction.requiringNew().run(() -> {
                CurationRun run = owned(runId);
                run.campaignFulfilment = fulfilment(cycle);
                run.status = "DONE";
                run.finishedAt = now();
            });
        } catch (LeaseLost e) {
            LOG.warnf("Curation run %s is now run by another instance; this one stops", runId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Curation run %s failed", runId);
            progress(runId, run -> {
                run.status = "FAILED";
                run.failure = e.getMessage();
                run.finishedAt = now();
            });
        } finally {
            executing.remove(runId);
        }
    }

    /** Decides one page and commits its boxes, the stock they take and the run's progress in one transaction. */
    private void commit(UUID runId, YearMonth cycle, CurationPages.Page page, PagedCuration curation) {
        Curator.Result decided = curation.decide(page.members(), page.read(), page.membersAfter());
        pageDecided.fire(new CurationPageDecided(runId, cycle.toString(), page.members().stream().map(CurationMember::memberId).toList()));
        List<CuratedBox> committed = QuarkusTransaction.requiringNew().call(() -> {
            Set<UUID> still = stillAsDecided(decided.boxes(), cycle, page.terms());
            List<CuratedBox> boxes = decided.boxes().stream().filter(b -> still.contains(b.memberId())).toList();
            boxes.forEach(b -> persist(b, cycle, page.terms().get(b.memberId())));
            // The page's boxes and the stock they take commit together: a crash never leaves one without the other.
            Map<UUID, Integer> units = new HashMap<>();
            boxes.forEach(b -> b.items().forEach(i -> units.merge(i.product().productId(), 1, Integer::sum)));
            stock.allocate(units, cycle.toString());
            CurationRun run = owned(runId);
            run.membersDone += page.read();
            run.boxesCurated += (int) boxes.stream().filter(b -> !b.items().isEmpty()).count();
            run.unfilledSlots += boxes.stream().mapToInt(CuratedBox::shortfall).sum();
            Map<String, Integer> skipped = new HashMap<>(run.membersSkipped);
            page.skipped().forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
            if (boxes.size() < decided.boxes().size()) {
                skipped.merge(CHANGED_DURING_RUN, decided.boxes().size() - boxes.size(), Integer::sum);
            }
            run.membersSkipped = skipped;
            return boxes;
        });
        curation.committed(committed);
    }

    private void persist(CuratedBox curated, YearMonth cycle, Terms terms) {
        if (curated.items().isEmpty()) {
            return;
        }
        Box box = new Box();
        box.id = UUID.randomUUID();
        box.memberId = curated.memberId();
        box.cycle = cycle.toString();
        box.status = Box.CURATED;
        box.subscriptionId = terms.subscriptionId();
        box.planId = terms.planId();
        box.priceCents = terms.priceCents();
        box.currency = terms.currency();
        box.curatedAt = now();
        box.items = new ArrayList<>(curated.items().stream().map(i -> new Box.Item(i.product().productId(),
                i.product().brandId(), i.product().brandName(), i.product().sku(), i.product().name(), i.product().category(),
                i.reason(), i.sponsored())).toList());
        box.persist();
        outbox.publish(EventType.BOX_CURATED, box.memberId.toString(), new BoxCurated(box.id, box.memberId, box.cycle,
                box.items.stream().map(i -> new BoxCurated.Item(i.productId(), i.sponsored())).toList(), box.curatedAt,
                box.planId, box.priceCents, box.currency));
    }

    /** What a box is curated for: the member's subscription, plan, and the plan's price for the cycle in cents. */
    record Terms(UUID subscriptionId, String planId, long priceCents, String currency, long preferencesVersion) {

        /** @param inForce the price change of the member's plan in force for the cycle, if any */
        static Terms of(SubscriptionReplica s, java.util.Optional<PlanPriceReplica> inForce, long preferencesVersion) {
            return inForce
                    .map(p -> new Terms(s.subscriptionId, s.planId, p.newPriceCents, p.currency, preferencesVersion))
                    .orElseGet(() -> new Terms(s.subscriptionId, s.planId, s.priceCents, s.currency, preferencesVersion));
        }
    }

    /**
     * Members of a batch whose box may still be committed: the run decided from replicas read when it started, and a
     * member may have skipped, paused, cancelled, changed plan or preferences, or been erased since. Read again in the
     * batch's transaction; a member who changed is left for the next run. (A change committing while the batch commits
     * is caught by the subscription event itself, which withdraws the committed box.)
     */
    private Set<UUID> stillAsDecided(List<CuratedBox> batch, YearMonth cycle, Map<UUID, Terms> terms) {
        List<UUID> ids = batch.stream().map(CuratedBox::memberId).toList();
        Map<UUID, SubscriptionReplica> subscriptions = SubscriptionReplica.<SubscriptionReplica>list("memberId in ?1", ids).stream()
                .collect(Collectors.toMap(r -> r.memberId, r -> r));
        Map<UUID, Long> versions = PreferenceReplica.<PreferenceReplica>list("memberId in ?1", ids).stream()
                .collect(Collectors.toMap(r -> r.memberId, r -> r.version));
        Set<UUID> still = new HashSet<>();
        for (UUID member : ids) {
            SubscriptionReplica s = subscriptions.get(member);
            Terms decided = terms.get(member);
            if (s != null && decided != null && !erased.isErased(member)
                    && BoxEligibility.receivesBox(new BoxEligibility.Subscription(BoxEligibility.Status.valueOf(s.status),
                            s.pausedUntil, Set.copyOf(s.skippedCycles)), cycle)
                    && java.util.Objects.equals(s.subscriptionId, decided.subscriptionId()) && java.util.Objects.equals(s.planId, decided.planId())
                    && versions.getOrDefault(member, -1L) == decided.preferencesVersion()) {
                still.add(member);
            }
        }
        return still;
    }

    /**
     * Sponsored units of the cycle's campaigns still to place, one entry per product: committed minus what live boxes of
     * the cycle already hold (an earlier attempt of this run, or an earlier run), so a resumed run never over-places.
     */
    private static List<Campaign> campaignUnitsLeft(YearMonth cycle) {
        Map<UUID, Integer> placed = sponsoredPlaced(cycle);
        Map<UUID, Integer> committed = new HashMap<>();
        Map<UUID, Integer> maxPerBox = new HashMap<>();
        for (CampaignReplica c : CampaignReplica.<CampaignReplica>list("cycle", cycle.toString())) {
            committed.merge(c.productId, c.units, Integer::sum);
            maxPerBox.merge(c.productId, c.maxPerBox, Math::max);
        }
        return committed.entrySet().stream().map(e -> new Campaign(e.getKey(),
                Math.max(0, e.getValue() - placed.getOrDefault(e.getKey(), 0)), maxPerBox.get(e.getKey()))).toList();
    }

    /** Sponsored items in live boxes of the cycle, by product id. */
    private static Map<UUID, Integer> sponsoredPlaced(YearMonth cycle) {
        Map<UUID, Integer> placed = new HashMap<>();
        Box.getEntityManager().createQuery("""
                select i.productId, count(i) from Box b join b.items i
                where b.cycle = ?1 and b.status <> ?2 and i.sponsored = true group by i.productId""", Object[].class)
                .setParameter(1, cycle.toString()).setParameter(2, Box.WITHDRAWN).getResultList()
                .forEach(r -> placed.put((UUID) r[0], ((Number) r[1]).intValue()));
        return placed;
    }

    /** Per brand: sponsored units committed for the cycle and placed in its live boxes (by this run and any before it). */
    private static Map<String, Map<String, Integer>> fulfilment(YearMonth cycle) {
        Map<UUID, Integer> placed = sponsoredPlaced(cycle);
        Map<String, Map<String, Integer>> byBrand = new HashMap<>();
        for (CampaignReplica c : CampaignReplica.<CampaignReplica>list("cycle", cycle.toString())) {
            Map<String, Integer> figures = byBrand.computeIfAbsent(c.brandId.toString(), b -> new HashMap<>(Map.of("committed", 0, "placed", 0)));
            figures.merge("committed", c.units, Integer::sum);
            Integer units = placed.remove(c.productId);
            if (units != null) {
                figures.merge("placed", units, Integer::sum);
            }
        }
        return byBrand;
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void progress(UUID runId, java.util.function.Consumer<CurationRun> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(CurationRun.findById(runId)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
