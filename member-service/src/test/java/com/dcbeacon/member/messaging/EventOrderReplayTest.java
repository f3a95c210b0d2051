package com.dcbeacon.member.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The inbox's order and once-only promise (docs/messaging.md, "Order per aggregate"), replayed through the real consumer
 * of box-events: a subject's events numbered 1 to n, some of a type member-service has no handler for (they only take
 * their place), each sent one to three times, in any order after the first (which sets where the consumer starts). Every
 * event with a handler is applied exactly once (the consumer's count of applied events) and in its number's order (the
 * member's notices), every further copy of it is known as a duplicate by its id, and nothing stays parked. Deliveries
 * sampled from a jqwik generator with fixed seeds, so a failure names a delivery that can be run again.
 */
@QuarkusTest
class EventOrderReplayTest {

    private static final int SCENARIOS = 20;

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    /** One scenario: per number 1..n whether it has a handler here, and the numbers in the order they are sent. */
    record Delivery(List<Boolean> handled, List<Integer> order) {

        /** Some number's first copy is sent before its predecessor's: it must be parked. */
        boolean overtakes() {
            return IntStream.rangeClosed(2, handled.size()).anyMatch(k -> order.indexOf(k) < order.indexOf(k - 1));
        }

        /** A handled number's first copy is sent before its handled predecessor's: skipping the gap would show. */
        boolean overtakesAHandledOne() {
            return IntStream.rangeClosed(2, handled.size())
                    .anyMatch(k -> handled.get(k - 1) && handled.get(k - 2) && order.indexOf(k) < order.indexOf(k - 1));
        }

        boolean duplicates() {
            return order.size() > handled.size();
        }

        boolean unhandled() {
            return handled.contains(false);
        }
    }

    static Arbitrary<Delivery> deliveries() {
        return Arbitraries.integers()
                .between(2, 6)
                .flatMap(n -> Combinators.combine(
                                Arbitraries.frequency(Tuple.of(3, true), Tuple.of(1, false))
                                        .list()
                                        .ofSize(n - 1),
                                Arbitraries.integers().between(1, 3).list().ofSize(n))
                        .flatAs((handledAfterFirst, copies) -> {
                            List<Boolean> handled = new ArrayList<>(List.of(true));
                            handled.addAll(handledAfterFirst);
                            List<Integer> afterFirst = new ArrayList<>();
                            for (int number = 1; number <= n; number++) {
                                for (int copy = number == 1 ? 1 : 0; copy < copies.get(number - 1); copy++) {
                                    afterFirst.add(number);
                                }
                            }
                            return Arbitraries.shuffle(afterFirst).map(shuffled -> {
                                List<Integer> order = new ArrayList<>(List.of(1));
                                order.addAll(shuffled);
                                return new Delivery(List.copyOf(handled), List.copyOf(order));
                            });
                        }));
    }

    @Test
    void shouldApplyEachEventOnceAndInItsSubjectsOrderWhateverTheDeliveryOrder() {
        Arbitrary<Delivery> deliveries = deliveries();
        int overtaking = 0;
        int overtakingHandled = 0;
        int duplicated = 0;
        int unhandled = 0;
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            // Sampling outside a property: seed jqwik's source of randomness so each delivery is the same every run.
            SourceOfRandomness.create(Long.toString(seed));
            Delivery delivery = deliveries.sample();
            replay(seed, delivery);
            overtaking += delivery.overtakes() ? 1 : 0;
            overtakingHandled += delivery.overtakesAHandledOne() ? 1 : 0;
            duplicated += delivery.duplicates() ? 1 : 0;
            unhandled += delivery.unhandled() ? 1 : 0;
        }
        assertThat(List.of(overtaking, overtakingHandled, duplicated, unhandled))
                .as("deliveries where an event overtakes its predecessor, a handled one a handled one, where one comes"
                        + " twice, where one has no handler")
                .allMatch(count -> count > 0);
    }

    private void replay(long seed, Delivery delivery) {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        int n = delivery.handled().size();
        List<EventEnvelope> events = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int number = 1; number <= n + 1; number++) {
            // n + 1: a last event sent after all the others, on the same partition: once it is applied, every copy
            // before it has been taken, so an extra application would have shown.
            boolean handled = number > n || delivery.handled().get(number - 1);
            YearMonth withdrawn = cycle.plusMonths(number);
            // A subject's event of a type with no handler here: a StockAllocated numbered in the member's sequence.
            events.add(
                    handled
                            ? EventOrderTest.withdrawn(codec, member, withdrawn, number)
                            : EventOrderTest.allocated(codec, member, number));
            if (handled) {
                expected.add(withdrawn.toString());
            }
        }
        double appliedBefore = boxWithdrawn("dcbeacon_inbox_applied_total");
        double duplicatesBefore = boxWithdrawn("dcbeacon_inbox_duplicates_total");
        List<Integer> order = new ArrayList<>(delivery.order());
        order.add(n + 1);
        for (int number : order) {
            KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), codec.write(events.get(number - 1)));
        }
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> lastApplied(member) == n + 1);
        assertThat(EventOrderTest.withdrawnCycles(member))
                .as("seed %d, %s", seed, delivery)
                .containsExactlyElementsOf(expected);
        // Copies of one event carry the same box, and a notice is told once per box: the list alone would not show
        // an event applied twice. The consumer's count of applied events does.
        assertThat(boxWithdrawn("dcbeacon_inbox_applied_total") - appliedBefore)
                .as("seed %d, %s: each handled event applied once", seed, delivery)
                .isEqualTo(expected.size());
        // Every further copy of a handled event is known by its id (a duplicate), whether its first copy was applied
        // or parked: not merely dropped for its number (stale), which would hide an inbox that forgot the ids.
        long extraCopies = IntStream.rangeClosed(1, n)
                .filter(number -> delivery.handled().get(number - 1))
                .mapToLong(
                        number -> order.stream().filter(sent -> sent == number).count() - 1)
                .sum();
        assertThat(boxWithdrawn("dcbeacon_inbox_duplicates_total") - duplicatesBefore)
                .as("seed %d, %s: each further copy of a handled event taken as a duplicate", seed, delivery)
                .isEqualTo(extraCopies);
        assertThat(parkedCount(member))
                .as("seed %d, %s: nothing left parked", seed, delivery)
                .isZero();
    }

    /**
     * member-service's inbox counter {@code metric} (e.g. {@code dcbeacon_inbox_applied_total}) for {@code BoxWithdrawn}
     * events.
     */
    private static double boxWithdrawn(String metric) {
        return io.restassured.RestAssured.given()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith(metric + "{")
                        && l.contains("consumer=\"member-service\"")
                        && l.contains("type=\"BoxWithdrawn\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private long lastApplied(UUID member) {
        return QuarkusTransaction.requiringNew()
                .call(
                        () -> em
                                .createNativeQuery("""
                        select last_sequence from inbox_sequence where consumer = 'member-service'
                        and topic = 'box-events' and source = '/box-service' and subject_ref = ?1""")
                                .setParameter(1, ErasedMembers.ref(member.toString()))
                                .getResultList()
                                .stream()
                                .mapToLong(last -> ((Number) last).longValue())
                                .findFirst()
                                .orElse(0));
    }

    private long parkedCount(UUID member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("""
                        select count(*) from inbox_parked where consumer = 'member-service' and subject = ?1""")
                                .setParameter(1, member.toString())
                                .getSingleResult())
                        .longValue());
    }
}
