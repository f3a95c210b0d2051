package com.dcbeacon.member;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Interleavings of what a member does (subscribe, skip, pause, resume, change plan, cancel) with what box-service
 * reports (a box shipped, a credit granted), and what the ledger must show after them. Shared by the property on the
 * plain rules and by the replay through the real service, so both are held to one expectation.
 *
 * <p>The expectation is written from the history of steps, not from a subscription's state: a box is charged unless
 * its subscription was cancelled before it shipped, or, by the time its shipment is processed, its cycle was skipped
 * or a pause covering it is the subscription's latest pause or resume. Credits for a box together never pass its
 * charge.
 */
public final class LedgerScenarios {

    public static final List<String> PLANS = List.of("taster", "classic", "office");

    private LedgerScenarios() {}

    public sealed interface Step permits Subscribe, Skip, Pause, Resume, ChangePlan, Cancel, Ship, Credit, Redeliver {}

    public record Subscribe(int plan) implements Step {}

    public record Skip(int monthsAhead) implements Step {}

    /** {@code untilMonthsAhead} null: until the member resumes. */
    public record Pause(Integer untilMonthsAhead) implements Step {}

    public record Resume() implements Step {}

    public record ChangePlan(int plan) implements Step {}

    public record Cancel() implements Step {}

    /**
     * A box shipped for one of the member's subscriptions ({@code subscriptionPick} modulo how many they had), or, when
     * {@code legacy}, an event written before box-service sent the subscription and price. It shipped
     * {@code stepsAgo} steps before its event is processed.
     */
    public record Ship(int subscriptionPick, boolean legacy, int cycleMonthsAhead, int stepsAgo, long priceCents)
            implements Step {}

    /** A credit for one of the shipped boxes ({@code boxPick} modulo their number), or without a box when negative. */
    public record Credit(int boxPick, long amountCents, boolean viaOps) implements Step {}

    /** An earlier event from box-service published again under a new event id. */
    public record Redeliver(int eventPick) implements Step {}

    public static Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> plan = Arbitraries.integers().between(0, PLANS.size() - 1);
        Arbitrary<Integer> monthsAhead = Arbitraries.integers().between(0, 3);
        Arbitrary<Step> ship = Combinators.combine(
                        Arbitraries.integers().between(0, 3),
                        oneIn(4),
                        monthsAhead,
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.longs().between(100, 5_000))
                .as(Ship::new);
        Arbitrary<Step> credit = Combinators.combine(
                        Arbitraries.integers().between(-1, 4),
                        Arbitraries.longs().between(1, 6_000),
                        oneIn(2))
                .as(Credit::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(2, plan.map(Subscribe::new)),
                Tuple.of(2, monthsAhead.map(Skip::new)),
                Tuple.of(2, monthsAhead.injectNull(0.3).map(Pause::new)),
                Tuple.of(1, Arbitraries.just(new Resume())),
                Tuple.of(1, plan.map(ChangePlan::new)),
                Tuple.of(2, Arbitraries.just(new Cancel())),
                Tuple.of(5, ship),
                Tuple.of(4, credit),
                Tuple.of(1, Arbitraries.integers().between(0, 20).map(Redeliver::new)));
        return Combinators.combine(
                        plan.map(Subscribe::new), step.list().ofMinSize(3).ofMaxSize(16))
                .as((first, rest) -> {
                    List<Step> all = new ArrayList<>();
                    all.add(first);
                    all.addAll(rest);
                    return all;
                });
    }

    private static Arbitrary<Boolean> oneIn(int n) {
        return Arbitraries.integers().between(1, n).map(i -> i == 1);
    }

    /** What happened, in step order, and what the ledger must show; fed one step at a time. */
    public static final class Expectation {

        /** What a step must do: whether the service accepts it, and for a box or credit its index and amount. */
        public record Outcome(boolean accepted, int subscription, int box, long cents) {
            static Outcome refused() {
                return new Outcome(false, -1, -1, 0);
            }
        }

        public record Box(int subscription, YearMonth cycle, boolean curated, long chargedCents) {}

        private record Change(int step, Step what) {}

        private final YearMonth current;
        private final BiFunction<String, YearMonth, Long> planPrice;
        private final List<List<Change>> subscriptions = new ArrayList<>();
        private final List<Integer> startPlans = new ArrayList<>();
        private final List<Box> boxes = new ArrayList<>();
        private final Map<Integer, Long> creditedByBox = new HashMap<>();
        private long credited;
        private int step = -1;

        public Expectation(YearMonth current, BiFunction<String, YearMonth, Long> planPrice) {
            this.current = current;
            this.planPrice = planPrice;
        }

        public YearMonth cycle(int monthsAhead) {
            return current.plusMonths(monthsAhead);
        }

        public Outcome next(Step next) {
            step++;
            return switch (next) {
                case Subscribe s -> {
                    if (open().isPresent()) {
                        yield Outcome.refused();
                    }
                    subscriptions.add(new ArrayList<>());
                    startPlans.add(s.plan());
                    yield new Outcome(true, subscriptions.size() - 1, -1, 0);
                }
                case Cancel c -> {
                    if (subscriptions.isEmpty()) {
                        yield Outcome.refused();
                    }
                    open().ifPresent(s -> subscriptions.get(s).add(new Change(step, c)));
                    yield new Outcome(true, latest(), -1, 0);
                }
                case Skip s -> change(s);
                case Pause p -> change(p);
                case Resume r -> change(r);
                case ChangePlan p -> change(p);
                case Ship s -> ship(s);
                case Credit c -> credit(c);
                case Redeliver r -> new Outcome(true, -1, -1, 0);
            };
        }

        private Outcome change(Step change) {
            Optional<Integer> open = open();
            open.ifPresent(s -> subscriptions.get(s).add(new Change(step, change)));
            return open.map(s -> new Outcome(true, s, -1, 0)).orElse(Outcome.refused());
        }

        private Outcome ship(Ship ship) {
            if (subscriptions.isEmpty()) {
                return Outcome.refused();
            }
            int s = ship.legacy() ? open().orElse(latest()) : ship.subscriptionPick() % subscriptions.size();
            YearMonth cycle = cycle(ship.cycleMonthsAhead());
            int shippedAt = step - ship.stepsAgo();
            List<Change> history = subscriptions.get(s);
            boolean cancelledBeforeShipping =
                    history.stream().anyMatch(c -> c.what() instanceof Cancel && c.step() < shippedAt);
            boolean cancelled = history.stream().anyMatch(c -> c.what() instanceof Cancel);
            boolean skipped = history.stream()
                    .anyMatch(c ->
                            c.what() instanceof Skip k && cycle(k.monthsAhead()).equals(cycle));
            boolean paused = !cancelled
                    && history.stream()
                            .filter(c -> c.what() instanceof Pause || c.what() instanceof Resume)
                            .reduce((a, b) -> b)
                            .map(c -> c.what() instanceof Pause p
                                    && (p.untilMonthsAhead() == null
                                            || !cycle(p.untilMonthsAhead()).isBefore(cycle)))
                            .orElse(false);
            boolean wanted = !cancelledBeforeShipping && !skipped && !paused;
            long price = ship.legacy() ? planPrice.apply(planOf(s), cycle) : ship.priceCents();
            boxes.add(new Box(s, cycle, !ship.legacy(), wanted ? price : 0));
            return new Outcome(true, s, boxes.size() - 1, wanted ? price : 0);
        }

        private Outcome credit(Credit credit) {
            if (credit.boxPick() < 0 || boxes.isEmpty()) {
                credited += credit.amountCents();
                return new Outcome(true, -1, -1, credit.amountCents());
            }
            int box = credit.boxPick() % boxes.size();
            long before = creditedByBox.getOrDefault(box, 0L);
            long bookable =
                    Math.max(0, Math.min(credit.amountCents(), boxes.get(box).chargedCents() - before));
            creditedByBox.put(box, before + bookable);
            credited += bookable;
            // Ops asking for a credit on a box with nothing left of its charge are told so (409).
            return new Outcome(!credit.viaOps() || bookable > 0, -1, box, bookable);
        }

        /** The plan the member has on the subscription now: its start plan, or the latest change. */
        public String planOf(int subscription) {
            int plan = subscriptions.get(subscription).stream()
                    .filter(c -> c.what() instanceof ChangePlan)
                    .map(c -> ((ChangePlan) c.what()).plan())
                    .reduce((a, b) -> b)
                    .orElse(startPlans.get(subscription));
            return PLANS.get(plan);
        }

        private Optional<Integer> open() {
            if (subscriptions.isEmpty()) {
                return Optional.empty();
            }
            int latest = latest();
            boolean cancelled = subscriptions.get(latest).stream().anyMatch(c -> c.what() instanceof Cancel);
            return cancelled ? Optional.empty() : Optional.of(latest);
        }

        private int latest() {
            return subscriptions.size() - 1;
        }

        public List<Box> boxes() {
            return boxes;
        }

        public long creditedFor(int box) {
            return creditedByBox.getOrDefault(box, 0L);
        }

        public long boxesNotCharged() {
            return boxes.stream().filter(b -> b.chargedCents() == 0).count();
        }

        /** Credits minus charges: positive is owed to the member. */
        public long balance() {
            return credited - boxes.stream().mapToLong(Box::chargedCents).sum();
        }
    }
}
