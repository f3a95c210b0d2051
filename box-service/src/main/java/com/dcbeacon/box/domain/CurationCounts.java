package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The progress a person can watch, kept alike on a run ({@link CurationRun}) and on each shard of a split run
 * ({@link CurationShard}): members to decide for and decided, pages committed, boxes, unfilled slots and why members got
 * no box.
 */
@Embeddable
public class CurationCounts {

    @Column(name = "members_total", nullable = false)
    public int membersTotal;

    @Column(name = "members_done", nullable = false)
    public int membersDone;

    /**
     * Pages of this attempt whose boxes committed, in the order the attempt reads them: a page's commit tried again finds
     * its page recorded when its first try reached the database and only the acknowledgement was lost.
     */
    @Column(name = "pages_committed", nullable = false)
    public int pagesCommitted;

    @Column(name = "boxes_curated", nullable = false)
    public int boxesCurated;

    @Column(name = "unfilled_slots", nullable = false)
    public int unfilledSlots;

    /** Reason to number of members who got no box. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "members_skipped", nullable = false)
    public Map<String, Integer> membersSkipped = new HashMap<>();

    /** Counted from zero for an attempt (a takeover counts again what its earlier attempts did). */
    void restart() {
        membersDone = 0;
        pagesCommitted = 0;
        boxesCurated = 0;
        unfilledSlots = 0;
        membersSkipped = new HashMap<>();
    }

    /**
     * The members the run cannot box, by reason ({@code SubscriptionReplicaRepository#notBoxable}): they are never read,
     * so their counts replace any taken earlier rather than add to them.
     */
    void notBoxable(Map<String, Integer> reasons) {
        Map<String, Integer> all = new HashMap<>(membersSkipped);
        all.keySet().removeIf(CurationCounts::notBoxableReason);
        all.putAll(reasons);
        membersSkipped = all;
    }

    private static boolean notBoxableReason(String reason) {
        return reason.equals("cancelled") || reason.equals("paused") || reason.startsWith("skipping ");
    }

    /** Whether the page ({@code 0} for the attempt's first) committed its boxes. */
    boolean committed(int page) {
        return page < pagesCommitted;
    }

    /**
     * The attempt's next page, of {@code read} members, committed {@code boxes} (those with no item are not counted as
     * curated), leaving {@code unfilled} slots; {@code skipped}: reason to members of the page without a box.
     */
    void pageCommitted(int read, List<CuratedBox> boxes, int unfilled, Map<String, Integer> skipped) {
        pagesCommitted++;
        membersDone += read;
        boxesCurated += (int) boxes.stream().filter(b -> !b.items().isEmpty()).count();
        unfilledSlots += unfilled;
        add(skipped);
    }

    /** Adds a shard's counts to these (a split run's progress is the sum of its shards'). */
    void add(CurationCounts shard, boolean withMembers) {
        boxesCurated += shard.boxesCurated;
        unfilledSlots += shard.unfilledSlots;
        if (withMembers) {
            membersDone += shard.membersDone;
            add(shard.membersSkipped);
        }
    }

    private void add(Map<String, Integer> skipped) {
        Map<String, Integer> all = new HashMap<>(membersSkipped);
        skipped.forEach((reason, n) -> all.merge(reason, n, Integer::sum));
        membersSkipped = all;
    }
}
