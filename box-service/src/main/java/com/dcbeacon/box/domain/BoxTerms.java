package com.dcbeacon.box.domain;

import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;

/**
 * What a box is curated for: the member's subscription, plan, and the plan's price for the cycle in cents; and the
 * preferences version the run decided from.
 */
public record BoxTerms(UUID subscriptionId, String planId, long priceCents, String currency, long preferencesVersion) {

    /**
     * @param inForce the price change of the member's plan in force for the cycle, if any; not for a cycle that starts
     *     before the day the member's price is held until ({@link SubscriptionReplica#priceHeldUntil})
     */
    static BoxTerms of(
            SubscriptionReplica s, YearMonth cycle, Optional<PlanPriceReplica> inForce, long preferencesVersion) {
        boolean held = s.priceHeldUntil != null && cycle.atDay(1).isBefore(s.priceHeldUntil);
        return inForce.filter(p -> !held)
                .map(p -> new BoxTerms(s.subscriptionId, s.planId, p.newPriceCents, p.currency, preferencesVersion))
                .orElseGet(
                        () -> new BoxTerms(s.subscriptionId, s.planId, s.priceCents, s.currency, preferencesVersion));
    }
}
