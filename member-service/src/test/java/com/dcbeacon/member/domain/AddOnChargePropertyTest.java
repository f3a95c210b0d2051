package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.payload.BoxShipped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Over any sequence of add-on adds and removes, skips, shipments and (late, repeated) BoxShipped events, a member is
 * never charged for an add-on on a cycle they skipped before the box was charged, nor for a box that never shipped, and
 * a box that is charged is charged once, at its price plus exactly the add-ons it shipped with. box-service's side
 * (add-ons held by the open box, a skip withdrawing it only once the skip reaches box-service, BoxShipped carrying the
 * add-ons) is modelled; member-service's side runs the real rules: {@link Subscription#skip}, {@link BoxChargePolicy}
 * as {@link Ledger#charge} combines them, and one decision per box.
 */
class AddOnChargePropertyTest {

    private static final YearMonth CURRENT = YearMonth.of(2026, 11);
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Duration LEAD = Duration.ofDays(5);
    private static final long BOX_PRICE = 2499;

    sealed interface Step permits Add, Remove, Skip, SkipReachesBoxService, Ship, Process, Redeliver {}

    /** The member adds units of one of a few products to the open box of a cycle (box-service). */
    record Add(int cycle, int product, int units, long unitPriceCents) implements Step {}

    /** The member removes a product's add-on from the open box of a cycle (box-service). */
    record Remove(int cycle, int product) implements Step {}

    /** The member skips a cycle (member-service, at once). */
    record Skip(int cycle) implements Step {}

    /** box-service applies the skips published so far: open boxes of skipped cycles are withdrawn with their add-ons. */
    record SkipReachesBoxService() implements Step {}

    /** The warehouse ships the open box of a cycle; its preview was mailed in time or not. */
    record Ship(int cycle, boolean previewedInTime) implements Step {}

    /** member-service processes the oldest BoxShipped not yet processed. */
    record Process() implements Step {}

    /** An earlier BoxShipped is delivered again. */
    record Redeliver(int pick) implements Step {}

    @Property(tries = 1000)
    void shouldNeverChargeAnAddOnOfASkippedCycleOrAnUnshippedBoxAndChargeEachShippedBoxOnce(
            @ForAll("scenarios") List<Step> steps) {
        World world = new World();
        for (int i = 0; i < steps.size(); i++) {
            world.apply(steps.get(i), START.plusMinutes(i));
        }
        while (!world.queue.isEmpty()) { // every event is processed in the end
            world.apply(new Process(), START.plusMinutes(steps.size() + world.processed.size()));
        }

        // The cases that matter are reached: add-ons charged with their box, and add-ons of a shipped box on us because
        // its cycle was skipped before the shipment was charged.
        boolean chargedWithAddOns = world.charges.keySet().stream()
                .anyMatch(id -> !world.boxById.get(id).shippedWith.isEmpty());
        boolean skippedWithAddOns = world.boxById.values().stream()
                .anyMatch(b -> b.status == Status.SHIPPED
                        && !b.shippedWith.isEmpty()
                        && world.skippedWhenProcessed.getOrDefault(b.id, false));
        Statistics.label("charged with add-ons").collect(chargedWithAddOns);
        Statistics.label("charged with add-ons").coverage(c -> c.check(true).count(n -> n >= 20));
        Statistics.label("add-ons shipped for a skipped cycle").collect(skippedWithAddOns);
        Statistics.label("add-ons shipped for a skipped cycle")
                .coverage(c -> c.check(true).count(n -> n >= 20));
        for (Map.Entry<UUID, Long> charge : world.charges.entrySet()) {
            Box box = world.boxById.get(charge.getKey());
            assertThat(box.status).as("only a shipped box is charged").isEqualTo(Status.SHIPPED);
            assertThat(world.skippedWhenCharged.get(box.id))
                    .as("no charge for a cycle skipped before the charge")
                    .isFalse();
            long addOns =
                    box.shippedWith.stream().mapToLong(BoxShipped.AddOn::cents).sum();
            assertThat(charge.getValue())
                    .as("the price plus exactly the add-ons that shipped")
                    .isEqualTo(BOX_PRICE + addOns);
        }
        assertThat(world.bookings).as("each box charged at most once").doesNotHaveDuplicates();
        for (Box box : world.boxById.values()) {
            if (box.status != Status.SHIPPED) {
                assertThat(world.charges)
                        .as("a box never shipped is never charged")
                        .doesNotContainKey(box.id);
            } else if (box.previewedInTime && !world.skippedWhenProcessed.get(box.id)) {
                assertThat(world.charges)
                        .as("a wanted, previewed box is charged")
                        .containsKey(box.id);
            }
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> cycle = Arbitraries.integers().between(0, 2);
        Arbitrary<Integer> product = Arbitraries.integers().between(0, 2);
        Arbitrary<Step> add = Combinators.combine(
                        cycle,
                        product,
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.longs().between(0, 900))
                .as(Add::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(5, add),
                Tuple.of(2, Combinators.combine(cycle, product).as(Remove::new)),
                Tuple.of(2, cycle.map(Skip::new)),
                Tuple.of(2, Arbitraries.just(new SkipReachesBoxService())),
                Tuple.of(
                        3,
                        Combinators.combine(cycle, Arbitraries.integers().between(0, 4))
                                .as((c, p) -> new Ship(c, p > 0))),
                Tuple.of(3, Arbitraries.just(new Process())),
                Tuple.of(1, Arbitraries.integers().between(0, 10).map(Redeliver::new)));
        return step.list().ofMinSize(2).ofMaxSize(25);
    }

    private enum Status {
        OPEN,
        SHIPPED,
        WITHDRAWN
    }

    private static final class Box {
        final UUID id = UUID.randomUUID();
        final YearMonth cycle;
        final Map<UUID, BoxShipped.AddOn> addOns = new HashMap<>();
        Status status = Status.OPEN;
        List<BoxShipped.AddOn> shippedWith = List.of();
        boolean previewedInTime;

        Box(YearMonth cycle) {
            this.cycle = cycle;
        }
    }

    private static final class World {
        final Subscription subscription;
        final List<UUID> products = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        /** box-service: each cycle's box (one per cycle; a withdrawn one is not curated again here). */
        final Map<Integer, Box> boxes = new HashMap<>();

        final Map<UUID, Box> boxById = new HashMap<>();
        final Set<String> skipsKnownToBoxService = new HashSet<>();
        final Deque<BoxShipped> queue = new ArrayDeque<>();
        final List<BoxShipped> processed = new ArrayList<>();
        /** member-service: the boxes decided (charged or on us), the charges, and what was true when each was decided. */
        final Set<UUID> decided = new HashSet<>();

        final Map<UUID, Long> charges = new HashMap<>();
        final List<UUID> bookings = new ArrayList<>();
        final Map<UUID, Boolean> skippedWhenCharged = new HashMap<>();
        final Map<UUID, Boolean> skippedWhenProcessed = new HashMap<>();

        World() {
            Plan plan = new Plan();
            plan.id = "classic";
            plan.name = "classic";
            plan.itemsPerBox = 8;
            plan.priceCents = BOX_PRICE;
            plan.currency = "EUR";
            subscription = Subscription.start(UUID.randomUUID(), plan, BOX_PRICE, START, 1, new ArrayList<>());
            for (int c = 0; c <= 2; c++) {
                Box box = new Box(CURRENT.plusMonths(c));
                boxes.put(c, box);
                boxById.put(box.id, box);
            }
        }

        void apply(Step step, OffsetDateTime now) {
            switch (step) {
                case Add a -> {
                    Box box = boxes.get(a.cycle());
                    if (box.status == Status.OPEN) {
                        UUID product = products.get(a.product());
                        BoxShipped.AddOn held = box.addOns.get(product);
                        box.addOns.put(
                                product,
                                held == null
                                        ? new BoxShipped.AddOn(product, a.units(), a.unitPriceCents())
                                        : new BoxShipped.AddOn(
                                                product, held.quantity() + a.units(), held.unitPriceCents()));
                    }
                }
                case Remove r -> {
                    Box box = boxes.get(r.cycle());
                    if (box.status == Status.OPEN) {
                        box.addOns.remove(products.get(r.product()));
                    }
                }
                case Skip k -> {
                    var unused = subscription.skip(CURRENT.plusMonths(k.cycle()), CURRENT, now, 1);
                }
                case SkipReachesBoxService s -> {
                    skipsKnownToBoxService.addAll(subscription.skippedCycles);
                    for (Box box : boxes.values()) {
                        if (box.status == Status.OPEN && skipsKnownToBoxService.contains(box.cycle.toString())) {
                            box.status = Status.WITHDRAWN;
                            box.addOns.clear();
                        }
                    }
                }
                case Ship s -> {
                    Box box = boxes.get(s.cycle());
                    if (box.status == Status.OPEN) {
                        box.status = Status.SHIPPED;
                        box.previewedInTime = s.previewedInTime();
                        box.shippedWith = List.copyOf(box.addOns.values());
                        queue.add(new BoxShipped(
                                box.id,
                                subscription.memberId,
                                box.cycle.toString(),
                                now,
                                subscription.id,
                                "classic",
                                BOX_PRICE,
                                "EUR",
                                0,
                                box.shippedWith.isEmpty() ? null : box.shippedWith));
                    }
                }
                case Process p -> {
                    BoxShipped shipped = queue.poll();
                    if (shipped != null) {
                        processed.add(shipped);
                        skippedWhenProcessed.put(shipped.boxId(), subscription.skippedCycles.contains(shipped.cycle()));
                        charge(shipped);
                    }
                }
                case Redeliver r -> {
                    if (!processed.isEmpty()) {
                        charge(processed.get(r.pick() % processed.size()));
                    }
                }
            }
        }

        /** As {@link Ledger#charge}: one decision per box, on us when not wanted or not previewed in time. */
        private void charge(BoxShipped shipped) {
            if (!decided.add(shipped.boxId())) {
                return;
            }
            Box box = boxById.get(shipped.boxId());
            boolean notWanted = BoxChargePolicy.notWanted(
                            subscription, YearMonth.parse(shipped.cycle()), shipped.shippedAt())
                    .isPresent();
            Optional<OffsetDateTime> previewSent =
                    Optional.of(box.previewedInTime ? shipped.shippedAt().minus(LEAD) : shipped.shippedAt());
            if (notWanted || !BoxChargePolicy.previewedInTime(previewSent, shipped.shippedAt(), LEAD)) {
                return;
            }
            charges.put(
                    shipped.boxId(),
                    BoxChargePolicy.total(BoxChargePolicy.price(shipped.priceCents(), () -> 0), shipped));
            bookings.add(shipped.boxId());
            skippedWhenCharged.put(shipped.boxId(), subscription.skippedCycles.contains(shipped.cycle()));
        }
    }
}
