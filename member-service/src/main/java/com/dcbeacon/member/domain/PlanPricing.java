package com.dcbeacon.member.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a plan costs on a given day. A change applies to everyone from its effective date, and is
 * announced at least {@link #MINIMUM_NOTICE_DAYS} days ahead, so an existing member keeps the old price
 * until then and can cancel before it applies. A member who joins the plan after the announcement keeps the price
 * they joined at for as long ({@link #heldUntil}).
 */
public final class PlanPricing {

    public static final int MINIMUM_NOTICE_DAYS = 30;

    private PlanPricing() {}

    public static long priceOn(Plan plan, List<PlanPriceChange> changes, LocalDate day) {
        return changes.stream()
                .filter(c -> c.planId.equals(plan.id) && !c.effectiveOn.isAfter(day))
                .max(Comparator.comparing(c -> c.effectiveOn))
                .map(c -> c.newPriceCents)
                .orElse(plan.priceCents);
    }

    /** The next announced change after {@code day}, if any. */
    public static Optional<PlanPriceChange> upcoming(Plan plan, List<PlanPriceChange> changes, LocalDate day) {
        return changes.stream()
                .filter(c -> c.planId.equals(plan.id) && c.effectiveOn.isAfter(day))
                .min(Comparator.comparing(c -> c.effectiveOn));
    }

    /**
     * A member who joins the plan on {@code today} (sign-up, reactivation, plan change) while {@code upcoming} is
     * announced is told of it at once, and, like a member already on the plan, pays it only after at least {@link
     * #MINIMUM_NOTICE_DAYS} days' notice: the price they joined at is held until this day when the change takes effect
     * sooner. Empty when nothing is announced or the change leaves enough notice (it then applies from its effective
     * date, as to everyone).
     */
    public static Optional<LocalDate> heldUntil(Optional<PlanPriceChange> upcoming, LocalDate today) {
        return upcoming.filter(c -> !enoughNotice(c.effectiveOn, today)).map(c -> today.plusDays(MINIMUM_NOTICE_DAYS));
    }

    public static boolean enoughNotice(LocalDate effectiveOn, LocalDate today) {
        return !effectiveOn.isBefore(today.plusDays(MINIMUM_NOTICE_DAYS));
    }
}
