package com.dcbeacon.member.domain;

/**
 * A credit for a box never exceeds what was charged for it: however many issues are reported for one box (damaged,
 * an allergen concern, a recall), together they give back at most its charge. A box never charged gets nothing back,
 * because the member never paid for it.
 */
public final class CreditCap {

    private CreditCap() {}

    /** What may be booked of {@code requestedCents} for a box charged {@code chargedCents} and already credited. */
    public static long bookable(long chargedCents, long alreadyCreditedCents, long requestedCents) {
        long remaining = chargedCents - alreadyCreditedCents;
        return Math.max(0, Math.min(requestedCents, remaining));
    }
}
