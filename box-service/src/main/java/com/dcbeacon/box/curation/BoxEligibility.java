package com.dcbeacon.box.curation;

import java.time.YearMonth;
import java.util.Set;

/** Who gets a box in a cycle: active members, not paused through it (now or by a pause that ended), not skipping it; never the cancelled. */
public final class BoxEligibility {

    public enum Status {
        ACTIVE,
        PAUSED,
        CANCELLED
    }

    /**
     * {@code pausedUntil} is the last paused cycle: while PAUSED, null for "until resumed"; while ACTIVE, the last cycle
     * of a pause that ran to its end by itself (its cycles still get no box), or null.
     */
    public record Subscription(Status status, String pausedUntil, Set<String> skippedCycles) {}

    private BoxEligibility() {}

    public static boolean receivesBox(Subscription subscription, YearMonth cycle) {
        if (subscription == null
                || subscription.status() == Status.CANCELLED
                || subscription.skippedCycles().contains(cycle.toString())) {
            return false;
        }
        if (subscription.pausedUntil() == null) {
            return subscription.status() != Status.PAUSED;
        }
        // Paused through the cycle, now or by a pause that ended by itself: the member never wanted this box.
        return cycle.isAfter(YearMonth.parse(subscription.pausedUntil()));
    }
}
