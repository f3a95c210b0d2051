package com.dcbeacon.platform.testing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * For tests that hold one transaction open while another runs into it: the holder waits on a latch, and the test knows
 * the other one is waiting for the holder's row lock when PostgreSQL says so, not after a sleep.
 */
public final class Interleavings {

    private Interleavings() {}

    /** Waits until the latch is released; fails after 60 s, so a broken test never hangs a transaction for ever. */
    public static void hold(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released within 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sessions of the entity manager's database waiting for a lock ({@code pg_stat_activity.wait_event_type = 'Lock'}:
     * a row, transaction or table lock), read in a transaction of its own.
     */
    public static long sessionsWaitingForALock(EntityManager em) {
        return sessionsWaitingForALock(em, "");
    }

    /**
     * As {@link #sessionsWaitingForALock(EntityManager)}, counting only the sessions whose waiting statement names
     * {@code table}: a test that lines up several transactions on rows of one table, while others (a heartbeat) may wait
     * on rows of another.
     */
    public static long sessionsWaitingForALock(EntityManager em, String table) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from pg_stat_activity where datname = current_database()"
                                                + " and wait_event_type = 'Lock' and query like ?1")
                                .setParameter(1, "%" + table + "%")
                                .getSingleResult())
                        .longValue());
    }

    /**
     * Deadlocks PostgreSQL detected in the entity manager's database so far ({@code pg_stat_database.deadlocks}): a
     * backend reports its count a moment after it aborted the transaction, so a test awaits the count to rise.
     */
    public static long deadlocksDetected(EntityManager em) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select deadlocks from pg_stat_database where datname = current_database()")
                                .getSingleResult())
                        .longValue());
    }
}
