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
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from pg_stat_activity where datname = current_database()"
                                                + " and wait_event_type = 'Lock'")
                                .getSingleResult())
                        .longValue());
    }
}
