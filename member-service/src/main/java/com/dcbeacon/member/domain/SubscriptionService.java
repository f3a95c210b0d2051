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
import com.dcbeacon.platform.problem.ProblemDetail;
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
import java.util.function.Consumer;

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
    private final ConsentRecords consents;
    private final PriceChangeNotices notices;
    private final AccountNotices accountNotices;
    private final Clock clock;

    public SubscriptionService(
            SubscriptionRepository subscriptions,
            MemberRepository members,
            PlanCatalogue plans,
            Outbox outbox,
            EntityManager em,
            ConsentRecords consents,
            PriceChangeNotices notices,
            AccountNotices accountNotices,
            Clock clock) {
        this.consents = consents;
        this.accountNotices = accountNotices;
        this.notices = notices;
        this.subscriptions = subscriptions;
        this.members = members;
        this.plans = plans;
        this.outbox = outbox;
        this.em = em;
        this.clock = clock;
    }

    /**
     * What the member was shown of a plan's price before confirming: the price now and the announced upcoming price
     * ({@code upcomingPriceCents} empty when none was shown).
     */
    public record ShownPrice(long priceCents, Optional<Long> upcomingPriceCents) {}

    /** Signs up to the plan at its price today, recorded as the member's consent; nothing shown is checked. */
    public PricedSubscription subscribe(UUID memberId, String planId, ConsentChannel.Origin origin) {
        return subscribe(memberId, planId, Optional.empty(), origin);
    }

    /**
     * Signs up to the plan at its price today, recorded as the member's consent. With {@code shown}, 409 naming the
     * field when the price or the announced upcoming price is no longer what the member was shown.
     */
    @Transactional
    public PricedSubscription subscribe(
            UUID memberId, String planId, Optional<ShownPrice> shown, ConsentChannel.Origin origin) {
        Member member = lockMember(memberId);
        if (subscriptions.findOpen(memberId).isPresent()) {
            throw ProblemException.conflict("this member already has an active or paused subscription");
        }
        PlanCatalogue.PricedPlan plan = plans.priced(planId, today());
        shown.ifPresent(s -> requireShown(plan, s, SHOWN_FIELDS, "reload the plan"));
        return start(member, plan, null, origin);
    }

    /**
     * What reactivating the member's cancelled subscription costs now: its plan at today's price, the first cycle it
     * would bring a box for, and the terms shown. 404 without a subscription, 409 while one is open.
     */
    @Transactional
    public ReactivationQuote reactivationQuote(UUID memberId) {
        Subscription cancelled = requireCancelled(memberId);
        PlanCatalogue.PricedPlan plan = joining(plans.priced(cancelled.planId, today()));
        YearMonth first = currentCycle().plusMonths(1);
        return new ReactivationQuote(cancelled, plan, first, ConsentTerms.start(plan, first));
    }

    /**
     * Reactivates the member's cancelled subscription at the price the member was quoted: a new subscription on the
     * cancelled one's plan ({@link Subscription#reactivatedFrom}), announced like a sign-up. Preferences and ratings
     * were never touched by the cancel and stay. 409 when the price is no longer the quoted one (a price change took
     * effect in between), or when a price change was announced since the quote (or the one it showed withdrawn): the
     * member is never charged a price they were not shown.
     */
    @Transactional
    public PricedSubscription reactivate(
            UUID memberId,
            long quotedPriceCents,
            String quotedCurrency,
            Optional<Long> quotedUpcomingCents,
            ConsentChannel.Origin origin) {
        Member member = lockMember(memberId);
        Subscription cancelled = requireCancelled(memberId);
        PlanCatalogue.PricedPlan plan = plans.priced(cancelled.planId, today());
        if (!plan.plan().currency.equals(quotedCurrency)) {
            throw ProblemException.conflict(
                    "the price of the %s plan is now %s %s, not the quoted %s %s: ask for a new quote"
                            .formatted(
                                    plan.plan().id,
                                    ConsentTerms.money(plan.priceCents()),
                                    plan.plan().currency,
                                    ConsentTerms.money(quotedPriceCents),
                                    quotedCurrency));
        }
        requireShown(plan, new ShownPrice(quotedPriceCents, quotedUpcomingCents), QUOTE_FIELDS, "ask for a new quote");
        return start(member, plan, cancelled.id, origin);
    }

    /** A reactivation's price as shown before confirming; {@code terms} is what its consent record keeps. */
    public record ReactivationQuote(
            Subscription cancelled, PlanCatalogue.PricedPlan plan, YearMonth firstCycle, String terms) {}

    /** The request fields a shown price comes in: the price now, and the announced upcoming price. */
    private record ShownFields(String price, String upcoming) {}

    private static final ShownFields SHOWN_FIELDS = new ShownFields("shownPriceCents", "shownUpcomingPriceCents");
    private static final ShownFields QUOTE_FIELDS = new ShownFields("priceCents", "upcomingPriceCents");

    /**
     * 409 naming the field when the plan's price now, or its announced upcoming price, is not what the member was
     * shown: the member is never charged a price they were not shown, nor one announced without their seeing it.
     */
    private static void requireShown(
            PlanCatalogue.PricedPlan plan, ShownPrice shown, ShownFields fields, String retry) {
        String currency = plan.plan().currency;
        if (plan.priceCents() != shown.priceCents()) {
            throw shownConflict(
                    fields.price(),
                    "the price of the %s plan is now %s %s, not the %s %s shown: %s"
                            .formatted(
                                    plan.plan().id,
                                    ConsentTerms.money(plan.priceCents()),
                                    currency,
                                    ConsentTerms.money(shown.priceCents()),
                                    currency,
                                    retry));
        }
        Optional<Long> upcoming = plan.upcoming().map(change -> change.newPriceCents);
        if (!upcoming.equals(shown.upcomingPriceCents())) {
            // A price change announced after the member looked: the member was not among those told of it, and would
            // pay it from its effective date without having seen it
            throw shownConflict(
                    fields.upcoming(),
                    plan.upcoming()
                            .map(change -> "the price of the %s plan changes to %s %s on %s, which was not shown: %s"
                                    .formatted(
                                            plan.plan().id,
                                            ConsentTerms.money(change.newPriceCents),
                                            currency,
                                            change.effectiveOn,
                                            retry))
                            .orElse("the price change shown for the %s plan is no longer announced: %s"
                                    .formatted(plan.plan().id, retry)));
        }
    }

    private static ProblemException shownConflict(String field, String message) {
        return new ProblemException(409, "Conflict", message, List.of(new ProblemDetail.Violation(field, message)));
    }

    private PricedSubscription start(
            Member member, PlanCatalogue.PricedPlan plan, UUID reactivatedFrom, ConsentChannel.Origin origin) {
        List<Object> events = new ArrayList<>();
        Subscription subscription = Subscription.start(
                member.id,
                plan.plan(),
                plan.priceCents(),
                PlanPricing.heldUntil(plan.upcoming(), today()).orElse(null),
                now(),
                member.preferencesVersion,
                events);
        subscription.reactivatedFrom = reactivatedFrom;
        subscriptions.persist(subscription);
        em.flush();
        events.forEach(e -> announce(member.id, e));
        YearMonth first = currentCycle().plusMonths(1);
        PlanCatalogue.PricedPlan paid = joining(plan);
        consents.record(
                reactivatedFrom == null ? ConsentAction.SUBSCRIBE : ConsentAction.REACTIVATE,
                subscription,
                paid,
                first,
                ConsentTerms.start(paid, first),
                origin,
                now());
        notices.notifyJoining(member.id, paid, now());
        return priced(subscription, paid);
    }

    /**
     * {@code plan} as a member who joins it today pays it: a price change announced less than 30 days ahead applies to
     * them 30 days from today ({@link PlanPricing#heldUntil}), the day shown as its effective date.
     */
    private PlanCatalogue.PricedPlan joining(PlanCatalogue.PricedPlan plan) {
        return PlanPricing.heldUntil(plan.upcoming(), today())
                .map(until -> plans.held(plan, plan.priceCents(), until))
                .orElse(plan);
    }

    /**
     * Locked: a re-announcement of the member (MemberStateAnnouncements) then either sees a new subscription or is
     * published after its SubscriptionStarted, never before it with the state from before.
     */
    private Member lockMember(UUID memberId) {
        return members.findByIdOptional(memberId, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("no member " + memberId));
    }

    private Subscription requireCancelled(UUID memberId) {
        Subscription current = requireCurrent(memberId);
        if (current.isOpen()) {
            throw ProblemException.conflict("this member's subscription is active or paused: nothing to reactivate");
        }
        return current;
    }

    @Transactional
    public PricedSubscription pause(UUID memberId, YearMonth untilCycle) {
        return change(
                memberId,
                (s, preferences) -> {
                    s.requireNotGift("pause");
                    return s.pause(untilCycle, currentCycle(), now(), preferences);
                },
                s -> {});
    }

    @Transactional
    public PricedSubscription resume(UUID memberId) {
        return change(
                memberId,
                (s, preferences) -> {
                    s.requireNotGift("resume");
                    return s.resume(now(), preferences);
                },
                s -> {});
    }

    @Transactional
    public PricedSubscription skip(UUID memberId, YearMonth cycle) {
        return change(memberId, (s, preferences) -> s.skip(cycle, currentCycle(), now(), preferences), s -> {});
    }

    /** Changes the plan, recorded as the member's consent to its price; nothing shown is checked. */
    public PricedSubscription changePlan(UUID memberId, String planId, ConsentChannel.Origin origin) {
        return changePlan(memberId, planId, Optional.empty(), origin);
    }

    /**
     * Changes the plan, recorded as the member's consent to its price; the same plan again changes nothing. With
     * {@code shown}, 409 naming the field when the new plan's price or announced upcoming price is not what was shown.
     */
    @Transactional
    public PricedSubscription changePlan(
            UUID memberId, String planId, Optional<ShownPrice> shown, ConsentChannel.Origin origin) {
        PlanCatalogue.PricedPlan plan = plans.priced(planId, today());
        shown.ifPresent(s -> requireShown(plan, s, SHOWN_FIELDS, "reload the plan"));
        LocalDate heldUntil = PlanPricing.heldUntil(plan.upcoming(), today()).orElse(null);
        PlanCatalogue.PricedPlan paid = joining(plan);
        Subscription changed = applyChange(
                memberId,
                (s, preferences) -> {
                    s.requireNotGift("change the plan of");
                    return s.changePlan(plan.plan(), plan.priceCents(), heldUntil, now(), preferences);
                },
                s -> {
                    consents.record(
                            ConsentAction.PLAN_CHANGE,
                            s,
                            paid,
                            s.nextCycle(currentCycle()).orElse(null),
                            ConsentTerms.planChange(paid),
                            origin,
                            now());
                    notices.notifyJoining(memberId, paid, now());
                });
        // The subscription is on this plan now, priced above: its price changes are not read a second time.
        return priced(changed, plans.asPaidBy(changed, plan, today()));
    }

    /**
     * Cancels at once, recorded with the price the member stops paying; a second cancel answers the same confirmation
     * and records nothing.
     */
    @Transactional
    public PricedSubscription cancel(UUID memberId, String reason, ConsentChannel.Origin origin) {
        Subscription subscription = requireCurrent(memberId);
        subscription.cancel(reason, now(), preferencesVersion(memberId)).ifPresent(e -> {
            announce(memberId, e);
            consents.record(
                    ConsentAction.CANCEL,
                    subscription,
                    paidBy(subscription),
                    null,
                    ConsentTerms.CANCELLED,
                    origin,
                    now());
            accountNotices.cancelled(subscription, plans.require(subscription.planId));
        });
        em.flush();
        return priced(subscription);
    }

    /** The open subscription, else the most recently cancelled one; 404 when the member never subscribed. */
    public PricedSubscription current(UUID memberId) {
        return read(memberId).priced();
    }

    /** The current subscription as the member is shown it, with the member's newest preview of a box, if any. */
    public record SubscriptionRead(
            PricedSubscription priced, Optional<SubscriptionRepository.NewestPreview> newestPreview) {}

    /**
     * {@link #current} with the member's newest box preview, read in one statement and without a transaction: a read
     * needs none, and one statement reads one committed state ({@link SubscriptionRepository#readCurrent}). 404 when the
     * member never subscribed.
     */
    public SubscriptionRead read(UUID memberId) {
        SubscriptionRepository.CurrentRead read =
                subscriptions.readCurrent(memberId).orElseThrow(SubscriptionService::noSubscription);
        Subscription subscription = read.subscription();
        return new SubscriptionRead(
                priced(subscription, plans.asPaidBy(subscription, read.plan(), read.priceChanges(), today())),
                read.newestPreview());
    }

    private Subscription requireCurrent(UUID memberId) {
        return subscriptions.findCurrent(memberId).orElseThrow(SubscriptionService::noSubscription);
    }

    private static ProblemException noSubscription() {
        return ProblemException.notFound("this member has no subscription");
    }

    /** Applies {@code transition}; when it changed something, announces it and runs {@code onChange}. */
    private PricedSubscription change(
            UUID memberId,
            BiFunction<Subscription, Long, Optional<Object>> transition,
            Consumer<Subscription> onChange) {
        return priced(applyChange(memberId, transition, onChange));
    }

    private Subscription applyChange(
            UUID memberId,
            BiFunction<Subscription, Long, Optional<Object>> transition,
            Consumer<Subscription> onChange) {
        Subscription subscription = subscriptions
                .findOpen(memberId)
                .orElseThrow(() -> ProblemException.conflict("this member has no active or paused subscription"));
        transition.apply(subscription, preferencesVersion(memberId)).ifPresent(e -> {
            announce(memberId, e);
            onChange.accept(subscription);
        });
        // Flush here so a concurrent change surfaces as an optimistic-lock conflict (409), not at commit.
        em.flush();
        return subscription;
    }

    private PricedSubscription priced(Subscription subscription) {
        return priced(subscription, paidBy(subscription));
    }

    /** The subscription's plan as its member pays it today, with any price held. */
    private PlanCatalogue.PricedPlan paidBy(Subscription subscription) {
        return plans.asPaidBy(subscription, plans.priced(subscription.planId, today()), today());
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
        outbox.publish(eventType(event), memberId.toString(), event);
    }

    /** The type of a subscription event, for whoever announces one ({@link Gifts} too). */
    static EventType eventType(Object event) {
        return EVENT_TYPES.get(event.getClass());
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
