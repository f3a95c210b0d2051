package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.PlanPriceChangeRepository;
import com.dcbeacon.member.persistence.PlanRepository;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

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
        Plan plan = require(planId);
        List<PlanPriceChange> changes = priceChanges.forPlan(planId);
        return new PricedPlan(plan, PlanPricing.priceOn(plan, changes, day), PlanPricing.upcoming(plan, changes, day));
    }

    /**
     * The plan as a member pays it on {@code day}: while the subscription holds a price ({@link
     * Subscription#priceHeldUntil}), the held price, and the plan's price on the day the hold ends as the upcoming
     * change; else the plan's price as it is.
     */
    public PricedPlan asPaidBy(Subscription subscription, PricedPlan plan, LocalDate day) {
        if (subscription.priceHeldUntil == null
                || subscription.heldPriceCents == null
                || !day.isBefore(subscription.priceHeldUntil)
                || !subscription.planId.equals(plan.plan().id)) {
            return plan;
        }
        return held(plan, subscription.heldPriceCents, subscription.priceHeldUntil);
    }

    /**
     * {@code plan} as a member pays it who keeps {@code priceCents} until {@code until}: from then on the plan's price on
     * that day, shown as the upcoming change.
     */
    public PricedPlan held(PricedPlan plan, long priceCents, LocalDate until) {
        PlanPriceChange applies = new PlanPriceChange();
        applies.planId = plan.plan().id;
        applies.newPriceCents = PlanPricing.priceOn(plan.plan(), priceChanges.forPlan(plan.plan().id), until);
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
