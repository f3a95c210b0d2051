package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.ShardPlan;
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

/**
 * One part of a curation run split among replicas ({@link CurationShards}): the members of a range of ids, with the
 * share of every product's stock and campaign units the plan fixed for them, run by one replica at a time under its
 * own lease. The leftover shard runs last, over the members still without a live box, with the units the others left.
 */
@Entity
@Table(name = "curation_shard")
public class CurationShard implements CurationProgress {

    public enum Status {
        PENDING,
        RUNNING,
        DONE
    }

    @Id
    public UUID id;

    @Column(name = "run_id", nullable = false)
    public UUID runId;

    @Column(nullable = false)
    public int shard;

    /** Runs after every other shard is done, over the units they left (not part of the plan's shares). */
    @Column(nullable = false)
    public boolean leftover;

    @Column(name = "member_from")
    public UUID memberFrom;

    @Column(name = "member_to")
    public UUID memberTo;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    /** The replica running it (see {@link CurationLease}). */
    public String owner;

    @Column(name = "heartbeat_at")
    public OffsetDateTime heartbeatAt;

    /** Claims so far: 1 for the first, one more per takeover. */
    @Column(nullable = false)
    public int attempts;

    /** Its members, and for this attempt: decided, boxes, unfilled slots and why members got no box. */
    @Embedded
    public CurationCounts counts = new CurationCounts();

    /** Product id to the units of its stock the plan gave this shard. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "stock_share", nullable = false)
    public Map<String, Integer> stockShare = new HashMap<>();

    /** Product id to the sponsored units of its campaigns the plan gave this shard. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "campaign_share", nullable = false)
    public Map<String, Integer> campaignShare = new HashMap<>();

    /** Product id to units its committed boxes took, over every attempt: what a takeover may no longer use. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "stock_used", nullable = false)
    public Map<String, Integer> stockUsed = new HashMap<>();

    /** Product id to sponsored units its committed boxes hold, over every attempt. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "sponsored_used", nullable = false)
    public Map<String, Integer> sponsoredUsed = new HashMap<>();

    /** Members it decided for who got no item at all (the leftover shard gives them a second chance). */
    @Column(name = "members_boxless", nullable = false)
    public int membersBoxless;

    static CurationShard planned(UUID runId, int shard, ShardPlan.Range range, int members) {
        CurationShard planned = new CurationShard();
        planned.id = UUID.randomUUID();
        planned.runId = runId;
        planned.shard = shard;
        planned.memberFrom = range.from();
        planned.memberTo = range.to();
        planned.counts.membersTotal = members;
        planned.status = Status.PENDING;
        return planned;
    }

    ShardPlan.Range range() {
        return leftover ? ShardPlan.Range.ALL : new ShardPlan.Range(memberFrom, memberTo);
    }

    /**
     * Claimed by {@code replica}: progress counted from zero for this attempt (members its earlier attempts boxed count
     * as "already has a box"); the units they took stay used.
     */
    void claim(String replica, OffsetDateTime now) {
        owner = replica;
        heartbeatAt = now;
        status = Status.RUNNING;
        attempts++;
        counts.restart();
        membersBoxless = 0;
    }

    /** Units of the product's share its committed boxes have not taken. */
    int stockLeft(UUID productId) {
        String id = productId.toString();
        return Math.max(0, stockShare.getOrDefault(id, 0) - stockUsed.getOrDefault(id, 0));
    }

    /** Sponsored units of the product's share its committed boxes do not hold. */
    int campaignLeft(UUID productId) {
        String id = productId.toString();
        return Math.max(0, campaignShare.getOrDefault(id, 0) - sponsoredUsed.getOrDefault(id, 0));
    }

    @Override
    public boolean committed(int page) {
        return counts.committed(page);
    }

    @Override
    public void pageCommitted(int read, List<CuratedBox> boxes, Map<String, Integer> skipped) {
        Map<String, Integer> used = new HashMap<>(stockUsed);
        Map<String, Integer> sponsored = new HashMap<>(sponsoredUsed);
        for (CuratedBox box : boxes) {
            if (box.items().isEmpty()) {
                membersBoxless++;
            }
            for (CuratedBox.Item item : box.items()) {
                used.merge(item.product().productId().toString(), 1, Integer::sum);
                if (item.sponsored()) {
                    sponsored.merge(item.product().productId().toString(), 1, Integer::sum);
                }
            }
        }
        stockUsed = used;
        sponsoredUsed = sponsored;
        // The leftover shard's unfilled slots are those it filled of boxes left empty: they come off the run's sum.
        int unfilled = boxes.stream()
                .mapToInt(box -> leftover ? -box.items().size() : box.shortfall())
                .sum();
        counts.pageCommitted(read, boxes, unfilled, skipped);
    }

    void done() {
        status = Status.DONE;
        heartbeatAt = null;
    }
}
