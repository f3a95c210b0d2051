package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class CurationRunRepository implements PanacheRepositoryBase<CurationRun, UUID> {

    public boolean running(String cycle) {
        return count("cycle = ?1 and status = ?2", cycle, CurationRunStatus.RUNNING) > 0;
    }

    /** The owner's RUNNING runs beat their heart at {@code now}. */
    public void beat(String owner, OffsetDateTime now) {
        update("heartbeatAt = ?1 where owner = ?2 and status = ?3", now, owner, CurationRunStatus.RUNNING);
    }

    /** RUNNING runs whose heart last beat before {@code before} (or never), row-locked. */
    public List<CurationRun> lockAbandoned(OffsetDateTime before) {
        return find("status = ?1 and (heartbeatAt is null or heartbeatAt < ?2)", CurationRunStatus.RUNNING, before)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    public CurationRun lock(UUID runId) {
        return findById(runId, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * The run's status as last committed, read without a lock and without loading the entity (so nothing of the run can
     * be written back by the caller): for the pages of a split run, which must neither take turns on the run's row nor
     * hold up its heartbeat (see {@code CurationShards.owned}).
     */
    public CurationRunStatus status(UUID runId) {
        return CurationRunStatus.valueOf((String) getEntityManager()
                .createNativeQuery("select status from curation_run where id = ?1")
                .setParameter(1, runId)
                .getSingleResult());
    }
}
