package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.messaging.ReAnnounceable;
import com.dcbeacon.platform.messaging.ReAnnouncement;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-announces members so that other services can rebuild a lost or corrupted replica after the topics' retention
 * removed the events it was built from: per member a {@code MemberStateAnnounced} (member-events) with everything the
 * replicas hold, and the current {@code MemberPreferencesChanged} (member-preferences) with its version. Erased members
 * are gone from this service's tables, so they are never announced.
 *
 * <p>Members go page by page ({@link ReAnnouncement}), their rows and their subscriptions' rows locked, so that an
 * announcement is never older than a subscription or preferences event behind it (a new subscription locks its
 * member's row too).
 */
@ApplicationScoped
public class MemberStateAnnouncements implements ReAnnounceable {

    private final ReAnnouncement pages;
    private final SubscriptionRepository subscriptions;
    private final PlanCatalogue plans;
    private final Outbox outbox;
    private final Clock clock;

    public MemberStateAnnouncements(
            ReAnnouncement pages,
            SubscriptionRepository subscriptions,
            PlanCatalogue plans,
            Outbox outbox,
            Clock clock) {
        this.pages = pages;
        this.subscriptions = subscriptions;
        this.plans = plans;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public String counted() {
        return "members";
    }

    /** Announces every member; answers how many. */
    @Override
    public int announceAll() {
        return pages.all(Member.class, m -> m.id, this::publish);
    }

    /** Announces one member; 404 when there is no such member (never was, or erased). */
    @Override
    public int announce(UUID memberId) {
        return pages.one(Member.class, memberId, "member", this::publish);
    }

    private void publish(List<Member> members) {
        if (members.isEmpty()) {
            return;
        }
        Map<UUID, Subscription> current =
                subscriptions.lockCurrent(members.stream().map(m -> m.id).toList());
        Map<String, PlanCatalogue.PricedPlan> priced = new HashMap<>();
        OffsetDateTime now = OffsetDateTime.now(clock);
        YearMonth currentCycle = YearMonth.from(now);
        for (Member member : members) {
            Subscription s = current.get(member.id);
            MemberStateAnnounced.Subscription subscription = s == null
                    ? null
                    : subscription(
                            s,
                            plans.asPaidBy(
                                    s,
                                    priced.computeIfAbsent(
                                            s.planId, planId -> plans.priced(planId, PlanCatalogue.today())),
                                    PlanCatalogue.today()),
                            currentCycle);
            outbox.publish(
                    EventType.MEMBER_STATE_ANNOUNCED,
                    member.id.toString(),
                    new MemberStateAnnounced(
                            member.id,
                            member.shippingAddress.country(),
                            member.registeredAt,
                            member.marketingEmails,
                            member.surveys,
                            member.preferencesVersion,
                            subscription,
                            now));
            outbox.publish(
                    EventType.MEMBER_PREFERENCES_CHANGED,
                    member.id.toString(),
                    new MemberPreferencesChanged(
                            member.id,
                            member.allergens,
                            member.dietaryTags,
                            member.likedCategories,
                            member.dislikedCategories,
                            member.sensitiveDataConsent,
                            now,
                            member.preferencesVersion));
        }
    }

    /**
     * The subscription as it is now: a pause that has ended is announced ACTIVE, whether or not it was resumed yet, with
     * its last cycle, which still gets no box (as in SubscriptionResumed).
     */
    private static MemberStateAnnounced.Subscription subscription(
            Subscription s, PlanCatalogue.PricedPlan plan, YearMonth currentCycle) {
        return new MemberStateAnnounced.Subscription(
                s.id,
                s.statusIn(currentCycle).name(),
                s.planId,
                plan.plan().itemsPerBox,
                plan.priceCents(),
                plan.plan().currency,
                s.pausedUntil,
                List.copyOf(s.skippedCycles),
                // Still held (priceCents is then the held price); once past, the plan's prices apply as announced
                s.priceHeldUntil != null && PlanCatalogue.today().isBefore(s.priceHeldUntil) ? s.priceHeldUntil : null);
    }
}
