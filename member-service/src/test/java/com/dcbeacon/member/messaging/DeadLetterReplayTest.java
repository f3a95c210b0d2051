package com.dcbeacon.member.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

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
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

/**
 * Replaying member-service's dead letters of box-events: a valid event not applied yet is applied once through the
 * consumer's own path, one applied before is found already applied, a poison record is reported and stays, nothing is
 * published to box-events, and a second replay starts where the first stopped.
 */
@QuarkusTest
class DeadLetterReplayTest {

    private static final String REPLAY = "/api/ops/dead-letters/replay";
    private static final String DEAD_LETTERS = Topics.deadLetter(Topics.BOX_EVENTS, "member-service");
    private static final String BOX_EVENTS = "{\"topic\":\"box-events\"}";

    @Inject
    EventCodec codec;

    @Inject
    BoxServiceEvents boxService;

    @Inject
    EntityManager em;

    @Test
    void shouldApplyADeadLetterOnceReportWhatStillFailsAndStartTheNextReplayWhereItStopped() {
        UUID member = Members.signUp();
        YearMonth cycle = YearMonth.now(ZoneOffset.UTC);
        EventEnvelope appliedBefore = withdrawn(member, cycle.plusMonths(1));
        EventEnvelope neverApplied = withdrawn(member, cycle.plusMonths(2));
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), codec.write(appliedBefore));
        boxService.awaitApplied(appliedBefore.id());
        // Whatever other tests left on the dead-letter topic is replayed now, so the counts below are this test's.
        List<List<Long>> failingBefore = failing(
                replay(TestTokens.ops(), BOX_EVENTS).statusCode(200).extract().jsonPath());

        KafkaTestClient.send(DEAD_LETTERS, member.toString(), codec.write(neverApplied));
        RecordMetadata poison =
                KafkaTestClient.sendAcknowledged(DEAD_LETTERS, member.toString(), "{\"this is\": \"not an event\"");
        KafkaTestClient.send(DEAD_LETTERS, member.toString(), codec.write(appliedBefore));
        assertThat(withdrawnNotices(member)).singleElement().asString().contains("Your box for " + cycle.plusMonths(1));

        JsonPath first =
                replay(TestTokens.ops(), BOX_EVENTS).statusCode(200).extract().jsonPath();

        assertThat(first.getInt("replayed")).isEqualTo(1);
        assertThat(first.getInt("alreadyApplied")).isEqualTo(1);
        List<Long> poisonAt = List.of((long) poison.partition(), poison.offset());
        assertThat(failing(first)).containsExactlyInAnyOrderElementsOf(concat(failingBefore, poisonAt));
        assertThat(first.getList("stillFailing", Map.class))
                .filteredOn(f -> ((Number) f.get("offset")).longValue() == poison.offset()
                        && ((Number) f.get("partition")).intValue() == poison.partition())
                .singleElement()
                .satisfies(f -> assertThat((String) f.get("reason")).contains("not JSON"));
        assertThat(withdrawnNotices(member))
                .hasSize(2)
                .anySatisfy(n -> assertThat(n).contains("Your box for " + cycle.plusMonths(1)))
                .anySatisfy(n -> assertThat(n).contains("Your box for " + cycle.plusMonths(2)));
        assertThat(inboxRows(neverApplied.id())).isEqualTo(1);

        JsonPath second =
                replay(TestTokens.ops(), BOX_EVENTS).statusCode(200).extract().jsonPath();

        assertThat(second.getInt("replayed")).as("replayed by the second call").isZero();
        assertThat(second.getInt("alreadyApplied"))
                .as("found already applied by the second call")
                .isZero();
        assertThat(failing(second))
                .as("the poison record stays and is reported again")
                .containsExactlyInAnyOrderElementsOf(failing(first));
        assertThat(withdrawnNotices(member)).hasSize(2);
        assertThat(inboxRows(neverApplied.id())).isEqualTo(1);
        assertThat(Published.all(Topics.BOX_EVENTS))
                .filteredOn(r -> member.toString().equals(r.key()))
                .as("box-events holds the event published there, and no replayed one")
                .singleElement()
                .satisfies(r -> assertThat(codec.read(r.value()).id()).isEqualTo(appliedBefore.id()));
    }

    @Test
    void shouldReplayOnlyForOpsAndOnlyTopicsTheServiceConsumes() {
        replay(TestTokens.member(Members.signUp()), BOX_EVENTS).statusCode(403).contentType("application/problem+json");
        replay(TestTokens.brand(UUID.randomUUID()), BOX_EVENTS).statusCode(403).contentType("application/problem+json");
        replay(TestTokens.ops(), "{\"topic\":\"member-events\"}")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("topic"))
                .body("detail", containsString("box-events, feedback-events, member-data-rights"));
        replay(TestTokens.ops(), BOX_EVENTS).statusCode(200);
        replay(TestTokens.ops(), "{\"topic\":\"member-data-rights\"}").statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse replay(String token, String body) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(REPLAY)
                .then();
    }

    private EventEnvelope withdrawn(UUID member, YearMonth cycle) {
        return codec.wrap(
                EventType.BOX_WITHDRAWN,
                "/box-service",
                member.toString(),
                new BoxWithdrawn(
                        UUID.randomUUID(),
                        member,
                        cycle.toString(),
                        "CYCLE_SKIPPED",
                        OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** The still-failing records of a replay's answer, as [partition, offset]. */
    private static List<List<Long>> failing(JsonPath answer) {
        return answer.getList("stillFailing", Map.class).stream()
                .map(f -> List.of(((Number) f.get("partition")).longValue(), ((Number) f.get("offset")).longValue()))
                .toList();
    }

    private static List<List<Long>> concat(List<List<Long>> all, List<Long> one) {
        return java.util.stream.Stream.concat(all.stream(), java.util.stream.Stream.of(one))
                .toList();
    }

    private static List<String> withdrawnNotices(UUID member) {
        return BoxChargingTest.notifications(member, "BOX_WITHDRAWN");
    }

    private long inboxRows(UUID eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from processed_event where consumer = 'member-service' and event_id = ?1")
                                .setParameter(1, eventId)
                                .getSingleResult())
                        .longValue());
    }
}
