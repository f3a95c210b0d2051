package com.dcbeacon.member.domain;

import java.time.YearMonth;

/**
 * What a member is shown when agreeing to an action that changes what they are charged: the text of a consent record,
 * under a version of the subscription terms ({@link #VERSION}). A plain class: the text depends only on its arguments.
 */
public final class ConsentTerms {

    /** The subscription terms in force; a new wording gets a new version, so old records keep naming theirs. */
    public static final String VERSION = "subscription-terms-2026-11";

    /** Every plan is billed per calendar month, one box per cycle. */
    public static final String BILLING_CYCLE = "MONTHLY";

    /** A gift is paid once, at purchase, for all its cycles. */
    public static final String GIFT_BILLING = "PREPAID";

    public static final String CANCELLED =
            "No more boxes and no more charges: a box already curated is withdrawn, and one that ships anyway is on us.";

    private ConsentTerms() {}

    /** Shown before a sign-up or a reactivation: the plan, the all-in price per cycle, renewal, and how to leave. */
    public static String start(PlanCatalogue.PricedPlan plan, YearMonth firstCycle) {
        return "%s plan: %s %s per monthly cycle, shipping included, charged for each box shipped, first box for %s. Renews every month until you cancel; cancel any time in one step, no reason needed.%s"
                .formatted(
                        plan.plan().name, money(plan.priceCents()), plan.plan().currency, firstCycle, upcoming(plan));
    }

    /** Shown before buying a gift: what it costs once, what it gives, that it never renews, and its claim expiry. */
    public static String gift(
            Plan plan, long priceCents, int cycles, long totalCents, YearMonth start, String expires) {
        return "Gift of %d monthly cycle(s) of the %s plan, one box per cycle, shipping included: %s %s charged once now (%d x %s %s). Starts with the box for %s, or the cycle after the recipient claims it if that is later. Never renews and never charges the recipient; they may choose to continue at the price then shown. If not claimed by %s, the %s %s are credited back to you."
                .formatted(
                        cycles,
                        plan.name,
                        money(totalCents),
                        plan.currency,
                        cycles,
                        money(priceCents),
                        plan.currency,
                        start,
                        expires,
                        money(totalCents),
                        plan.currency);
    }

    /** Shown before a plan change. */
    public static String planChange(PlanCatalogue.PricedPlan plan) {
        return "Your plan changes to %s: %s %s per monthly cycle, shipping included, from your next box that is not curated yet; a box already curated keeps its contents and the price it was curated for.%s"
                .formatted(plan.plan().name, money(plan.priceCents()), plan.plan().currency, upcoming(plan));
    }

    /** The notice of a price change, as every member on the plan was told it. */
    public static String priceChangeNotice(
            Plan plan, long oldPriceCents, long newPriceCents, java.time.LocalDate effectiveOn) {
        return "The price of your %s plan changes from %s to %s %s on %s. Until then you pay the current price, and you can cancel at no cost before it applies."
                .formatted(plan.name, money(oldPriceCents), money(newPriceCents), plan.currency, effectiveOn);
    }

    static String money(long cents) {
        return "%d.%02d".formatted(cents / 100, cents % 100);
    }

    private static String upcoming(PlanCatalogue.PricedPlan plan) {
        return plan.upcoming()
                .map(c -> " From %s the price is %s %s."
                        .formatted(c.effectiveOn, money(c.newPriceCents), plan.plan().currency))
                .orElse("");
    }
}
