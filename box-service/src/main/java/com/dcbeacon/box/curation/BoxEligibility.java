package com.dcbeacon.box.curation;

import java.time.YearMonth;
import java.util.Set;

/** Who gets a box in a cycle: active members, not paused through it, not skipping it; never the cancelled. */
public final class BoxEligibility {

    public enum Status {
        ACTIVE,
        PAUSED,
        CANCELLED
    }

    /** {@code pausedUntil} is the last paused cycle, or null for "until resumed". */
    public record Subscription(Status status, String pausedUntil, Set<String> skippedCycles) {}

    private BoxEligibility() {}

    public static boolean receivesBox(Subscription subscription, YearMonth cycle) {
        if (subscription == null
                || subscription.status() == Status.CANCELLED
                || subscription.skippedCycles().contains(cycle.toString())) {
            return false;
        }
        if (subscription.status() == Status.PAUSED) {
            return subscription.pausedUntil() != null && cycle.isAfter(YearMonth.parse(subscription.pausedUntil()));
        }
        return true;
    }
}
