package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.ConsentTerms;
import com.dcbeacon.member.domain.SubscriptionService.ReactivationQuote;
import java.util.UUID;

/**
 * What a reactivation costs now: the cancelled subscription's plan at today's price, the first cycle that gets a box,
 * and the terms the member agrees to. The member confirms by posting {@code priceCents} and {@code currency} back.
 */
public record ReactivationQuoteResponse(
        UUID cancelledSubscriptionId,
        String planId,
        String planName,
        long priceCents,
        String currency,
        String billingCycle,
        String firstCycle,
        PlanResponse.UpcomingPrice upcomingPrice,
        String termsVersion,
        String terms) {

    static ReactivationQuoteResponse of(ReactivationQuote quote) {
        var plan = quote.plan();
        return new ReactivationQuoteResponse(
                quote.cancelled().id,
                plan.plan().id,
                plan.plan().name,
                plan.priceCents(),
                plan.plan().currency,
                ConsentTerms.BILLING_CYCLE,
                quote.firstCycle().toString(),
                PlanResponse.UpcomingPrice.of(plan.upcoming()),
                ConsentTerms.VERSION,
                quote.terms());
    }
}
