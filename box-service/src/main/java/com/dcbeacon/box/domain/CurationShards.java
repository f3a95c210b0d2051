package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.Campaign;
import com.dcbeacon.box.curation.PagedCuration;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.box.curation.ShardPlan;
import com.dcbeacon.box.persistence.CurationRunRepository;
import com.dcbeacon.box.persistence.CurationShardRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A curation run split among replicas ({@code dcbeacon.curation.shards}, 1: not split). The replica that starts the run
 * writes its plan with it, in one transaction: {@link ShardPlan} splits the members by ranges of their ids and gives
 * each shard its share of every product's stock and campaign units, in proportion to its members. Replicas claim
 * shards under the same lease as runs (a shard whose owner's heart stopped for {@code dcbeacon.curation.lease-timeout}
 * is claimed again) and run each one's pages within its share. The leftover shard runs last, over the units the others
 * left, for the members they left without a single item; the run is done when every shard is.
 */
@ApplicationScoped
public class CurationShards {

    private final CurationShardRepository shards;
    private final CurationRunRepository runs;
    private final SubscriptionReplicaRepository subscriptions;
    private final BoxReplacements replacements;
    private final CampaignUnits campaignUnits;
    private final int count;
    private final Duration timeout;

    public CurationShards(
            CurationShardRepository shards,
            CurationRunRepository runs,
            SubscriptionReplicaRepository subscriptions,
            BoxReplacements replacements,
            CampaignUnits campaignUnits,
            @ConfigProperty(name = "dcbeacon.curation.shards", defaultValue = "1") int count,
            @ConfigProperty(name = "dcbeacon.curation.lease-timeout", defaultValue = "PT30S") Duration timeout) {
        this.shards = shards;
        this.runs = runs;
        this.subscriptions = subscriptions;
        this.replacements = replacements;
        this.campaignUnits = campaignUnits;
        this.count = count;
        this.timeout = timeout;
    }

    /** Whether runs started here are split. */
    boolean splitting() {
        return count > 1;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    boolean planned(UUID runId) {
        return shards.planned(runId);
    }

    /** Writes the run's plan, in the caller's transaction (the one that starts the run). */
    @Transactional(Transactional.TxType.MANDATORY)
    void plan(CurationRun run) {
        List<ShardPlan.Range> ranges = ShardPlan.ranges(count);
        YearMonth cycle = YearMonth.parse(run.cycle);
        long[] members = ranges.stream()
                .mapToLong(r -> subscriptions.countIn(cycle, r.from(), null, r.to()))
                .toArray();
        Map<UUID, Integer> stock = replacements.curatableCatalogue().stream()
                .collect(Collectors.toMap(Product::productId, Product::stock, (a, b) -> a));
        Map<UUID, Integer> sponsored = campaignUnits.left(cycle).stream()
                .collect(Collectors.toMap(Campaign::productId, Campaign::units, Integer::sum));
        List<Map<UUID, Integer>> stockShares = ShardPlan.split(run.cycle, stock, members, "shard stock");
        List<Map<UUID, Integer>> campaignShares = ShardPlan.split(run.cycle, sponsored, members, "shard campaign");
        for (int k = 0; k < ranges.size(); k++) {
            CurationShard shard = CurationShard.planned(run.id, k, ranges.get(k), (int) members[k]);
            shard.stockShare = byId(stockShares.get(k));
            shard.campaignShare = byId(campaignShares.get(k));
            shards.persist(shard);
        }
        CurationShard leftover = CurationShard.planned(run.id, ranges.size(), ShardPlan.Range.ALL, 0);
        leftover.leftover = true;
        shards.persist(leftover);
        run.counts.membersTotal = (int) java.util.Arrays.stream(members).sum();
    }

    /**
     * Claims a shard of the run for {@code replica} (see {@link CurationShardRepository#lockClaimable}), in the caller's
     * transaction. A leftover shard with nobody to give a second chance to is done at once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<CurationShard> claim(UUID runId, String replica) {
        Optional<CurationShard> claimed = shards.lockClaimable(runId, now().minus(timeout));
        claimed.ifPresent(shard -> {
            shard.claim(replica, now());
            if (shard.leftover
                    && shards.ofRun(runId).stream()
                                    .mapToInt(s -> s.membersBoxless)
                                    .sum()
                            == 0) {
                shard.done();
                finishIfAllDone(runId);
            }
        });
        return claimed;
    }

    /**
     * Marks the shard done, and the run with it when it was the last, in one transaction (the shard's row is locked
     * before the run's): a crash between the two can never leave every shard done and the run running.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void done(UUID shardId, String replica) {
        CurationShard shard = shards.lock(shardId);
        // The run's row locked: two last shards finishing together take turns, and the second sees the first done.
        if (!owns(shard, replica) || runs.lock(shard.runId).status != CurationRunStatus.RUNNING) {
            throw new CurationLease.LeaseLost();
        }
        shard.done();
        finishIfAllDone(shard.runId);
    }

    /**
     * The run's progress summed from its shards, and the run done when it is still running and every shard is done;
     * the caller holds the row lock of the shard it changed, if any, before the run's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void finishIfAllDone(UUID runId) {
        CurationRun run = progress(runId);
        if (run.status == CurationRunStatus.RUNNING && allDone(runId)) {
            YearMonth cycle = YearMonth.parse(run.cycle);
            run.done(campaignUnits.fulfilment(cycle), subscriptions.notBoxable(cycle), now());
        }
    }

    /** A run with a shard this process could claim now, if any (locks nothing once the caller's transaction ends). */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<CurationRun> withClaimableShard() {
        return shards.lockClaimable(null, now().minus(timeout)).map(shard -> runs.findById(shard.runId));
    }

    /**
     * The shard, row-locked, if {@code replica} still holds its lease and its run is still running; otherwise
     * {@link CurationLease.LeaseLost}. Every page of a shard checks, so a shard taken over is never run twice.
     *
     * <p>The run's row is neither locked nor written by a page ({@link CurationRunRepository#status}): the pages of all
     * shards commit in parallel, and nothing they hold delays the run's heartbeat or its end. A run ops fail meanwhile
     * is seen by the next page; a page already committing may still commit its boxes (each member boxed once, stock
     * exact), as if it had committed a moment before. The run cannot be done meanwhile: this shard, row-locked here,
     * is not. The run's progress is summed from its shards when it is read ({@link #sumProgress}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    CurationShard owned(UUID shardId, String replica) {
        CurationShard shard = shards.lock(shardId);
        if (!owns(shard, replica) || runs.status(shard.runId) != CurationRunStatus.RUNNING) {
            throw new CurationLease.LeaseLost();
        }
        shard.heartbeatAt = now();
        return shard;
    }

    private static boolean owns(CurationShard shard, String replica) {
        return replica.equals(shard.owner) && shard.status == CurationShard.Status.RUNNING;
    }

    /**
     * What the shard may still place: its share of each product's stock and campaign units less what its committed
     * boxes took, but never more than the stock and campaign units there are now (swaps, add-ons or a brand may have
     * taken some since the plan); for the leftover shard, what is left of the cycle's stock and campaign units now that
     * the others are done.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    PagedCuration curationOf(CurationShard shard, YearMonth cycle) {
        List<Product> catalogue = replacements.curatableCatalogue();
        List<Campaign> campaigns = campaignUnits.left(cycle);
        if (shard.leftover) {
            return new PagedCuration(cycle.toString(), catalogue, campaigns);
        }
        return new PagedCuration(
                cycle.toString(),
                catalogue.stream()
                        .map(p -> p.withStock(Math.min(p.stock(), shard.stockLeft(p.productId()))))
                        .toList(),
                campaigns.stream()
                        .map(c -> new Campaign(
                                c.productId(), Math.min(c.units(), shard.campaignLeft(c.productId())), c.maxPerBox()))
                        .toList());
    }

    /** The run's progress summed from its shards and written; the run's row is locked after the shard's. */
    @Transactional(Transactional.TxType.MANDATORY)
    CurationRun progress(UUID runId) {
        CurationRun run = runs.lock(runId);
        run.progress(shards.ofRun(runId));
        return run;
    }

    /**
     * A split run's progress as it stands, summed from its shards' rows into {@code run}, which must be detached
     * (nothing is written: a page's commit does not write the run's row, see {@link #owned}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void sumProgress(CurationRun run) {
        run.progress(shards.ofRun(run.id));
    }

    /** Whether every shard of the run is done. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean allDone(UUID runId) {
        return shards.ofRun(runId).stream().allMatch(s -> s.status == CurationShard.Status.DONE);
    }

    private static Map<String, Integer> byId(Map<UUID, Integer> units) {
        Map<String, Integer> byId = new HashMap<>();
        units.forEach((id, n) -> byId.put(id.toString(), n));
        return byId;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
