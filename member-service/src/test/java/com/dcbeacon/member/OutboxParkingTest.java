package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.outbox.OutboxEvent;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * An outbox row Kafka refuses for good (here: a record over the producer's 1 MiB request limit) is parked with its
 * error instead of blocking the stream: the next event of the same key waits behind it (per-key order), events of other
 * keys are published, the parked-rows gauge behind the alert rises, and ops can list the rows.
 */
@QuarkusTest
class OutboxParkingTest {

    @Inject
    MeterRegistry registry;

    @Test
    void shouldParkAnUnsendableRowKeepItsKeyBehindItAndLetOtherKeysFlow() {
        String stuck = "parking-" + UUID.randomUUID();
        String flowing = "parking-" + UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            row(stuck, "{\"padding\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").persist();
            row(stuck, "{\"after\":\"the oversized one\"}").persist();
            row(flowing, "{\"another\":\"key\"}").persist();
        });

        // Positive anchor: the other key's event reaches Kafka although an older row could never be sent.
        assertThat(KafkaTestClient.await(Topics.MEMBER_EVENTS, r -> flowing.equals(r.key()), Duration.ofSeconds(60)))
                .isPresent();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ParkedRow> parked = parked(stuck);
            assertThat(parked).hasSize(2);
            assertThat(parked.get(0).error()).contains("RecordTooLarge");
            assertThat(parked.get(1).error()).contains("behind");
        });
        assertThat(KafkaTestClient.readAll(Topics.MEMBER_EVENTS))
                .filteredOn(r -> stuck.equals(r.key()))
                .as("neither row of the stuck key was published, so its order holds")
                .isEmpty();
        assertThat(registry.get("dcbeacon.outbox.parked.rows").gauge().value()).isGreaterThanOrEqualTo(2);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> OutboxEvent.count("messageKey in ?1", List.of(stuck, flowing))))
                .as("nothing of either key is left in the outbox")
                .isZero();
    }

    private static OutboxEvent row(String key, String envelope) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = Topics.MEMBER_EVENTS;
        row.messageKey = key;
        row.eventType = "MemberRegistered";
        row.envelope = envelope;
        row.createdAt = OffsetDateTime.now();
        return row;
    }

    private record ParkedRow(String messageKey, String error) {}

    private static List<ParkedRow> parked(String key) {
        JsonPath answer = given().auth()
                .oauth2(TestTokens.ops())
                .get("/api/ops/outbox/parked")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> keys = answer.getList("messageKey");
        List<String> errors = answer.getList("error");
        java.util.ArrayList<ParkedRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (key.equals(keys.get(i))) {
                rows.add(new ParkedRow(keys.get(i), errors.get(i)));
            }
        }
        return rows;
    }
}
