package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.BoxPreviews;
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
 * {@code boxChangeWindow}: in the answer to a read, the box the member was last shown a preview of and until when they
 * can change it (absent until that preview's mail was sent); the other answers leave it out.
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String effect,
        @JsonInclude(JsonInclude.Include.NON_NULL) BoxPreviews.ChangeWindow boxChangeWindow) {

    static SubscriptionResponse of(PricedSubscription priced) {
        return of(priced, (String) null);
    }

    static SubscriptionResponse of(PricedSubscription priced, String effect) {
        return of(priced, effect, null);
    }

    /** As read, with the change window of the box the member was last shown (null: none yet). */
    static SubscriptionResponse read(PricedSubscription priced, BoxPreviews.ChangeWindow boxChangeWindow) {
        return of(priced, null, boxChangeWindow);
    }

    /** As read in the subscription's transaction: a pause that has ended reads ACTIVE, without a pause. */
    private static SubscriptionResponse of(
            PricedSubscription priced, String effect, BoxPreviews.ChangeWindow boxChangeWindow) {
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
                effect,
                boxChangeWindow);
    }
}
