package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.CurationShard;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class CurationShardRepository implements PanacheRepositoryBase<CurationShard, UUID> {

    public List<CurationShard> ofRun(UUID runId) {
        return list("runId = ?1 order by shard", runId);
    }

    public boolean planned(UUID runId) {
        return count("runId", runId) > 0;
    }

    /**
     * A shard of a RUNNING run ({@code runId}, or any when null) that a replica may claim, row-locked, skipping shards
     * another transaction is claiming: one not yet claimed, or one whose owner's heart last beat before {@code before};
     * the leftover shard only once every other shard of its run is done.
     */
    @SuppressWarnings("unchecked")
    public Optional<CurationShard> lockClaimable(UUID runId, OffsetDateTime before) {
        List<CurationShard> found = getEntityManager()
                .createNativeQuery("""
                        select s.* from curation_shard s join curation_run r on r.id = s.run_id
                        where r.status = 'RUNNING' and (cast(:run as uuid) is null or s.run_id = cast(:run as uuid))
                          and (s.status = 'PENDING' or (s.status = 'RUNNING' and s.heartbeat_at < :before))
                          and (not s.leftover or not exists (select 1 from curation_shard o
                               where o.run_id = s.run_id and not o.leftover and o.status <> 'DONE'))
                        order by r.started_at, s.shard
                        limit 1
                        for update of s skip locked""", CurationShard.class)
                .setParameter("run", runId)
                .setParameter("before", before)
                .getResultList();
        return found.stream().findFirst();
    }

    public CurationShard lock(UUID shardId) {
        return findById(shardId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The shards, those still RUNNING, beat their heart at {@code now}, but for those a page's commit holds: it beats
     * their heart itself, and waiting for it here while holding the others could close a circle with another page's
     * commit.
     */
    public void beat(Collection<UUID> ids, OffsetDateTime now) {
        if (!ids.isEmpty()) {
            getEntityManager()
                    .createNativeQuery("""
                            update curation_shard set heartbeat_at = :now where id in (select id from curation_shard
                              where id in (:ids) and status = 'RUNNING' for update skip locked)""")
                    .setParameter("now", now)
                    .setParameter("ids", ids)
                    .executeUpdate();
        }
    }
}
