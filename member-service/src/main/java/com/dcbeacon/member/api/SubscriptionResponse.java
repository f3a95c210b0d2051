package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Subscription;
import com.dcbeacon.member.domain.SubscriptionService.PricedSubscription;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

/**
 * The subscription as the member sees it, with the price they pay now and any announced change. The answer to a change
 * says in {@code effect} what it does to boxes already curated or not yet curated. {@code pausedUntil} is the last
 * cycle without a box, {@code resumesOn} the day that pause ends by itself (both null unless paused with an end).
 * {@code giftLastCycle}: on a subscription a gift pays for, its last cycle (absent otherwise); it ends after it.
 */
public record SubscriptionResponse(
        UUID id,
        String status,
        String planId,
        long priceCents,
        String currency,
        PlanResponse.UpcomingPrice upcomingPrice,
        List<String> skippedCycles,
        String pausedUntil,
        LocalDate resumesOn,
        String nextCycle,
        OffsetDateTime startedAt,
        OffsetDateTime cancelledAt,
        UUID confirmationId,
        @JsonInclude(JsonInclude.Include.NON_NULL) String giftLastCycle,
        @JsonInclude(JsonInclude.Include.NON_NULL) String effect) {

    static SubscriptionResponse of(PricedSubscription priced) {
        return of(priced, null);
    }

    /** As read in the subscription's transaction: a pause that has ended reads ACTIVE, without a pause. */
    static SubscriptionResponse of(PricedSubscription priced, String effect) {
        Subscription s = priced.subscription();
        var plan = priced.plan();
        return new SubscriptionResponse(
                s.id,
                priced.status().name(),
                s.planId,
                plan.priceCents(),
                plan.plan().currency,
                s.isOpen() ? PlanResponse.UpcomingPrice.of(plan.upcoming()) : null,
                s.skippedCycles,
                priced.pausedUntil(),
                priced.resumesOn().orElse(null),
                priced.nextCycle().map(YearMonth::toString).orElse(null),
                s.startedAt,
                s.cancelledAt,
                s.confirmationId,
                s.giftLastCycle,
                effect);
    }
}
