package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.curation.Campaign;
import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.Curator;
import com.dcbeacon.box.curation.MemberProfile;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Runs curation for a cycle in the background: decide every box with {@link Curator}, then persist boxes
 * and announce them (BoxCurated, StockAllocated) in batches, updating the run's progress as it goes.
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
    /** Members whose boxes commit in one transaction, with the stock they take ({@code dcbeacon.curation.batch-size}). */
    private final int batchSize;
    /** Runs executing in this process. */
    private final java.util.Set<UUID> executing = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CurationRuns(Outbox outbox, StockMovements stock, CurationLease lease, ErasedMembers erased,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "dcbeacon.curation.batch-size", defaultValue = "500") int batchSize) {
        this.batchSize = batchSize;
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
     * Runs (or, after a takeover, finishes) a run. Safe to repeat: members who already have a box for the cycle are
     * skipped, and each batch's boxes commit together with the stock they take, so a run killed at any point and
     * resumed boxes every eligible member exactly once with exact stock.
     */
    void execute(UUID runId, YearMonth cycle) {
        if (!executing.add(runId)) {
            return; // already running in this process
        }
        try {
            Inputs inputs = QuarkusTransaction.requiringNew().call(() -> load(cycle));
            progress(runId, run -> {
                // After a takeover, members boxed by the earlier attempt count as "already has a box".
                run.boxesCurated = 0;
                run.unfilledSlots = 0;
                run.membersTotal = inputs.members().size() + inputs.skipped().values().stream().mapToInt(Integer::intValue).sum();
                run.membersDone = inputs.skipped().values().stream().mapToInt(Integer::intValue).sum();
                run.membersSkipped = inputs.skipped();
            });
            Curator.Result result = Curator.curate(cycle.toString(), inputs.members(), inputs.catalogue(), inputs.campaigns());
            Map<UUID, Terms> terms = inputs.terms();
            List<CuratedBox> boxes = result.boxes();
            for (int from = 0; from < boxes.size(); from += batchSize) {
                List<CuratedBox> batch = boxes.subList(from, Math.min(boxes.size(), from + batchSize));
                QuarkusTransaction.requiringNew().run(() -> {
                    Set<UUID> still = stillAsDecided(batch, cycle, terms);
                    List<CuratedBox> committed = batch.stream().filter(b -> still.contains(b.memberId())).toList();
                    committed.forEach(b -> persist(b, cycle, terms.get(b.memberId())));
                    // The batch's boxes and the stock they take commit together: a crash never leaves one without the other.
                    Map<UUID, Integer> units = new HashMap<>();
                    committed.forEach(b -> b.items().forEach(i -> units.merge(i.product().productId(), 1, Integer::sum)));
                    stock.allocate(units, cycle.toString());
                    CurationRun run = owned(runId);
                    run.membersDone += batch.size();
                    run.boxesCurated += (int) committed.stream().filter(b -> !b.items().isEmpty()).count();
                    run.unfilledSlots += committed.stream().mapToInt(CuratedBox::shortfall).sum();
                    if (committed.size() < batch.size()) {
                        Map<String, Integer> skippedNow = new HashMap<>(run.membersSkipped);
                        skippedNow.merge(CHANGED_DURING_RUN, batch.size() - committed.size(), Integer::sum);
                        run.membersSkipped = skippedNow;
                    }
                });
            }
            QuarkusTransaction.requiringNew().run(() -> {
                OffsetDateTime now = now();
                CurationRun run = owned(runId);
                run.campaignFulfilment = fulfilment(cycle, result.sponsoredUnits());
                run.status = "DONE";
                run.finishedAt = now;
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

    record Inputs(List<MemberProfile> members, Map<String, Integer> skipped, List<Product> catalogue,
            List<Campaign> campaigns, Map<UUID, Terms> terms) {
    }

    /** What a box is curated for: the member's subscription, plan, and the plan's price for the cycle in cents. */
    record Terms(UUID subscriptionId, String planId, long priceCents, String currency, long preferencesVersion) {

        static Terms of(SubscriptionReplica s, YearMonth cycle, long preferencesVersion) {
            return PlanPriceReplica.inForce(s.planId, cycle)
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

    private Inputs load(YearMonth cycle) {
        Set<UUID> alreadyBoxed = Box.<Box>find("cycle = ?1 and status <> ?2", cycle.toString(), Box.WITHDRAWN).stream()
                .map(b -> b.memberId).collect(Collectors.toSet());
        Map<UUID, Set<UUID>> recent = new HashMap<>();
        Box.<Box>find("cycle in ?1 and status <> ?2", MemberProfiles.recentCycles(cycle), Box.WITHDRAWN).stream().forEach(b ->
                b.items.forEach(i -> recent.computeIfAbsent(b.memberId, m -> new HashSet<>()).add(i.productId())));
        Map<UUID, PreferenceReplica> preferences = PreferenceReplica.<PreferenceReplica>listAll().stream()
                .collect(Collectors.toMap(p -> p.memberId, p -> p));
        Map<UUID, Map<UUID, Integer>> ratings = new HashMap<>();
        MemberRating.<MemberRating>listAll().forEach(r ->
                ratings.computeIfAbsent(r.key.memberId(), m -> new HashMap<>()).put(r.key.productId(), r.stars));

        List<MemberProfile> members = new ArrayList<>();
        Map<String, Integer> skipped = new HashMap<>();
        Map<UUID, Terms> terms = new HashMap<>();
        for (SubscriptionReplica s : SubscriptionReplica.<SubscriptionReplica>listAll()) {
            BoxEligibility.Subscription subscription = new BoxEligibility.Subscription(
                    BoxEligibility.Status.valueOf(s.status), s.pausedUntil, Set.copyOf(s.skippedCycles));
            if (!BoxEligibility.receivesBox(subscription, cycle)) {
                skipped.merge(skipReason(subscription, cycle), 1, Integer::sum);
            } else if (alreadyBoxed.contains(s.memberId)) {
                skipped.merge("already has a box for " + cycle, 1, Integer::sum);
            } else if (!MemberProfiles.canVouch(preferences.get(s.memberId), s)) {
                // Fail closed: unknown allergies are never "none". The next run picks the member up.
                skipped.merge(MemberProfiles.WAITING_FOR_PREFERENCES, 1, Integer::sum);
            } else {
                PreferenceReplica p = preferences.get(s.memberId);
                members.add(new MemberProfile(s.memberId, s.itemsPerBox, Set.copyOf(p.allergens), Set.copyOf(p.dietaryTags),
                        Set.copyOf(p.likedCategories), Set.copyOf(p.dislikedCategories),
                        ratings.getOrDefault(s.memberId, Map.of()), recent.getOrDefault(s.memberId, Set.of())));
                terms.put(s.memberId, Terms.of(s, cycle, p.version));
            }
        }
        List<Product> catalogue = BoxLifecycle.curatableCatalogue();
        List<Campaign> campaigns = CampaignReplica.<CampaignReplica>list("cycle", cycle.toString()).stream()
                .map(c -> new Campaign(c.productId, c.units, c.maxPerBox)).toList();
        return new Inputs(members, skipped, catalogue, campaigns, terms);
    }

    /** Per brand: sponsored units committed for the cycle and placed in boxes by this run. */
    private static Map<String, Map<String, Integer>> fulfilment(YearMonth cycle, Map<UUID, Integer> sponsoredUnits) {
        Map<UUID, Integer> placed = new HashMap<>(sponsoredUnits);
        Map<String, Map<String, Integer>> byBrand = new HashMap<>();
        for (CampaignReplica c : CampaignReplica.<CampaignReplica>list("cycle", cycle.toString())) {
            Map<String, Integer> figures = byBrand.computeIfAbsent(c.brandId.toString(), b -> new HashMap<>(Map.of("committed", 0, "placed", 0)));
            figures.merge("committed", c.units, Integer::sum);
        }
        for (CampaignReplica c : CampaignReplica.<CampaignReplica>list("cycle", cycle.toString())) {
            Integer units = placed.remove(c.productId);
            if (units != null) {
                byBrand.get(c.brandId.toString()).merge("placed", units, Integer::sum);
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

    private static String skipReason(BoxEligibility.Subscription s, YearMonth cycle) {
        return switch (s.status()) {
            case CANCELLED -> "cancelled";
            case PAUSED -> "paused";
            case ACTIVE -> "skipping " + cycle;
        };
    }

    private static void progress(UUID runId, java.util.function.Consumer<CurationRun> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(CurationRun.findById(runId)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
