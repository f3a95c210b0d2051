package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.curation.Curator;
import com.dcbeacon.box.curation.PagedCuration;
import com.dcbeacon.box.persistence.CurationRunRepository;
import com.dcbeacon.platform.messaging.TransientFailures;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs curation for a cycle in the background, a page of members at a time in bounded memory: read the page
 * ({@link CurationPages}), decide its boxes with {@link Curator} from the page's fair share of the stock
 * ({@link PagedCuration}), then persist the boxes and announce them ({@link CuratedBoxes}) in the page's transaction,
 * updating the progress of the run (or, for a run split into shards, of the shard) as it goes. Members who already have a box for the cycle are skipped, so re-running a cycle
 * never gives anyone a second box (and the database refuses one anyway).
 */
@ApplicationScoped
public class CurationRuns {

    private static final Logger LOG = Logger.getLogger(CurationRuns.class);

    /** Reason in {@code membersSkipped}: the member's subscription or preferences changed after the run read them. */
    static final String CHANGED_DURING_RUN = "changed while the run was deciding: next run";

    private final CurationLease lease;
    private final CurationShards shards;
    private final CurationRunRepository runs;
    private final CurationPageLoader pageLoader;
    private final CuratedBoxes curatedBoxes;
    private final CampaignUnits campaignUnits;
    private final BoxReplacements replacements;
    /**
     * Members read, decided and committed together, with the stock they take ({@code dcbeacon.curation.batch-size}, 500):
     * a run holds one page of members in memory at a time, and the next one read ahead while it commits.
     */
    private final int batchSize;

    private final StockMovements stock;
    private final Event<CurationPageDecided> pageDecided;
    private final Event<CurationPageCommitted> pageCommitted;
    /**
     * A page's commit that meets a transient fault (a deadlock with a swap or a recall, a serialization failure, a lost
     * connection, the database restarting) is tried again with the same decided boxes, re-checked in the new
     * transaction; only a fault that outlasts the retries fails the run ({@code dcbeacon.curation.page-retry.*}).
     */
    private final TypedGuard<CuratedBoxes.Committed> pageRetry;
    /** Runs executing in this process. */
    private final Set<UUID> executing = ConcurrentHashMap.newKeySet();
    /** Runs split into shards that a replica of this process works on: run id and replica. */
    private final Set<String> joined = ConcurrentHashMap.newKeySet();

    public CurationRuns(
            CurationLease lease,
            CurationShards shards,
            CurationRunRepository runs,
            CurationPageLoader pageLoader,
            CuratedBoxes curatedBoxes,
            CampaignUnits campaignUnits,
            BoxReplacements replacements,
            StockMovements stock,
            Event<CurationPageDecided> pageDecided,
            Event<CurationPageCommitted> pageCommitted,
            @ConfigProperty(name = "dcbeacon.curation.batch-size", defaultValue = "500") int batchSize,
            @ConfigProperty(name = "dcbeacon.curation.page-retry.max-retries", defaultValue = "10") int pageRetries,
            @ConfigProperty(name = "dcbeacon.curation.page-retry.initial-delay", defaultValue = "PT0.2S")
                    Duration pageRetryDelay,
            @ConfigProperty(name = "dcbeacon.curation.page-retry.max-delay", defaultValue = "PT10S")
                    Duration pageRetryMaxDelay) {
        this.lease = lease;
        this.shards = shards;
        this.runs = runs;
        this.pageLoader = pageLoader;
        this.curatedBoxes = curatedBoxes;
        this.campaignUnits = campaignUnits;
        this.replacements = replacements;
        this.stock = stock;
        this.pageDecided = pageDecided;
        this.pageCommitted = pageCommitted;
        this.batchSize = batchSize;
        this.pageRetry = TypedGuard.create(CuratedBoxes.Committed.class)
                .withRetry()
                .maxRetries(pageRetries)
                .maxDuration(1, ChronoUnit.HOURS)
                .delay(pageRetryDelay.toMillis(), ChronoUnit.MILLIS)
                .jitter(pageRetryDelay.toMillis() / 2, ChronoUnit.MILLIS)
                .whenException(TransientFailures::isTransient)
                .beforeRetry(e -> LOG.warnf("A curation page's commit failed (%s); trying it again", rootCause(e)))
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(pageRetryMaxDelay.toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    /**
     * The run with its progress as it stands (for a split run not yet done, summed from its shards); 404 when there is
     * none.
     */
    public CurationRun require(UUID runId) {
        return QuarkusTransaction.joiningExisting().call(() -> {
            CurationRun run = runs.findByIdOptional(runId)
                    .orElseThrow(() -> ProblemException.notFound("no curation run " + runId));
            if (run.status != CurationRunStatus.DONE && shards.planned(runId)) {
                runs.getEntityManager().detach(run);
                shards.sumProgress(run);
            }
            return run;
        });
    }

    /** Takes over every run whose owner stopped beating its heart, and finishes it here. */
    void resumeAbandoned() {
        for (CurationRun run : lease.takeOverAbandoned(executing)) {
            LOG.warnf(
                    "Curation run %s for %s was abandoned by its owner; resuming it (attempt %d)",
                    run.id, run.cycle, run.attempts);
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
                if (runs.running(cycle.toString())) {
                    throw ProblemException.conflict("a curation run for " + cycle + " is still running");
                }
                CurationRun created = CurationRun.start(cycle.toString(), lease.instance(), now());
                runs.persist(created);
                if (shards.splitting()) {
                    shards.plan(created);
                }
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
        if (QuarkusTransaction.requiringNew().call(() -> shards.planned(runId))) {
            join(runId, lease.instance());
            return;
        }
        if (!executing.add(runId)) {
            return; // already running in this process
        }
        try {
            // The catalogue (stock as it is now, after any earlier attempt took its share) and campaigns stay in
            // memory.
            PagedCuration curation = QuarkusTransaction.requiringNew()
                    .call(() -> new PagedCuration(
                            cycle.toString(), replacements.curatableCatalogue(), campaignUnits.left(cycle)));
            long total = QuarkusTransaction.requiringNew().call(() -> pageLoader.total(cycle));
            Map<String, Integer> notBoxable = QuarkusTransaction.requiringNew()
                    .call(() -> pageLoader.subscriptions().notBoxable(cycle));
            progress(runId, run -> run.restart((int) total, notBoxable));
            CurationPages pages = new CurationPages(cycle, batchSize, pageLoader);
            PageTimes times = new PageTimes();
            int pageCount = curatePages(runId, cycle, pages, curation, () -> lease.owned(runId), false, times);
            times.announced(announceStock());
            LOG.infof("Curation run %s: %d pages %s", runId, pageCount, times);
            QuarkusTransaction.requiringNew().run(() -> {
                lease.owned(runId)
                        .done(
                                campaignUnits.fulfilment(cycle),
                                pageLoader.subscriptions().notBoxable(cycle),
                                now());
            });
        } catch (CurationLease.LeaseLost e) {
            LOG.warnf("Curation run %s is now run by another instance; this one stops", runId);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Curation run %s failed", runId);
            progress(runId, run -> run.failed(e.getMessage(), now()));
        } finally {
            executing.remove(runId);
        }
    }

    /**
     * Works on a run split into shards as {@code replica} ({@link CurationShards}): claims a shard, runs its pages within
     * its share, marks it done, and claims the next, until none is left to claim; whoever finishes the last shard marks
     * the run done. A shard taken over by another replica meanwhile is left to it. Returns at once when the replica
     * already works on the run in this process.
     */
    public void join(UUID runId, String replica) {
        String key = runId + "/" + replica;
        if (!joined.add(key)) {
            return;
        }
        try {
            while (true) {
                Optional<CurationShard> claimed =
                        QuarkusTransaction.requiringNew().call(() -> shards.claim(runId, replica));
                if (claimed.isEmpty()) {
                    // Every shard may be done with the run still running (a run planned before its last shard marked
                    // it done in the same transaction): whoever finds nothing to claim finishes it.
                    QuarkusTransaction.requiringNew().run(() -> shards.finishIfAllDone(runId));
                    break;
                }
                CurationShard shard = claimed.get();
                if (shard.status == CurationShard.Status.DONE) {
                    continue; // a leftover shard with nobody to give a second chance to, done with the run at once
                }
                lease.beatFor(shard.id);
                try {
                    runShard(shard, replica);
                } catch (CurationLease.LeaseLost e) {
                    LOG.warnf("Shard %d of curation run %s is now run by another replica", shard.shard, runId);
                } finally {
                    lease.stopBeatingFor(shard.id);
                }
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "Curation run %s failed", runId);
            progress(runId, run -> run.failed(e.getMessage(), now()));
        } finally {
            joined.remove(key);
        }
    }

    /** Joins a run that has a shard to claim, when this process does not work on it yet. */
    void joinClaimable() {
        QuarkusTransaction.requiringNew()
                .call(shards::withClaimableShard)
                .filter(run -> !joined.contains(run.id + "/" + lease.instance()))
                .ifPresent(run -> Infrastructure.getDefaultWorkerPool().execute(() -> join(run.id, lease.instance())));
    }

    private void runShard(CurationShard shard, String replica) {
        YearMonth cycle =
                YearMonth.parse(QuarkusTransaction.requiringNew().call(() -> runs.findById(shard.runId).cycle));
        PagedCuration curation = QuarkusTransaction.requiringNew().call(() -> shards.curationOf(shard, cycle));
        CurationPages pages = shard.leftover
                ? CurationPages.withoutBox(cycle, batchSize, pageLoader)
                : new CurationPages(cycle, batchSize, pageLoader, shard.range());
        PageTimes times = new PageTimes();
        int pageCount = curatePages(
                shard.runId, cycle, pages, curation, () -> shards.owned(shard.id, replica), shard.leftover, times);
        times.announced(announceStock());
        QuarkusTransaction.requiringNew().run(() -> shards.done(shard.id, replica));
        LOG.infof(
                "%s %d of curation run %s done here: %d pages %s",
                shard.leftover ? "Leftover shard" : "Shard", shard.shard, shard.runId, pageCount, times);
    }

    /**
     * Reads, decides and commits every page of {@code pages} in turn, and returns how many there were. While a page
     * commits, the next page is read and decided ahead on another thread, from a copy of the curation as it will be if
     * every box of the committing page commits ({@link PagedCuration#copy}). That decision is used only if the curation
     * is exactly in that state once the page has committed ({@link PagedCuration#sameState}): a box dropped (its member
     * changed), a product pulled, stock that fell or a page decided again make it decide the next page afresh. So the
     * boxes are the ones a page-after-page run decides; the decision only overlaps the commit before it. At most two
     * pages are in memory at a time.
     */
    private int curatePages(
            UUID runId,
            YearMonth cycle,
            CurationPages pages,
            PagedCuration start,
            Supplier<CurationProgress> owned,
            boolean everythingLeft,
            PageTimes times) {
        PagedCuration curation = start;
        Optional<CurationPages.Page> page = times.read(pages);
        Curator.Result decidedAhead = null;
        int pageIndex = 0;
        while (page.isPresent()) {
            CurationPages.Page current = page.get();
            Curator.Result decided = decidedAhead;
            if (decided == null) {
                long deciding = System.nanoTime();
                decided = curation.decide(current.members(), current.read(), membersAfter(current, everythingLeft));
                times.decided(deciding);
            }
            PagedCuration expected = curation.copy();
            expected.committed(decided.boxes());
            CompletableFuture<Ahead> ahead = CompletableFuture.supplyAsync(
                    () -> Ahead.of(pages, expected, everythingLeft), Infrastructure.getDefaultWorkerPool());
            try {
                commit(
                        runId,
                        cycle,
                        current,
                        pageIndex++,
                        curation,
                        decided,
                        membersAfter(current, everythingLeft),
                        owned,
                        times);
            } catch (RuntimeException e) {
                ahead.handle((done, failed) -> null).join(); // nothing of it is used; only let it finish first
                throw e;
            }
            long waiting = System.nanoTime();
            Ahead next;
            try {
                next = ahead.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
            times.ahead(next, waiting);
            page = next.page();
            decidedAhead = null;
            if (next.decided() != null && curation.sameState(expected)) {
                curation = next.curation();
                decidedAhead = next.decided();
            } else if (next.decided() != null) {
                times.discarded();
            }
        }
        return pageIndex;
    }

    /**
     * The leftover shard's pages read only the few members the other shards left without a box: each page may take all
     * that is left, not a share in proportion to the members after it.
     */
    private static long membersAfter(CurationPages.Page page, boolean everythingLeft) {
        return everythingLeft ? 0 : page.membersAfter();
    }

    /**
     * Tells brand-service the stock the pages took ({@link StockMovements#announcePending}) and returns the number of
     * events. The boxes are committed by now: a fault here (the database restarting) must not fail the run, so the
     * deltas stay pending, counted in the local stock, for the periodic announcement.
     */
    private int announceStock() {
        try {
            return stock.announcePending();
        } catch (RuntimeException e) {
            LOG.warnf("Stock of the curation's pages not announced yet, left to the periodic announcement: %s", e);
            return 0;
        }
    }

    /** The next page of members and the replicas they need, read in a transaction of its own. */
    private static Optional<CurationPages.Page> nextPage(CurationPages pages) {
        return QuarkusTransaction.requiringNew().call(pages::next);
    }

    /**
     * The next page read and decided ahead: {@code curation} is the copy it was decided on (at the next page index),
     * {@code decided} empty when there is no next page. Times in nanoseconds.
     */
    private record Ahead(
            Optional<CurationPages.Page> page,
            PagedCuration curation,
            Curator.Result decided,
            long readingNanos,
            long decidingNanos) {

        static Ahead of(CurationPages pages, PagedCuration expected, boolean everythingLeft) {
            long reading = System.nanoTime();
            Optional<CurationPages.Page> page = nextPage(pages);
            reading = System.nanoTime() - reading;
            if (page.isEmpty()) {
                return new Ahead(page, null, null, reading, 0);
            }
            long deciding = System.nanoTime();
            PagedCuration copy = expected.copy();
            Curator.Result decided =
                    copy.decide(page.get().members(), page.get().read(), membersAfter(page.get(), everythingLeft));
            return new Ahead(page, copy, decided, reading, System.nanoTime() - deciding);
        }
    }

    /**
     * Decides one page and commits its boxes, the stock they take and the progress of the run (or shard) in one
     * transaction, tried again on a transient fault ({@link #pageRetry}). Idempotent: a try whose COMMIT reached the
     * database but whose acknowledgement was lost (the connection dropped after COMMIT) left the page recorded in the run
     * or shard ({@link CurationProgress#committed}), and the next try writes nothing; members who already hold a box for the cycle are
     * never boxed, nor their stock allocated, again ({@link CuratedBoxes#persist}).
     */
    private void commit(
            UUID runId,
            YearMonth cycle,
            CurationPages.Page page,
            int pageIndex,
            PagedCuration curation,
            Curator.Result firstDecision,
            long membersAfter,
            Supplier<CurationProgress> owned,
            PageTimes times) {
        List<UUID> members =
                page.members().stream().map(CurationMember::memberId).toList();
        CuratedBoxes.Committed committed = null;
        Curator.Result decided = firstDecision;
        while (committed == null) {
            if (decided == null) {
                long deciding = System.nanoTime();
                decided = curation.decide(page.members(), page.read(), membersAfter);
                times.decided(deciding);
            }
            long committing = System.nanoTime(); // observers of a decided page (tests hold a page here) count as commit
            pageDecided.fire(new CurationPageDecided(runId, cycle.toString(), members));
            try {
                committed = commitDecided(runId, cycle, page, pageIndex, decided, owned, members);
            } catch (RuntimeException e) {
                CuratedBoxes.StockFell fell = stockFell(e);
                if (fell == null) {
                    throw e;
                }
                // A brand lowered its stock since the run read it: decide the page again from what there is now.
                if (fell.available.entrySet().stream().noneMatch(a -> a.getValue() < curation.stockLeft(a.getKey()))) {
                    // Each try lowers what the page may take, so this cannot repeat unless a page takes beyond its
                    // share: fail the run loudly rather than decide the same page for ever.
                    throw new IllegalStateException("page " + pageIndex + " took more than its share: " + fell);
                }
                LOG.infof("Curation run %s, page %d: %s; deciding it again", runId, pageIndex, fell.getMessage());
                fell.available.forEach(curation::stockFell);
                curation.decideAgain();
                decided = null;
            } finally {
                times.committed(committing);
            }
        }
        curation.committed(committed.all());
        committed.pulled().forEach(curation::withdrawn);
        // Stock a brand lowered that still covered this page: later pages take no more than there is now.
        committed.stockNow().forEach(curation::stockFell);
    }

    private static CuratedBoxes.StockFell stockFell(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CuratedBoxes.StockFell fell) {
                return fell;
            }
        }
        return null;
    }

    private CuratedBoxes.Committed commitDecided(
            UUID runId,
            YearMonth cycle,
            CurationPages.Page page,
            int pageIndex,
            Curator.Result decided,
            Supplier<CurationProgress> owned,
            List<UUID> members) {
        return pageRetry.get(() -> {
            CuratedBoxes.Committed written = QuarkusTransaction.requiringNew().call(() -> {
                // The run's (or shard's) row first: a page's commit and a takeover take turns on it, before any product
                // or box.
                CurationProgress run = owned.get();
                if (run.committed(pageIndex)) {
                    return curatedBoxes.committedEarlier(decided.boxes(), cycle);
                }
                CuratedBoxes.Committed now = curatedBoxes.persist(decided.boxes(), cycle, page.terms());
                Map<String, Integer> skipped = new HashMap<>(page.skipped());
                int changed = decided.boxes().size()
                        - now.boxes().size()
                        - now.earlier().size();
                if (changed > 0) {
                    skipped.merge(CHANGED_DURING_RUN, changed, Integer::sum);
                }
                if (!now.earlier().isEmpty()) {
                    skipped.merge(
                            CurationPages.alreadyBoxed(cycle), now.earlier().size(), Integer::sum);
                }
                run.pageCommitted(page.read(), now.boxes(), skipped);
                return now;
            });
            pageCommitted.fire(new CurationPageCommitted(runId, cycle.toString(), members));
            return written;
        });
    }

    private static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private void progress(UUID runId, Consumer<CurationRun> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(runs.lock(runId)));
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    /**
     * Where a run's (or shard's) time went, in wall-clock milliseconds summed over its pages: reading pages (members
     * and their replicas), deciding boxes (pure logic), committing them (boxes, stock, events, progress; retries and
     * pages decided again included), and waiting for the next page once a page has committed. Pages after the first are
     * read, and most decided, ahead while the page before commits ({@link #curatePages}), so reading and deciding overlap
     * committing and the four add up to more than the run's time; {@code decided ahead then afresh} counts the pages
     * decided ahead whose decision was not used. Logged when the run or shard is done here, so a slow run says which step to look at.
     */
    private static final class PageTimes {
        private final long began = System.nanoTime();
        private long reading;
        private long deciding;
        private long committing;
        private long waiting;
        private int afresh;
        /** Stock events recorded once the pages were done ({@link StockMovements#announcePending}). */
        private int stockEvents;

        Optional<CurationPages.Page> read(CurationPages pages) {
            long start = System.nanoTime();
            try {
                return nextPage(pages);
            } finally {
                reading += System.nanoTime() - start;
            }
        }

        void decided(long start) {
            deciding += System.nanoTime() - start;
        }

        void committed(long start) {
            committing += System.nanoTime() - start;
        }

        /** The next page read (and decided) ahead; {@code waitingFrom} when this thread began to wait for it. */
        void ahead(Ahead next, long waitingFrom) {
            waiting += System.nanoTime() - waitingFrom;
            reading += next.readingNanos();
            deciding += next.decidingNanos();
        }

        void discarded() {
            afresh++;
        }

        void announced(int events) {
            stockEvents = events;
        }

        @Override
        public String toString() {
            return ("in %d ms (reading %d ms, deciding %d ms, committing %d ms, waiting for the next page %d ms;"
                            + " %d decided ahead then afresh; %d stock events announced at the end)")
                    .formatted(
                            millis(System.nanoTime() - began),
                            millis(reading),
                            millis(deciding),
                            millis(committing),
                            millis(waiting),
                            afresh,
                            stockEvents);
        }

        private static long millis(long nanos) {
            return nanos / 1_000_000;
        }
    }
}
