package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A curation of one cycle, with progress a person can watch. */
@Entity
@Table(name = "curation_run")
public class CurationRun implements CurationProgress {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String cycle;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public CurationRunStatus status;

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

    /** Reason to number of members who got no box this run. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "members_skipped", nullable = false)
    public Map<String, Integer> membersSkipped = new HashMap<>();

    @Column(name = "unfilled_slots", nullable = false)
    public int unfilledSlots;

    /** Brand id to {committed, placed} sponsored units for the cycle. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "campaign_fulfilment", nullable = false)
    public Map<String, Map<String, Integer>> campaignFulfilment = new HashMap<>();

    public String failure;

    @Column(name = "started_at", nullable = false)
    public OffsetDateTime startedAt;

    @Column(name = "finished_at")
    public OffsetDateTime finishedAt;

    /** The instance running it (see {@link CurationLease}). */
    public String owner;

    /** Last sign of life of the owner while RUNNING. */
    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    /** 1 for the first start, one more per takeover after its owner died. */
    @Column(nullable = false)
    public int attempts = 1;

    /** A run of the cycle, RUNNING from now, its lease held by {@code owner}. */
    public static CurationRun start(String cycle, String owner, OffsetDateTime now) {
        CurationRun run = new CurationRun();
        run.id = UUID.randomUUID();
        run.cycle = cycle;
        run.status = CurationRunStatus.RUNNING;
        run.startedAt = now;
        run.owner = owner;
        run.heartbeatAt = now;
        return run;
    }

    /**
     * Progress counted from zero for an attempt over {@code membersTotal} members; after a takeover, members boxed by the
     * earlier attempt count as "already has a box".
     */
    public void restart(int membersTotal) {
        this.boxesCurated = 0;
        this.unfilledSlots = 0;
        this.membersTotal = membersTotal;
        this.membersDone = 0;
        this.pagesCommitted = 0;
        this.membersSkipped = new HashMap<>();
    }

    @Override
    public boolean committed(int page) {
        return page < pagesCommitted;
    }

    @Override
    public void pageCommitted(int read, List<CuratedBox> boxes, Map<String, Integer> skipped) {
        pagesCommitted++;
        membersDone += read;
        boxesCurated += (int) boxes.stream().filter(b -> !b.items().isEmpty()).count();
        unfilledSlots += boxes.stream().mapToInt(CuratedBox::shortfall).sum();
        Map<String, Integer> all = new HashMap<>(membersSkipped);
        skipped.forEach((reason, n) -> all.merge(reason, n, Integer::sum));
        membersSkipped = all;
    }

    /**
     * Progress of a run split into shards: the sum of its shards' (members of the leftover shard are counted by the
     * shard that read them first).
     */
    void progress(List<CurationShard> shards) {
        membersDone = 0;
        boxesCurated = 0;
        unfilledSlots = 0;
        Map<String, Integer> skipped = new HashMap<>();
        for (CurationShard shard : shards) {
            boxesCurated += shard.boxesCurated;
            unfilledSlots += shard.unfilledSlots;
            if (!shard.leftover) {
                membersDone += shard.membersDone;
                shard.membersSkipped.forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
            }
        }
        membersSkipped = skipped;
    }

    /** @param fulfilment per brand id: sponsored units {@code committed} and {@code placed} */
    public void done(Map<String, Map<String, Integer>> fulfilment, OffsetDateTime at) {
        campaignFulfilment = fulfilment;
        status = CurationRunStatus.DONE;
        finishedAt = at;
    }

    public void failed(String failure, OffsetDateTime at) {
        status = CurationRunStatus.FAILED;
        this.failure = failure;
        finishedAt = at;
    }
}
