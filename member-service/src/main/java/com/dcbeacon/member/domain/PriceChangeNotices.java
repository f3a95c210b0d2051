package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;

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
        subscriptions
                .openOnPlan(plan.id)
                .forEach(s -> notifications.persist(
                        Notification.of(s.memberId, Notification.Kind.PRICE_CHANGE, message, now)));
    }
}
