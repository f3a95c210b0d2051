package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Tells every member with a subscription on a plan (not cancelled) of its price change: a PRICE_CHANGE notification. */
@ApplicationScoped
public class PriceChangeNotices {

    private final SubscriptionRepository subscriptions;
    private final NotificationRepository notifications;

    public PriceChangeNotices(SubscriptionRepository subscriptions, NotificationRepository notifications) {
        this.subscriptions = subscriptions;
        this.notifications = notifications;
    }

    /** Runs in the caller's transaction; prices in cents, shown to the member in the plan's currency. */
    public void notifyMembersOn(
            Plan plan, long oldPriceCents, long newPriceCents, LocalDate effectiveOn, OffsetDateTime now) {
        String message = ConsentTerms.priceChangeNotice(plan, oldPriceCents, newPriceCents, effectiveOn);
        // A gift's recipient pays nothing, so a price change is no news to them; their reminder shows today's price.
        subscriptions.openOnPlan(plan.id).stream()
                .filter(s -> !s.isGift())
                .forEach(s -> notifications.persist(
                        Notification.of(s.memberId, Notification.Kind.PRICE_CHANGE, message, now)));
    }

    /**
     * Tells a member who joins the plan (sign-up, reactivation, plan change) of the change announced before they
     * joined, at once, with the date it applies to them ({@code plan} as they pay it: {@link PlanCatalogue#asPaidBy});
     * nothing when none is announced. Runs in the caller's transaction.
     */
    public void notifyJoining(UUID memberId, PlanCatalogue.PricedPlan plan, OffsetDateTime now) {
        plan.upcoming()
                .ifPresent(change -> notifications.persist(Notification.of(
                        memberId,
                        Notification.Kind.PRICE_CHANGE,
                        ConsentTerms.priceChangeNotice(
                                plan.plan(), plan.priceCents(), change.newPriceCents, change.effectiveOn),
                        now)));
    }
}
