package com.dcbeacon.box.domain;

import java.util.Optional;
import java.util.UUID;

/**
 * What a box is curated for: the member's subscription, plan, and the plan's price for the cycle in cents; and the
 * preferences version the run decided from.
 */
public record BoxTerms(UUID subscriptionId, String planId, long priceCents, String currency, long preferencesVersion) {

    /** @param inForce the price change of the member's plan in force for the cycle, if any */
    static BoxTerms of(SubscriptionReplica s, Optional<PlanPriceReplica> inForce, long preferencesVersion) {
        return inForce.map(
                        p -> new BoxTerms(s.subscriptionId, s.planId, p.newPriceCents, p.currency, preferencesVersion))
                .orElseGet(
                        () -> new BoxTerms(s.subscriptionId, s.planId, s.priceCents, s.currency, preferencesVersion));
    }
}
