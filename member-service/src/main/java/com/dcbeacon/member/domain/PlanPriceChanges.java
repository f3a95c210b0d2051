package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.PlanPriceChangeRepository;
import com.dcbeacon.member.persistence.PlanRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Ops announce a plan's new price: recorded, every member on the plan told, and published as an event. */
@ApplicationScoped
public class PlanPriceChanges {

    private final PlanRepository plans;
    private final PlanPriceChangeRepository priceChanges;
    private final PriceChangeNotices notices;
    private final Outbox outbox;
    private final Clock clock;

    public PlanPriceChanges(
            PlanRepository plans,
            PlanPriceChangeRepository priceChanges,
            PriceChangeNotices notices,
            Outbox outbox,
            Clock clock) {
        this.clock = clock;
        this.plans = plans;
        this.priceChanges = priceChanges;
        this.notices = notices;
        this.outbox = outbox;
    }

    /**
     * Announces a price change at least 30 days ahead: every member on the plan is notified, keeps the current
     * price until {@code effectiveOn}, and can cancel before it applies. {@code announcedBy}: the acting ops user.
     */
    @Transactional
    public PlanPriceChange announce(String planId, long newPriceCents, LocalDate effectiveOn, String announcedBy) {
        Plan plan = plans.findByIdOptional(planId).orElseThrow(() -> ProblemException.notFound("no plan " + planId));
        LocalDate today = LocalDate.now(clock);
        if (!PlanPricing.enoughNotice(effectiveOn, today)) {
            throw ProblemException.invalidField(
                    "effectiveOn",
                    "must be at least " + PlanPricing.MINIMUM_NOTICE_DAYS + " days ahead (on or after "
                            + today.plusDays(PlanPricing.MINIMUM_NOTICE_DAYS) + ")");
        }
        if (priceChanges.announcedFor(planId, effectiveOn)) {
            throw alreadyAnnounced(planId, effectiveOn);
        }
        long oldPrice = PlanPricing.priceOn(plan, priceChanges.forPlan(planId), effectiveOn.minusDays(1));
        OffsetDateTime now = OffsetDateTime.now(clock);
        PlanPriceChange change = new PlanPriceChange();
        change.id = UUID.randomUUID();
        change.planId = planId;
        change.newPriceCents = newPriceCents;
        change.effectiveOn = effectiveOn;
        change.announcedAt = now;
        change.announcedBy = announcedBy;
        priceChanges.persist(change);
        // Another announcement for the day that passed the check above at the same moment is refused as it refuses.
        UniqueIndexes.flush(
                priceChanges.getEntityManager(),
                Map.of("plan_price_change_plan_id_effective_on_key", () -> alreadyAnnounced(planId, effectiveOn)));

        notices.notifyMembersOn(plan, oldPrice, newPriceCents, effectiveOn, now);
        outbox.publish(
                EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                planId,
                new PlanPriceChangeAnnounced(planId, oldPrice, newPriceCents, plan.currency, effectiveOn, now));
        return change;
    }

    private static ProblemException alreadyAnnounced(String planId, LocalDate effectiveOn) {
        return ProblemException.conflict(
                "a price change for " + planId + " on " + effectiveOn + " is already announced");
    }
}
