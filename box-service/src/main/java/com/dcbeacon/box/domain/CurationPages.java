package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.curation.ShardPlan;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A cycle's subscription replicas of the members a run can box (not cancelled, paused through the cycle or skipping
 * it: {@link SubscriptionReplicaRepository#page}), read a page at a time with what curation needs of exactly those members: their
 * preferences, ratings, items of their boxes of the three previous cycles, and whether they already have a box for the
 * cycle. Pages follow the member id order (keyset, so a page costs the same wherever it is), starting at an id derived
 * from the cycle and wrapping around, so the members of the first page (who see every product's stock first) change
 * from cycle to cycle. Each {@link #next} runs inside the caller's transaction and holds nothing afterwards; what is
 * read of a page's members is {@link CurationPageLoader}'s. A shard of a run reads only its range of member ids, from
 * the point at the same fraction of its range, wrapping around within it.
 */
final class CurationPages {

    /** Reason in {@code membersSkipped} for a member boxed by an earlier run or attempt. */
    static String alreadyBoxed(YearMonth cycle) {
        return "already has a box for " + cycle;
    }

    /** One page: profiles and terms of the members who may get a box, and why the others do not. */
    record Page(
            List<CurationMember> members,
            Map<UUID, BoxTerms> terms,
            Map<String, Integer> skipped,
            int read,
            long membersAfter) {}

    private final YearMonth cycle;
    private final int size;
    private final CurationPageLoader loader;
    private final ShardPlan.Range range;
    /** Only members without a live box for the cycle (the leftover pass), with nobody counted after a page. */
    private final boolean withoutBox;

    private final UUID start;
    private UUID after;
    private boolean wrapped;
    private boolean done;

    /** @param size members per page (≥ 1) */
    CurationPages(YearMonth cycle, int size, CurationPageLoader loader) {
        this(cycle, size, loader, ShardPlan.Range.ALL);
    }

    /** The pages of the members in {@code range}. */
    CurationPages(YearMonth cycle, int size, CurationPageLoader loader, ShardPlan.Range range) {
        this(cycle, size, loader, range, false);
    }

    private CurationPages(
            YearMonth cycle, int size, CurationPageLoader loader, ShardPlan.Range range, boolean withoutBox) {
        this.cycle = cycle;
        this.loader = loader;
        this.size = Math.max(1, size);
        this.range = range;
        this.withoutBox = withoutBox;
        this.start = range.startWithin(startOf(cycle));
    }

    /**
     * The pages of every member still without a live box for the cycle, for the leftover pass: it decides only for them,
     * so reading again every member the shards boxed (a page each in pages of one) would only cost time. Their
     * {@code membersAfter} is 0: each of the pass's pages may take all that is left.
     */
    static CurationPages withoutBox(YearMonth cycle, int size, CurationPageLoader loader) {
        return new CurationPages(cycle, size, loader, ShardPlan.Range.ALL, true);
    }

    /** Where a cycle's pages start: fixed for the cycle (a resumed run reads in the same order), different across cycles. */
    static UUID startOf(YearMonth cycle) {
        return UUID.nameUUIDFromBytes(("curation pages " + cycle).getBytes(StandardCharsets.UTF_8));
    }

    /** The next page, or empty once every subscription was read. */
    Optional<Page> next() {
        while (!done) {
            List<SubscriptionReplica> read = readIds();
            if (read.isEmpty()) {
                if (wrapped) {
                    done = true;
                } else {
                    wrapped = true;
                    after = null;
                }
                continue;
            }
            after = read.get(read.size() - 1).memberId;
            return Optional.of(loader.load(cycle, read, membersAfter()));
        }
        return Optional.empty();
    }

    private List<SubscriptionReplica> readIds() {
        SubscriptionReplicaRepository subscriptions = loader.subscriptions();
        if (withoutBox) {
            return wrapped
                    ? subscriptions.pageWithoutBox(cycle, range.from(), after, start, size)
                    : subscriptions.pageWithoutBox(cycle, start, after, range.to(), size);
        }
        return wrapped
                ? subscriptions.page(cycle, range.from(), after, start, size)
                : subscriptions.page(cycle, start, after, range.to(), size);
    }

    /** Members not yet read: after the keyset position, in the wrapped order. */
    private long membersAfter() {
        if (withoutBox) {
            return 0;
        }
        SubscriptionReplicaRepository subscriptions = loader.subscriptions();
        return wrapped
                ? subscriptions.countIn(cycle, null, after, start)
                : subscriptions.countIn(cycle, null, after, range.to())
                        + subscriptions.countIn(cycle, range.from(), null, start);
    }
}
