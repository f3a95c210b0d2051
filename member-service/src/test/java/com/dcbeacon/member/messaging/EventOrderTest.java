package com.dcbeacon.member.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Per-aggregate order on the consumer side, whatever the order events arrive in: an event whose predecessor has not been
 * applied is parked and applied right after it; an event whose place was already taken is dropped as stale; ops release a
 * subject whose predecessor is lost for good. And on the producer side: the outbox numbers each subject's events 1, 2,
 * 3, ... per topic, in order.
 */
@io.quarkus.test.junit.QuarkusTest
class EventOrderTest {

    private static final String PARKED = "/api/ops/inbox/parked";

    @Inject
    EventCodec codec;

    @Inject
    BoxServiceEvents boxService;

    @Inject
    com.dcbeacon.platform.messaging.ParkedEvents parkedEvents;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    io.agroal.api.AgroalDataSource dataSource;

    @Test
    void shouldParkAnEventThatOvertookItsPredecessorAndApplyItRightAfterIt() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        EventEnvelope first = withdrawn(member, cycle.plusMonths(1), 1);
        EventEnvelope second = withdrawn(member, cycle.plusMonths(2), 2);
        EventEnvelope third = withdrawn(member, cycle.plusMonths(3), 3);

        deliver(member, first);
        assertThat(withdrawnCycles(member)).containsExactly(cycle.plusMonths(1).toString());

        deliver(member, third);
        assertThat(parkedOf(member))
                .as("the third event waits for the second")
                .singleElement()
                .satisfies(p ->
                        assertThat(((Number) p.get("sequence")).longValue()).isEqualTo(3));
        assertThat(withdrawnCycles(member)).containsExactly(cycle.plusMonths(1).toString());

        deliver(member, second);
        // The parked third follows in its own transaction, right after the second's.
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(parkedOf(member)).isEmpty());
        assertThat(withdrawnCycles(member))
                .as("the second, then the parked third")
                .containsExactly(
                        cycle.plusMonths(1).toString(),
                        cycle.plusMonths(2).toString(),
                        cycle.plusMonths(3).toString());

        double staleBefore = metric("dcbeacon_inbox_stale_total");
        deliver(member, withdrawn(member, cycle.plusMonths(4), 2));
        assertThat(metric("dcbeacon_inbox_stale_total"))
                .as("a second event numbered 2 is stale")
                .isEqualTo(staleBefore + 1);
        assertThat(withdrawnCycles(member)).hasSize(3);
    }

    /**
     * Two copies of the consumer at once (a rebalance): one parks #3 while the other's #2 waits for the subject's sequence
     * row the first holds. Once the park commits, #2 is applied and must see #3 parked after it, and apply it right away.
     * The parked row carries an error, so the sweep leaves it alone: only the path right after #2 can apply it.
     */
    @Test
    void shouldApplyRightAfterItsPredecessorAnEventParkedWhileThePredecessorWaitedForTheSubjectsSequence()
            throws Exception {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        deliver(member, withdrawn(member, cycle.plusMonths(1), 1));
        EventEnvelope second = withdrawn(member, cycle.plusMonths(2), 2);
        EventEnvelope third = withdrawn(member, cycle.plusMonths(3), 3);
        try (java.sql.Connection parking = dataSource.getConnection()) {
            parking.setAutoCommit(false);
            try (java.sql.PreparedStatement lock = parking.prepareStatement("""
                            select last_sequence from inbox_sequence where consumer = 'member-service'
                            and topic = 'box-events' and source = '/box-service' and subject_ref = ? for update""");
                    java.sql.PreparedStatement park = parking.prepareStatement("""
                            insert into inbox_parked (consumer, topic, source, subject, sequence, event_id, event_type,
                            envelope, parked_at, error)
                            values ('member-service', 'box-events', '/box-service', ?, 3, ?, 'BoxWithdrawn', ?, now(),
                            'not for the sweep')""")) {
                lock.setString(1, com.dcbeacon.platform.messaging.ErasedMembers.ref(member.toString()));
                try (java.sql.ResultSet last = lock.executeQuery()) {
                    assertThat(last.next()).isTrue();
                    assertThat(last.getLong(1)).isEqualTo(1);
                }
                park.setString(1, member.toString());
                park.setObject(2, third.id());
                park.setString(3, codec.write(third));
                park.executeUpdate();
                KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), codec.write(second));
                org.awaitility.Awaitility.await()
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> waitingForTheSequenceRow() >= 1);
                parking.commit();
            }
        }
        boxService.awaitApplied(second.id());
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(parkedOf(member)).isEmpty());
        assertThat(withdrawnCycles(member))
                .containsExactly(
                        cycle.plusMonths(1).toString(),
                        cycle.plusMonths(2).toString(),
                        cycle.plusMonths(3).toString());
    }

    /**
     * Sessions waiting for a lock on a subject's sequence row (reading it or moving it on). On a connection of its own: within a
     * transaction, PostgreSQL answers pg_stat_activity from the snapshot of its first read.
     */
    private long waitingForTheSequenceRow() throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("""
                        select count(*) from pg_stat_activity where pid <> pg_backend_pid() and wait_event_type = 'Lock'
                        and query like '%inbox_sequence%'""")) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void shouldApplyAReplayedDeadLetterInItsPlaceAndTheEventsThatWaitedForItAfterIt() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        deliver(member, withdrawn(member, cycle.plusMonths(1), 1));
        EventEnvelope deadLettered = withdrawn(member, cycle.plusMonths(2), 2);
        deliver(member, withdrawn(member, cycle.plusMonths(3), 3));
        deliver(member, withdrawn(member, cycle.plusMonths(4), 4));
        KafkaTestClient.sendAcknowledged(
                Topics.deadLetter(Topics.BOX_EVENTS, "member-service"), member.toString(), codec.write(deadLettered));
        assertThat(withdrawnCycles(member)).containsExactly(cycle.plusMonths(1).toString());

        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"topic\":\"box-events\"}")
                .post("/api/ops/dead-letters/replay")
                .then()
                .statusCode(200);

        assertThat(withdrawnCycles(member))
                .as("the replayed #2 in its place, then #3 and #4 that waited for it")
                .containsExactly(
                        cycle.plusMonths(1).toString(),
                        cycle.plusMonths(2).toString(),
                        cycle.plusMonths(3).toString(),
                        cycle.plusMonths(4).toString());
        assertThat(parkedOf(member)).isEmpty();
    }

    @Test
    void shouldApplyParkedEventsWhenOpsReleaseASubjectWhosePredecessorIsLost() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        deliver(member, withdrawn(member, cycle.plusMonths(1), 1));
        deliver(member, withdrawn(member, cycle.plusMonths(3), 3));
        deliver(member, withdrawn(member, cycle.plusMonths(4), 4));
        assertThat(parkedOf(member)).hasSize(2);
        assertThat(metric("dcbeacon_inbox_parked")).isGreaterThanOrEqualTo(2);
        String release = "{\"topic\":\"box-events\",\"source\":\"/box-service\",\"subject\":\"" + member + "\"}";

        release(TestTokens.member(member), release).statusCode(403).contentType("application/problem+json");
        assertThat(withdrawnCycles(member)).hasSize(1);

        release(TestTokens.ops(), release)
                .statusCode(200)
                .body("applied", org.hamcrest.Matchers.is(2))
                .body("stillParked", org.hamcrest.Matchers.is(0));

        assertThat(withdrawnCycles(member))
                .containsExactly(
                        cycle.plusMonths(1).toString(),
                        cycle.plusMonths(3).toString(),
                        cycle.plusMonths(4).toString());
        assertThat(parkedOf(member)).isEmpty();
        release(TestTokens.ops(), release).statusCode(404).contentType("application/problem+json");
        release(TestTokens.ops(), release.replace("box-events", "member-events"))
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("topic"));
        release(TestTokens.ops(), "{\"topic\":\"box-events\",\"source\":\"/box-service\"}")
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("subject"));
    }

    @Test
    void shouldApplyAParkedEventLeftBehindWhenTheServiceStoppedRightAfterItsPredecessor() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        deliver(member, withdrawn(member, cycle.plusMonths(1), 1));
        // As if the service stopped between applying #1 and applying the #2 it had parked before.
        EventEnvelope second = withdrawn(member, cycle.plusMonths(2), 2);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                insert into inbox_parked (consumer, topic, source, subject, sequence, event_id, event_type, envelope, parked_at)
                values ('member-service', 'box-events', '/box-service', ?1, 2, ?2, 'BoxWithdrawn', ?3, now())""")
                        .setParameter(1, member.toString())
                        .setParameter(2, second.id())
                        .setParameter(3, codec.write(second))
                        .executeUpdate());
        assertThat(parkedOf(member)).hasSize(1);
        assertThat(withdrawnCycles(member)).hasSize(1);

        parkedEvents.applyReady();

        assertThat(withdrawnCycles(member))
                .containsExactly(
                        cycle.plusMonths(1).toString(), cycle.plusMonths(2).toString());
        assertThat(parkedOf(member)).isEmpty();
    }

    /**
     * A type this consumer has no handler for records no processed event, so Kafka's redelivery of a parked one (the
     * service stopped before applying it) is applied directly when its turn comes: its parked copy must go with it, or
     * it stays behind the subject's sequence for good and the parked-events gauge counts it.
     */
    @Test
    void shouldRemoveTheParkedCopyOfAnEventAppliedDirectlyWhenItCameAgain() {
        UUID product = UUID.randomUUID();
        EventEnvelope first = allocated(product, 1);
        EventEnvelope second = allocated(product, 2);
        KafkaTestClient.send(Topics.BOX_EVENTS, product.toString(), codec.write(first));
        awaitSequence(product, 1);
        // As if #2 had been parked and the service stopped before applying it.
        parkAllocated(product, 2, second.id());
        assertThat(parkedOf(product)).hasSize(1);

        KafkaTestClient.send(Topics.BOX_EVENTS, product.toString(), codec.write(second));

        awaitSequence(product, 2);
        assertThat(parkedOf(product))
                .as("#2 applied directly, its parked copy gone")
                .isEmpty();
    }

    /**
     * Another event parked under the number of the one applied (a producer's counters restored, see docs/messaging.md)
     * is no copy of it: it stays parked, for the gauge and the ops list to show an event that lost its place.
     */
    @Test
    void shouldKeepAnotherEventParkedUnderTheNumberOfAnEventAppliedDirectly() {
        UUID product = UUID.randomUUID();
        KafkaTestClient.send(Topics.BOX_EVENTS, product.toString(), codec.write(allocated(product, 1)));
        awaitSequence(product, 1);
        UUID other = UUID.randomUUID();
        parkAllocated(product, 2, other);

        KafkaTestClient.send(Topics.BOX_EVENTS, product.toString(), codec.write(allocated(product, 2)));

        awaitSequence(product, 2);
        assertThat(parkedOf(product))
                .as("the other #2 still parked")
                .extracting(p -> p.get("eventId"))
                .containsExactly(other.toString());
    }

    @Test
    void shouldEmptyAMembersParkedEventsWithTheirErasure() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        deliver(member, withdrawn(member, cycle.plusMonths(1), 1));
        deliver(member, withdrawn(member, cycle.plusMonths(3), 3));
        assertThat(parkedOf(member)).hasSize(1);
        assertThat(parkedRecords(member)).singleElement().asString().contains(member.toString());

        Members.as(member).delete("/api/members/" + member).then().statusCode(org.hamcrest.Matchers.lessThan(300));

        assertThat(parkedRecords(member))
                .as("the parked event keeps its place (#3) but nothing of the member")
                .singleElement()
                .isEqualTo("");
    }

    @Test
    void shouldNumberEachSubjectsEventsPerTopicInOrder() {
        UUID member = Members.subscribed("classic");
        Members.as(member)
                .contentType(ContentType.JSON)
                .body("{\"cycle\":\"" + YearMonth.now(ZoneOffset.UTC).plusMonths(2) + "\"}")
                .post("/api/members/" + member + "/subscription/skip")
                .then()
                .statusCode(org.hamcrest.Matchers.lessThan(300));

        for (String topic : List.of(Topics.MEMBER_EVENTS, Topics.MEMBER_PREFERENCES)) {
            List<Long> sequences = Published.all(topic).stream()
                    .filter(r -> member.toString().equals(r.key()))
                    .map(ConsumerRecord::value)
                    .map(codec::read)
                    .map(EventEnvelope::sequenceNumber)
                    .toList();
            assertThat(sequences).as(topic).isNotEmpty();
            assertThat(sequences)
                    .as(topic + ": 1, 2, 3, ... in offset order")
                    .isEqualTo(java.util.stream.LongStream.rangeClosed(1, sequences.size())
                            .boxed()
                            .toList());
        }
    }

    /** Sends the event to box-events and waits until member-service has taken it (applied, parked or dropped). */
    private void deliver(UUID member, EventEnvelope event) {
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), codec.write(event));
        boxService.awaitApplied(event.id());
    }

    private EventEnvelope withdrawn(UUID member, YearMonth cycle, long sequence) {
        return withdrawn(codec, member, cycle, sequence);
    }

    /** A {@code BoxWithdrawn} of the member's box of {@code cycle}, numbered {@code sequence}. */
    static EventEnvelope withdrawn(EventCodec codec, UUID member, YearMonth cycle, long sequence) {
        return codec.wrap(
                        EventType.BOX_WITHDRAWN,
                        "/box-service",
                        member.toString(),
                        new BoxWithdrawn(
                                UUID.randomUUID(),
                                member,
                                cycle.toString(),
                                "CYCLE_SKIPPED",
                                OffsetDateTime.now(ZoneOffset.UTC)))
                .withSequence(sequence);
    }

    /** A {@code StockAllocated} of the product, numbered {@code sequence}: member-service has no handler for it. */
    private EventEnvelope allocated(UUID product, long sequence) {
        return allocated(codec, product, sequence);
    }

    /** The same, built with {@code codec}. */
    static EventEnvelope allocated(EventCodec codec, UUID product, long sequence) {
        return codec.wrap(
                        EventType.STOCK_ALLOCATED,
                        "/box-service",
                        product.toString(),
                        new com.dcbeacon.platform.events.payload.StockAllocated(
                                UUID.randomUUID(),
                                product,
                                YearMonth.now(ZoneOffset.UTC).toString(),
                                1,
                                OffsetDateTime.now(ZoneOffset.UTC)))
                .withSequence(sequence);
    }

    /** Parks a {@code StockAllocated} of the product as box-events' consumer would, with an error so the sweep leaves it. */
    private void parkAllocated(UUID product, long sequence, UUID eventId) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                insert into inbox_parked (consumer, topic, source, subject, sequence, event_id, event_type, envelope,
                parked_at, error)
                values ('member-service', 'box-events', '/box-service', ?1, ?2, ?3, 'StockAllocated', '', now(),
                'not for the sweep')""")
                        .setParameter(1, product.toString())
                        .setParameter(2, sequence)
                        .setParameter(3, eventId)
                        .executeUpdate());
    }

    /** Waits until member-service's consumer of box-events has taken the subject's events up to {@code sequence}. */
    private void awaitSequence(UUID subject, long sequence) {
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(15))
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> em
                                .createNativeQuery("""
                        select last_sequence from inbox_sequence where consumer = 'member-service'
                        and topic = 'box-events' and source = '/box-service' and subject_ref = ?1""")
                                .setParameter(1, com.dcbeacon.platform.messaging.ErasedMembers.ref(subject.toString()))
                                .getResultList()
                                .stream()
                                .anyMatch(last -> ((Number) last).longValue() == sequence)));
    }

    /** The cycles of the member's box-withdrawn notices, oldest first. */
    static List<String> withdrawnCycles(UUID member) {
        List<String> notices = new java.util.ArrayList<>(BoxChargingTest.notifications(member, "BOX_WITHDRAWN").stream()
                .map(n -> java.util.regex.Pattern.compile("\\d{4}-\\d{2}")
                        .matcher(n)
                        .results()
                        .findFirst()
                        .orElseThrow()
                        .group())
                .toList());
        java.util.Collections.reverse(notices); // the API lists the newest first
        return notices;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parkedOf(UUID member) {
        List<Map<String, Object>> all = given().auth()
                .oauth2(TestTokens.ops())
                .get(PARKED)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        return all.stream()
                .filter(p -> member.toString().equals(p.get("subject")))
                .toList();
    }

    private List<String> parkedRecords(UUID member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select envelope from inbox_parked where subject = ?1", String.class)
                        .setParameter(1, member.toString())
                        .getResultList());
    }

    private static ValidatableResponse release(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(PARKED + "/release")
                .then();
    }

    private static double metric(String name) {
        return given().get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }
}
