package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.PlanPriceChangeRepository;
import com.dcbeacon.member.persistence.PlanRepository;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The plan catalogue and each plan's price on a day ({@link PlanPricing}: the base price, or the latest announced
 * change in effect). Price changes are announced by {@link PlanPriceChanges}.
 */
@ApplicationScoped
public class PlanCatalogue {

    private final PlanRepository plans;
    private final PlanPriceChangeRepository priceChanges;

    public PlanCatalogue(PlanRepository plans, PlanPriceChangeRepository priceChanges) {
        this.plans = plans;
        this.priceChanges = priceChanges;
    }

    public record PricedPlan(Plan plan, long priceCents, Optional<PlanPriceChange> upcoming) {}

    public List<PricedPlan> catalogue() {
        List<PlanPriceChange> changes = priceChanges.listAll();
        LocalDate today = today();
        return plans.cheapestFirst().stream()
                .map(p -> new PricedPlan(
                        p, PlanPricing.priceOn(p, changes, today), PlanPricing.upcoming(p, changes, today)))
                .toList();
    }

    public PricedPlan priced(String planId, LocalDate day) {
        return priced(require(planId), priceChanges.forPlan(planId), day);
    }

    /** As {@link #priced(String, LocalDate)}, from the plan and every price change of it already read. */
    public PricedPlan priced(Plan plan, List<PlanPriceChange> changes, LocalDate day) {
        return new PricedPlan(plan, PlanPricing.priceOn(plan, changes, day), PlanPricing.upcoming(plan, changes, day));
    }

    /**
     * The plan as a member pays it on {@code day}: while the subscription holds a price ({@link
     * Subscription#priceHeldUntil}), the held price, and the plan's price on the day the hold ends as the upcoming
     * change; else the plan's price as it is.
     */
    public PricedPlan asPaidBy(Subscription subscription, PricedPlan plan, LocalDate day) {
        return asPaidBy(subscription, plan, () -> priceChanges.forPlan(plan.plan().id), day);
    }

    /**
     * As {@link #asPaidBy(Subscription, PricedPlan, LocalDate)}, from the subscription's plan and every price change of
     * it already read: nothing more is read.
     */
    public PricedPlan asPaidBy(Subscription subscription, Plan plan, List<PlanPriceChange> changes, LocalDate day) {
        return asPaidBy(subscription, priced(plan, changes, day), () -> changes, day);
    }

    private PricedPlan asPaidBy(
            Subscription subscription, PricedPlan plan, Supplier<List<PlanPriceChange>> changes, LocalDate day) {
        if (subscription.priceHeldUntil == null
                || subscription.heldPriceCents == null
                || !day.isBefore(subscription.priceHeldUntil)
                || !subscription.planId.equals(plan.plan().id)) {
            return plan;
        }
        return held(plan, changes.get(), subscription.heldPriceCents, subscription.priceHeldUntil);
    }

    /**
     * {@code plan} as a member pays it who keeps {@code priceCents} until {@code until}: from then on the plan's price on
     * that day, shown as the upcoming change.
     */
    public PricedPlan held(PricedPlan plan, long priceCents, LocalDate until) {
        return held(plan, priceChanges.forPlan(plan.plan().id), priceCents, until);
    }

    private static PricedPlan held(PricedPlan plan, List<PlanPriceChange> changes, long priceCents, LocalDate until) {
        PlanPriceChange applies = new PlanPriceChange();
        applies.planId = plan.plan().id;
        applies.newPriceCents = PlanPricing.priceOn(plan.plan(), changes, until);
        applies.effectiveOn = until;
        return new PricedPlan(plan.plan(), priceCents, Optional.of(applies));
    }

    public Plan require(String planId) {
        return plans.findByIdOptional(planId)
                .orElseThrow(() -> ProblemException.invalidField("planId", "no plan " + planId));
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
