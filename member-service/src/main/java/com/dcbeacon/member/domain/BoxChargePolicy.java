package com.dcbeacon.member.domain;

import com.dcbeacon.platform.events.payload.BoxShipped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Whether a shipped box is charged, and at what price. A box is charged only if its cycle was still wanted by the
 * subscription it was curated for: a cancel, skip or pause that came before the box was charged means the member does
 * not pay for it (box-service withdraws the boxes it has not shipped yet; one that left anyway is on us). A charged box
 * costs the price it was curated for, never the member's current plan. And a box is charged only if its preview was
 * mailed in time: at least the preview lead before it shipped, so the member had that long to swap, skip, pause or
 * cancel.
 */
public final class BoxChargePolicy {

    /** Why a box is not wanted; the names are those of BoxWithdrawn's reasons. */
    public enum NotWanted {
        CANCELLED,
        CYCLE_SKIPPED,
        PAUSED
    }

    private BoxChargePolicy() {}

    /**
     * Empty when the box for {@code cycle}, shipped at {@code shippedAt}, is still wanted by {@code subscription} as
     * it is now. A cancel counts only if it came before the box shipped; a skip of the cycle or a pause covering it
     * counts whenever it came, as long as it came before the charge, and still after the pause ended by itself.
     */
    public static Optional<NotWanted> notWanted(Subscription subscription, YearMonth cycle, OffsetDateTime shippedAt) {
        if (subscription.cancelledAt != null && subscription.cancelledAt.isBefore(shippedAt)) {
            return Optional.of(NotWanted.CANCELLED);
        }
        if (subscription.skippedCycles.contains(cycle.toString())) {
            return Optional.of(NotWanted.CYCLE_SKIPPED);
        }
        if (pausedThrough(subscription, cycle)) {
            return Optional.of(NotWanted.PAUSED);
        }
        return Optional.empty();
    }

    /**
     * Whether a pause covers the cycle: paused until the member resumes, or paused (now or by a pause that ran to its
     * end by itself) up to and including the cycle.
     */
    private static boolean pausedThrough(Subscription subscription, YearMonth cycle) {
        if (subscription.pausedUntil == null) {
            return subscription.status == SubscriptionStatus.PAUSED;
        }
        return !YearMonth.parse(subscription.pausedUntil).isBefore(cycle);
    }

    /**
     * Whether the box's preview reached the member in time: its mail was sent ({@code previewSentAt} present) at least
     * {@code lead} before the box shipped. A preview sent later, or never, makes the box not chargeable.
     */
    public static boolean previewedInTime(
            Optional<OffsetDateTime> previewSentAt, OffsetDateTime shippedAt, Duration lead) {
        if (lead.isNegative()) {
            throw new IllegalArgumentException("the preview lead cannot be negative: " + lead);
        }
        return previewSentAt
                .map(sent -> !changesUntil(sent, lead).isAfter(shippedAt))
                .orElse(false);
    }

    /**
     * Until when the member can still change a box whose preview was mailed at {@code previewSentAt}: the lead after
     * it. A box that ships before then is not charged ({@link #previewedInTime}), so a change made before it counts.
     */
    public static OffsetDateTime changesUntil(OffsetDateTime previewSentAt, Duration lead) {
        return previewSentAt.plus(lead);
    }

    /**
     * The price the box was curated for; only an event written before box-service sent prices falls back to the
     * plan's price for the cycle.
     */
    public static long price(Long curatedPriceCents, LongSupplier planPriceForCycle) {
        return curatedPriceCents != null ? curatedPriceCents : planPriceForCycle.getAsLong();
    }

    /**
     * What a shipped box is charged when it is charged: its price ({@link #price}) plus the member's one-time add-ons
     * that shipped with it. One decision for both: a box on us takes its add-ons with it.
     */
    public static long total(long boxPriceCents, BoxShipped shipped) {
        return boxPriceCents + shipped.addOnsCents();
    }
}
