package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.problem.ProblemException;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Any sequence of member actions leaves a valid subscription, and a consumer that only folds the emitted
 * events (as box-service does) ends in exactly the state member-service holds: the events describe every
 * transition.
 */
class SubscriptionStateMachineTest {

    private static final YearMonth CURRENT = YearMonth.of(2026, 11);
    /** A time within {@link #CURRENT}: every change happens in the cycle the actions are planned from. */
    private static final OffsetDateTime NOW = OffsetDateTime.of(2026, 11, 10, 12, 0, 0, 0, ZoneOffset.UTC);

    private static final List<Plan> PLANS = List.of(plan("taster", 4), plan("classic", 8), plan("office", 20));

    sealed interface Action permits Subscribe, Pause, Resume, Skip, ChangePlan, Cancel {}

    record Subscribe(int plan) implements Action {}

    record Pause(Integer monthsAhead) implements Action {}

    record Resume() implements Action {}

    record Skip(int monthsAhead) implements Action {}

    record ChangePlan(int plan) implements Action {}

    record Cancel() implements Action {}

    @Property(tries = 500)
    void anySequenceLeavesAValidStateThatTheEventsDescribe(@ForAll("actions") List<Action> actions) {
        UUID memberId = UUID.randomUUID();
        Subscription current = null;
        List<Object> events = new ArrayList<>();
        for (Action action : actions) {
            OffsetDateTime now = NOW;
            try {
                current = apply(action, current, memberId, now, events);
            } catch (ProblemException refused) {
                assertThat(refused.status()).isIn(400, 409);
            }
            if (current != null) {
                assertValid(current);
                assertThat(Folded.of(events)).isEqualTo(Folded.of(current));
            }
        }
    }

    private static Subscription apply(
            Action action, Subscription current, UUID memberId, OffsetDateTime now, List<Object> events) {
        switch (action) {
            case Subscribe s -> {
                if (current != null && current.isOpen()) {
                    throw ProblemException.conflict("already subscribed"); // the service's rule
                }
                Plan plan = PLANS.get(s.plan());
                return Subscription.start(memberId, plan, 100L * plan.itemsPerBox, now, 1, events);
            }
            case Pause p ->
                emit(
                        current,
                        events,
                        c -> c.pause(
                                p.monthsAhead() == null ? null : CURRENT.plusMonths(p.monthsAhead()), CURRENT, now, 1));
            case Resume r -> emit(current, events, c -> c.resume(now, 1));
            case Skip k -> emit(current, events, c -> c.skip(CURRENT.plusMonths(k.monthsAhead()), CURRENT, now, 1));
            case ChangePlan c -> emit(current, events, s -> s.changePlan(PLANS.get(c.plan()), 1, now, 1));
            case Cancel c -> emit(current, events, s -> s.cancel(null, now, 1));
        }
        return current;
    }

    private static Subscription emit(
            Subscription current,
            List<Object> events,
            java.util.function.Function<Subscription, Optional<Object>> change) {
        if (current == null) {
            throw ProblemException.conflict("no subscription");
        }
        change.apply(current).ifPresent(events::add);
        return current;
    }

    private static void assertValid(Subscription s) {
        assertThat(s.status).isNotNull();
        if (s.pausedUntil != null) {
            assertThat(s.status).isEqualTo(SubscriptionStatus.PAUSED);
            assertThat(YearMonth.parse(s.pausedUntil).isBefore(CURRENT)).isFalse();
        }
        assertThat(s.status == SubscriptionStatus.CANCELLED).isEqualTo(s.cancelledAt != null);
        assertThat(s.status == SubscriptionStatus.CANCELLED).isEqualTo(s.confirmationId != null);
        assertThat(s.skippedCycles)
                .isSorted()
                .doesNotHaveDuplicates()
                .allSatisfy(
                        c -> assertThat(YearMonth.parse(c).isBefore(CURRENT)).isFalse());
        Optional<YearMonth> next = s.nextCycle(CURRENT);
        boolean noBoxes = s.status == SubscriptionStatus.CANCELLED
                || (s.status == SubscriptionStatus.PAUSED && s.pausedUntil == null);
        assertThat(next.isEmpty()).isEqualTo(noBoxes);
        next.ifPresent(cycle -> {
            assertThat(cycle.isAfter(CURRENT)).isTrue();
            assertThat(s.skippedCycles).doesNotContain(cycle.toString());
            if (s.pausedUntil != null) {
                assertThat(cycle.isAfter(YearMonth.parse(s.pausedUntil))).isTrue();
            }
        });
    }

    /** What a downstream consumer knows of the member's latest subscription. */
    record Folded(UUID subscriptionId, String status, String planId, String pausedUntil, TreeSet<String> skipped) {

        static Folded of(Subscription s) {
            return new Folded(s.id, s.status.name(), s.planId, s.pausedUntil, new TreeSet<>(s.skippedCycles));
        }

        static Folded of(List<Object> events) {
            Folded state = null;
            for (Object event : events) {
                state = switch (event) {
                    case SubscriptionStarted e ->
                        new Folded(e.subscriptionId(), "ACTIVE", e.planId(), null, new TreeSet<>());
                    case SubscriptionPaused e -> state.with("PAUSED", state.planId, e.pausedUntil());
                    case SubscriptionResumed e -> state.with("ACTIVE", state.planId, e.pausedUntil());
                    case PlanChanged e -> state.with(state.status, e.planId(), state.pausedUntil);
                    case SubscriptionCancelled e -> state.with("CANCELLED", state.planId, null);
                    case CycleSkipped e -> {
                        TreeSet<String> skipped = new TreeSet<>(state.skipped);
                        skipped.add(e.cycle());
                        yield new Folded(state.subscriptionId, state.status, state.planId, state.pausedUntil, skipped);
                    }
                    default -> throw new AssertionError("unexpected event " + event);
                };
            }
            return state;
        }

        Folded with(String status, String planId, String pausedUntil) {
            return new Folded(subscriptionId, status, planId, pausedUntil, skipped);
        }
    }

    @Provide
    Arbitrary<List<Action>> actions() {
        Arbitrary<Integer> plan = Arbitraries.integers().between(0, PLANS.size() - 1);
        Arbitrary<Integer> monthsAhead = Arbitraries.integers().between(-2, 6);
        Arbitrary<Action> action = Arbitraries.oneOf(
                plan.map(Subscribe::new),
                monthsAhead.injectNull(0.3).map(Pause::new),
                Arbitraries.just(new Resume()),
                monthsAhead.map(Skip::new),
                plan.map(ChangePlan::new),
                Arbitraries.just(new Cancel()));
        return action.list().ofMinSize(1).ofMaxSize(30);
    }

    private static Plan plan(String id, int items) {
        Plan plan = new Plan();
        plan.id = id;
        plan.name = id;
        plan.itemsPerBox = items;
        plan.priceCents = 100L * items;
        plan.currency = "EUR";
        return plan;
    }
}
