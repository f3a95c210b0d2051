package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
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

    /** Members to decide for, decided, boxes, unfilled slots and why members got no box, for this attempt. */
    @Embedded
    public CurationCounts counts = new CurationCounts();

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
    public void restart(int membersTotal, Map<String, Integer> notBoxable) {
        counts.restart();
        counts.membersTotal = membersTotal;
        counts.notBoxable(notBoxable);
    }

    @Override
    public boolean committed(int page) {
        return counts.committed(page);
    }

    @Override
    public void pageCommitted(int read, List<CuratedBox> boxes, Map<String, Integer> skipped) {
        counts.pageCommitted(
                read, boxes, boxes.stream().mapToInt(CuratedBox::shortfall).sum(), skipped);
    }

    /**
     * Progress of a run split into shards: the sum of its shards' (members of the leftover shard are counted by the
     * shard that read them first); a done run's counts stay as they were when it finished.
     */
    void progress(List<CurationShard> shards) {
        if (status == CurationRunStatus.DONE) {
            return; // final since its last shard finished
        }
        counts.restart();
        for (CurationShard shard : shards) {
            counts.add(shard.counts, !shard.leftover);
        }
    }

    /**
     * @param fulfilment per brand id: sponsored units {@code committed} and {@code placed}
     * @param notBoxable members the run could not box, by reason, as they stand at its end
     */
    public void done(Map<String, Map<String, Integer>> fulfilment, Map<String, Integer> notBoxable, OffsetDateTime at) {
        campaignFulfilment = fulfilment;
        counts.notBoxable(notBoxable);
        status = CurationRunStatus.DONE;
        finishedAt = at;
    }

    public void failed(String failure, OffsetDateTime at) {
        status = CurationRunStatus.FAILED;
        this.failure = failure;
        finishedAt = at;
    }
}
