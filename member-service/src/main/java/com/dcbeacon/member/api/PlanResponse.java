package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.PlanCatalogue;
import com.dcbeacon.member.domain.PlanPriceChange;
import java.time.LocalDate;
import java.util.Optional;

/** A plan with its one all-in price: shipping is always included, there are no other fees. */
public record PlanResponse(
        String id,
        String name,
        int itemsPerBox,
        long priceCents,
        String currency,
        boolean shippingIncluded,
        UpcomingPrice upcomingPrice) {

    public record UpcomingPrice(long priceCents, LocalDate effectiveOn) {
        static UpcomingPrice of(Optional<PlanPriceChange> change) {
            return change.map(c -> new UpcomingPrice(c.newPriceCents, c.effectiveOn))
                    .orElse(null);
        }
    }

    static PlanResponse of(PlanCatalogue.PricedPlan priced) {
        var plan = priced.plan();
        return new PlanResponse(
                plan.id,
                plan.name,
                plan.itemsPerBox,
                priced.priceCents(),
                plan.currency,
                true,
                UpcomingPrice.of(priced.upcoming()));
    }
}
