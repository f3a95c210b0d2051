package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.CurationRunRepository;
import com.dcbeacon.box.persistence.CurationShardRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The lease of a curation run: the instance running it beats its heart every {@code dcbeacon.curation.heartbeat}
 * (5 s); a RUNNING run whose heart has not beaten for {@code dcbeacon.curation.lease-timeout} (30 s) lost its owner (a
 * SIGKILLed pod, a node gone) and is taken over, at start-up and by a periodic check, by whichever instance gets its
 * row lock first. So a restart never leaves a cycle answering 409 for ever.
 */
@ApplicationScoped
public class CurationLease {

    private final String instance = UUID.randomUUID().toString();
    private final Duration timeout;
    private final Instance<CurationRuns> runs;
    private final CurationRunRepository runRows;
    private final CurationShardRepository shardRows;
    /**
     * Shards that replicas of this process are running: they beat with this process's heart, each until its own run
     * here ends (one replica may run shards of several runs at once).
     */
    private final java.util.Set<UUID> beating = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public CurationLease(
            @ConfigProperty(name = "dcbeacon.curation.lease-timeout", defaultValue = "PT30S") Duration timeout,
            Instance<CurationRuns> runs,
            CurationRunRepository runRows,
            CurationShardRepository shardRows) {
        this.timeout = timeout;
        this.runs = runs;
        this.runRows = runRows;
        this.shardRows = shardRows;
    }

    /** This process's identity as a run owner. */
    public String instance() {
        return instance;
    }

    /**
     * The run, row-locked, if this instance still holds its lease; otherwise {@link LeaseLost}. Every page of a run
     * checks, so a run taken over is never run twice.
     */
    CurationRun owned(UUID runId) {
        CurationRun run = runRows.lock(runId);
        if (!instance.equals(run.owner) || run.status != CurationRunStatus.RUNNING) {
            throw new LeaseLost();
        }
        return run;
    }

    /** This instance no longer holds the run's lease: another one took it over. */
    static final class LeaseLost extends RuntimeException {}

    @Scheduled(
            every = "${dcbeacon.curation.heartbeat:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void beat() {
        QuarkusTransaction.requiringNew().run(() -> runRows.beat(instance, now()));
        // Apart: a page's commit locks its shard's row, then the run's.
        QuarkusTransaction.requiringNew().run(() -> shardRows.beat(java.util.List.copyOf(beating), now()));
    }

    /** The shard, run in this process, beats with its heart from now on. */
    void beatFor(UUID shardId) {
        beating.add(shardId);
    }

    void stopBeatingFor(UUID shardId) {
        beating.remove(shardId);
    }

    /** A replica with nothing to do joins a run split into shards that has one to claim. */
    @Scheduled(
            every = "${dcbeacon.curation.join-check:2s}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkForShards() {
        runs.get().joinClaimable();
    }

    void onStart(@Observes StartupEvent start) {
        runs.get().resumeAbandoned();
    }

    @Scheduled(
            every = "${dcbeacon.curation.takeover-check:15s}",
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void checkForAbandoned() {
        runs.get().resumeAbandoned();
    }

    /** Claims every RUNNING run whose lease expired; returns the claimed runs. */
    List<CurationRun> takeOverAbandoned(java.util.Set<UUID> executingHere) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<CurationRun> abandoned = new java.util.ArrayList<>(runRows.lockAbandoned(now().minus(timeout)));
            abandoned.removeIf(run -> executingHere.contains(run.id));
            abandoned.forEach(run -> {
                run.owner = instance;
                run.heartbeatAt = now();
                run.attempts++;
            });
            return abandoned;
        });
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
