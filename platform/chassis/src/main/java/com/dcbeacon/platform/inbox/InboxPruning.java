package com.dcbeacon.platform.inbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the inbox ({@code processed_event}) bounded. A record only guards against a redelivery, and Kafka cannot
 * redeliver what its retention has removed, so records older than {@code dcbeacon.inbox.keep} (default 14 days: twice
 * the topics' 7-day retention) are deleted hourly, in slices so no transaction grows large. A dead letter replayed later
 * than that is applied as new, which the handlers tolerate (they keep the newest state).
 */
@ApplicationScoped
public class InboxPruning {

    private static final Logger LOG = Logger.getLogger(InboxPruning.class);
    private static final int SLICE = 10_000;

    private final EntityManager em;
    private final Duration keep;

    public InboxPruning(
            EntityManager em, @ConfigProperty(name = "dcbeacon.inbox.keep", defaultValue = "P14D") Duration keep) {
        this.em = em;
        this.keep = keep;
    }

    @Scheduled(
            every = "${dcbeacon.inbox.prune-every:1h}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void prune() {
        int deleted;
        long total = 0;
        do {
            deleted = QuarkusTransaction.requiringNew()
                    .call(() -> em.createNativeQuery("""
                    delete from processed_event where ctid in (
                        select ctid from processed_event where processed_at < now() - make_interval(secs => ?1) limit ?2)""")
                            .setParameter(1, (double) keep.toSeconds())
                            .setParameter(2, SLICE)
                            .executeUpdate());
            total += deleted;
        } while (deleted == SLICE);
        if (total > 0) {
            LOG.infof("Inbox pruned: %d records older than %s", total, keep);
        }
    }
}
