package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Self-service subscription changes: each one call, effective at once, announced through the outbox. Each answers the
 * subscription as the member is shown it ({@link PricedSubscription}), read in the same transaction.
 */
@ApplicationScoped
public class SubscriptionService {

    /**
     * A subscription with what the member is shown of it, as of the cycle it was read in: its plan priced today (and
     * any announced change); its status and last paused cycle, a pause that has ended reading ACTIVE without one
     * ({@link Subscription#statusIn}); the day a pause with an end resumes by itself; and the next cycle that gets a box
     * ({@link Subscription#nextCycle}), empty when cancelled or paused without an end.
     */
    public record PricedSubscription(
            Subscription subscription,
            PlanCatalogue.PricedPlan plan,
            SubscriptionStatus status,
            String pausedUntil,
            Optional<LocalDate> resumesOn,
            Optional<YearMonth> nextCycle) {

        static PricedSubscription of(Subscription s, PlanCatalogue.PricedPlan plan, YearMonth current) {
            return new PricedSubscription(
                    s,
                    plan,
                    s.statusIn(current),
                    s.pausedUntilIn(current),
                    s.pauseEnded(current) ? Optional.empty() : s.resumesOn(),
                    s.nextCycle(current));
        }
    }

    private static final Map<Class<?>, EventType> EVENT_TYPES = Map.of(
            SubscriptionStarted.class, EventType.SUBSCRIPTION_STARTED,
            SubscriptionPaused.class, EventType.SUBSCRIPTION_PAUSED,
            SubscriptionResumed.class, EventType.SUBSCRIPTION_RESUMED,
            CycleSkipped.class, EventType.CYCLE_SKIPPED,
            PlanChanged.class, EventType.PLAN_CHANGED,
            SubscriptionCancelled.class, EventType.SUBSCRIPTION_CANCELLED);

    private final SubscriptionRepository subscriptions;
    private final MemberRepository members;
    private final PlanCatalogue plans;
    private final Outbox outbox;
    private final EntityManager em;
    private final Clock clock;

    public SubscriptionService(
            SubscriptionRepository subscriptions,
            MemberRepository members,
            PlanCatalogue plans,
            Outbox outbox,
            EntityManager em,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.members = members;
        this.plans = plans;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public PricedSubscription subscribe(UUID memberId, String planId) {
        // Locked: a re-announcement of the member (MemberStateAnnouncements) then either sees this subscription or is
        // published after its SubscriptionStarted, never before it with the state from before.
        Member member = members.findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
        if (subscriptions.findOpen(memberId).isPresent()) {
            throw ProblemException.conflict("this member already has an active or paused subscription");
        }
        PlanCatalogue.PricedPlan plan = plans.priced(planId, today());
        List<Object> events = new ArrayList<>();
        Subscription subscription =
                Subscription.start(memberId, plan.plan(), plan.priceCents(), now(), member.preferencesVersion, events);
        subscriptions.persist(subscription);
        em.flush();
        events.forEach(e -> announce(memberId, e));
        return priced(subscription, plan);
    }

    @Transactional
    public PricedSubscription pause(UUID memberId, YearMonth untilCycle) {
        return change(memberId, (s, preferences) -> s.pause(untilCycle, currentCycle(), now(), preferences));
    }

    @Transactional
    public PricedSubscription resume(UUID memberId) {
        return change(memberId, (s, preferences) -> s.resume(now(), preferences));
    }

    @Transactional
    public PricedSubscription skip(UUID memberId, YearMonth cycle) {
        return change(memberId, (s, preferences) -> s.skip(cycle, currentCycle(), now(), preferences));
    }

    @Transactional
    public PricedSubscription changePlan(UUID memberId, String planId) {
        PlanCatalogue.PricedPlan plan = plans.priced(planId, today());
        return change(memberId, (s, preferences) -> s.changePlan(plan.plan(), plan.priceCents(), now(), preferences));
    }

    /** Cancels at once; a second cancel answers the same confirmation. */
    @Transactional
    public PricedSubscription cancel(UUID memberId, String reason) {
        Subscription subscription = requireCurrent(memberId);
        subscription.cancel(reason, now(), preferencesVersion(memberId)).ifPresent(e -> announce(memberId, e));
        em.flush();
        return priced(subscription);
    }

    /** The open subscription, else the most recently cancelled one; 404 when the member never subscribed. */
    @Transactional
    public PricedSubscription current(UUID memberId) {
        return priced(requireCurrent(memberId));
    }

    private Subscription requireCurrent(UUID memberId) {
        return subscriptions
                .findCurrent(memberId)
                .orElseThrow(() -> ProblemException.notFound("this member has no subscription"));
    }

    private PricedSubscription change(UUID memberId, BiFunction<Subscription, Long, Optional<Object>> transition) {
        Subscription subscription = subscriptions
                .findOpen(memberId)
                .orElseThrow(() -> ProblemException.conflict("this member has no active or paused subscription"));
        transition.apply(subscription, preferencesVersion(memberId)).ifPresent(e -> announce(memberId, e));
        // Flush here so a concurrent change surfaces as an optimistic-lock conflict (409), not at commit.
        em.flush();
        return priced(subscription);
    }

    private PricedSubscription priced(Subscription subscription) {
        return priced(subscription, plans.priced(subscription.planId, today()));
    }

    private PricedSubscription priced(Subscription subscription, PlanCatalogue.PricedPlan plan) {
        return PricedSubscription.of(subscription, plan, currentCycle());
    }

    /** The version every event of this change carries: box-service curates only with preferences at least this new. */
    private long preferencesVersion(UUID memberId) {
        return members.findByIdOptional(memberId)
                .map(m -> m.preferencesVersion)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
    }

    private void announce(UUID memberId, Object event) {
        outbox.publish(EVENT_TYPES.get(event.getClass()), memberId.toString(), event);
    }

    /** The cycle now, by the injected clock: what reads of a subscription (its status, its next cycle) are as of. */
    private YearMonth currentCycle() {
        return YearMonth.now(clock);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
