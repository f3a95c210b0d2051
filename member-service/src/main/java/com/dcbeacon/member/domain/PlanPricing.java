package com.dcbeacon.member.domain;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a plan costs on a given day. A change applies to everyone from its effective date, and is
 * announced at least {@link #MINIMUM_NOTICE_DAYS} days ahead, so an existing member keeps the old price
 * until then and can cancel before it applies.
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

    public static boolean enoughNotice(LocalDate effectiveOn, LocalDate today) {
        return !effectiveOn.isBefore(today.plusDays(MINIMUM_NOTICE_DAYS));
    }
}
