package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.PlanPriceChangeRepository;
import com.dcbeacon.member.persistence.PlanRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The plan catalogue and its prices over time. */
@ApplicationScoped
public class Plans {

    private final PlanRepository plans;
    private final PlanPriceChangeRepository priceChanges;
    private final SubscriptionRepository subscriptions;
    private final NotificationRepository notifications;
    private final Outbox outbox;

    public Plans(PlanRepository plans, PlanPriceChangeRepository priceChanges, SubscriptionRepository subscriptions,
            NotificationRepository notifications, Outbox outbox) {
        this.plans = plans;
        this.priceChanges = priceChanges;
        this.subscriptions = subscriptions;
        this.notifications = notifications;
        this.outbox = outbox;
    }

    public record PricedPlan(Plan plan, long priceCents, Optional<PlanPriceChange> upcoming) {
    }

    public List<PricedPlan> catalogue() {
        List<PlanPriceChange> changes = priceChanges.listAll();
        LocalDate today = today();
        return plans.listAll(Sort.by("priceCents")).stream()
                .map(p -> new PricedPlan(p, PlanPricing.priceOn(p, changes, today), PlanPricing.upcoming(p, changes, today)))
                .toList();
    }

    public PricedPlan priced(String planId, LocalDate day) {
        Plan plan = require(planId);
        List<PlanPriceChange> changes = priceChanges.list("planId", planId);
        return new PricedPlan(plan, PlanPricing.priceOn(plan, changes, day), PlanPricing.upcoming(plan, changes, day));
    }

    public Plan require(String planId) {
        return plans.findByIdOptional(planId)
                .orElseThrow(() -> ProblemException.invalidField("planId", "no plan " + planId));
    }

    /**
     * Announces a price change at least 30 days ahead: every member on the plan is notified, keeps the current
     * price until {@code effectiveOn}, and can cancel before it applies.
     */
    @Transactional
    public PlanPriceChange announcePriceChange(String planId, long newPriceCents, LocalDate effectiveOn) {
        Plan plan = plans.findByIdOptional(planId).orElseThrow(() -> ProblemException.notFound("no plan " + planId));
        LocalDate today = today();
        if (!PlanPricing.enoughNotice(effectiveOn, today)) {
            throw ProblemException.invalidField("effectiveOn", "must be at least " + PlanPricing.MINIMUM_NOTICE_DAYS
                    + " days ahead (on or after " + today.plusDays(PlanPricing.MINIMUM_NOTICE_DAYS) + ")");
        }
        if (priceChanges.count("planId = ?1 and effectiveOn = ?2", planId, effectiveOn) > 0) {
            throw ProblemException.conflict("a price change for " + planId + " on " + effectiveOn + " is already announced");
        }
        long oldPrice = PlanPricing.priceOn(plan, priceChanges.list("planId", planId), effectiveOn.minusDays(1));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        PlanPriceChange change = new PlanPriceChange();
        change.id = UUID.randomUUID();
        change.planId = planId;
        change.newPriceCents = newPriceCents;
        change.effectiveOn = effectiveOn;
        change.announcedAt = now;
        priceChanges.persist(change);

        String message = "The price of your %s plan changes from %s to %s %s on %s. Until then you pay the current price, and you can cancel at no cost before it applies."
                .formatted(plan.name, money(oldPrice), money(newPriceCents), plan.currency, effectiveOn);
        subscriptions.list("planId = ?1 and status <> com.dcbeacon.member.domain.SubscriptionStatus.CANCELLED", planId)
                .forEach(s -> notifications.persist(Notification.of(s.memberId, "PRICE_CHANGE", message, now)));
        outbox.publish(EventType.PLAN_PRICE_CHANGE_ANNOUNCED, planId,
                new PlanPriceChangeAnnounced(planId, oldPrice, newPriceCents, plan.currency, effectiveOn, now));
        return change;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    private static String money(long cents) {
        return "%d.%02d".formatted(cents / 100, cents % 100);
    }
}
