package com.dcbeacon.member.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.LedgerScenarios;
import com.dcbeacon.member.LedgerScenarios.Cancel;
import com.dcbeacon.member.LedgerScenarios.ChangePlan;
import com.dcbeacon.member.LedgerScenarios.Credit;
import com.dcbeacon.member.LedgerScenarios.Pause;
import com.dcbeacon.member.LedgerScenarios.Redeliver;
import com.dcbeacon.member.LedgerScenarios.Resume;
import com.dcbeacon.member.LedgerScenarios.Ship;
import com.dcbeacon.member.LedgerScenarios.Skip;
import com.dcbeacon.member.LedgerScenarios.Step;
import com.dcbeacon.member.LedgerScenarios.Subscribe;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Over any interleaving of member changes, shipments and credits, the ledger that the plain rules produce (the real
 * {@link Subscription} transitions, {@link BoxChargePolicy} and {@link CreditCap}, combined as {@link Ledger} combines
 * them) ends at the sum of the prices of boxes shipped for wanted cycles minus the credits, and no box is credited
 * above its charge. The replay through the real consumer is {@code LedgerReplayTest}.
 */
class LedgerPropertyTest {

    private static final YearMonth CURRENT = YearMonth.of(2026, 11);
    private static final OffsetDateTime START = OffsetDateTime.of(2026, 11, 2, 9, 0, 0, 0, ZoneOffset.UTC);
    private static final Map<String, Long> PRICES = Map.of("taster", 1499L, "classic", 2499L, "office", 5499L);

    @Property(tries = 1000)
    void shouldEndAtTheWantedBoxesPricesMinusCreditsAndNeverCreditABoxAboveItsCharge(
            @ForAll("scenarios") List<Step> steps) {
        LedgerScenarios.Expectation expected =
                new LedgerScenarios.Expectation(CURRENT, (plan, cycle) -> PRICES.get(plan));
        RulesLedger ledger = new RulesLedger();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            LedgerScenarios.Expectation.Outcome outcome = expected.next(step);
            long cents = ledger.apply(i, step, outcome.accepted());
            assertThat(cents).as("step %d %s", i, step).isEqualTo(outcome.cents());
        }

        assertThat(ledger.balance()).isEqualTo(expected.balance());
        for (int box = 0; box < ledger.charges.size(); box++) {
            assertThat(ledger.credited.getOrDefault(box, 0L))
                    .as("credits for box %d", box)
                    .isLessThanOrEqualTo(ledger.charges.get(box))
                    .isEqualTo(expected.creditedFor(box));
        }
    }

    @Provide
    Arbitrary<List<Step>> scenarios() {
        return LedgerScenarios.scenarios();
    }

    /** The rules as the service applies them, on plain objects; each step answers the cents it booked. */
    private static final class RulesLedger {

        private final UUID memberId = UUID.randomUUID();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final List<Long> charges = new ArrayList<>();
        private final Map<Integer, Long> credited = new HashMap<>();
        private long creditedWithoutBox;

        long apply(int index, Step step, boolean accepted) {
            OffsetDateTime now = START.plusMinutes(index);
            switch (step) {
                case Subscribe s -> {
                    boolean open = current().filter(Subscription::isOpen).isPresent();
                    assertThat(open).as("a second open subscription is refused").isEqualTo(!accepted);
                    if (!open) {
                        Plan plan = plan(LedgerScenarios.PLANS.get(s.plan()));
                        subscriptions.add(
                                Subscription.start(memberId, plan, plan.priceCents, now, 1, new ArrayList<>()));
                    }
                }
                case Cancel c -> {
                    assertThat(current().isPresent()).isEqualTo(accepted);
                    current().ifPresent(s -> s.cancel(null, now, 1));
                }
                case Skip k -> change(accepted, s -> s.skip(CURRENT.plusMonths(k.monthsAhead()), CURRENT, now, 1));
                case Pause p ->
                    change(
                            accepted,
                            s -> s.pause(
                                    p.untilMonthsAhead() == null ? null : CURRENT.plusMonths(p.untilMonthsAhead()),
                                    CURRENT,
                                    now,
                                    1));
                case Resume r -> change(accepted, s -> s.resume(now, 1));
                case ChangePlan p -> {
                    Plan plan = plan(LedgerScenarios.PLANS.get(p.plan()));
                    change(accepted, s -> s.changePlan(plan, plan.priceCents, now, 1));
                }
                case Ship s -> {
                    return ship(index, s, accepted);
                }
                case Credit c -> {
                    return credit(c);
                }
                case Redeliver r -> {
                    // Nothing to model: a redelivery is absorbed by the inbox and the ledger's unique keys (replay
                    // test).
                }
            }
            return 0;
        }

        private long ship(int index, Ship ship, boolean accepted) {
            assertThat(subscriptions.isEmpty()).isEqualTo(!accepted);
            if (subscriptions.isEmpty()) {
                return 0;
            }
            Subscription subscription = ship.legacy()
                    ? current().orElseThrow()
                    : subscriptions.get(ship.subscriptionPick() % subscriptions.size());
            YearMonth cycle = CURRENT.plusMonths(ship.cycleMonthsAhead());
            // Shipped just before the step it was shipped at: after what came before, before what came at or after it.
            OffsetDateTime shippedAt =
                    START.plusMinutes(index - ship.stepsAgo()).minusSeconds(1);
            long charge =
                    BoxChargePolicy.notWanted(subscription, cycle, shippedAt).isPresent()
                            ? 0
                            : BoxChargePolicy.price(
                                    ship.legacy() ? null : ship.priceCents(), () -> PRICES.get(subscription.planId));
            charges.add(charge);
            return charge;
        }

        private long credit(Credit credit) {
            if (credit.boxPick() < 0 || charges.isEmpty()) {
                creditedWithoutBox += credit.amountCents();
                return credit.amountCents();
            }
            int box = credit.boxPick() % charges.size();
            long already = credited.getOrDefault(box, 0L);
            long booked = CreditCap.bookable(charges.get(box), already, credit.amountCents());
            credited.put(box, already + booked);
            return booked;
        }

        private void change(boolean accepted, java.util.function.Function<Subscription, Optional<Object>> transition) {
            Optional<Subscription> open = current().filter(Subscription::isOpen);
            assertThat(open.isPresent())
                    .as("a change needs an open subscription")
                    .isEqualTo(accepted);
            if (open.isPresent()) {
                var unused = transition.apply(open.get()); // what it did is checked by the ledger invariants
            }
        }

        /** Like the repository's findCurrent: the open subscription, else the latest one. */
        private Optional<Subscription> current() {
            return subscriptions.isEmpty() ? Optional.empty() : Optional.of(subscriptions.getLast());
        }

        long balance() {
            return creditedWithoutBox
                    + credited.values().stream().mapToLong(Long::longValue).sum()
                    - charges.stream().mapToLong(Long::longValue).sum();
        }
    }

    private static Plan plan(String id) {
        Plan plan = new Plan();
        plan.id = id;
        plan.name = id;
        plan.itemsPerBox = 8;
        plan.priceCents = PRICES.get(id);
        plan.currency = "EUR";
        return plan;
    }
}
