package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.kafka.KafkaBroker;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The outbox keeps every event through a broker crash and publishes the backlog, in order, once it is back. */
@QuarkusTest
class OutboxBrokerOutageTest {

    @Inject
    EntityManager em;

    @Test
    void shouldKeepSignUpsWorkingWhileKafkaIsDownAndPublishTheBacklogAfter() {
        KafkaBroker broker = TestInfrastructure.get().localKafkaBroker().orElse(null);
        assumeTrue(broker != null, "needs the local broker process to crash it");

        broker.stop(true);
        try {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ids.add(given().contentType(ContentType.JSON)
                        .body(Members.signUpJson("outage-" + UUID.randomUUID() + "@example.com"))
                        .post("/api/members")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("id"));
            }
            // Each sign-up waits with two events: MemberRegistered and the starting profile (MemberPreferencesChanged).
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(pending(ids)).isEqualTo(6L));
            // Kubernetes must not restart a pod because Kafka is away: liveness stays up, readiness may not.
            given().get("/q/health/live").then().statusCode(200);

            broker.start(Duration.ofSeconds(90));

            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(pending(ids)).isZero());
            List<String> published = Published.all(Topics.MEMBER_EVENTS).stream()
                    .map(ConsumerRecord::key)
                    .filter(ids::contains)
                    .toList();
            assertThat(published).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            broker.start(Duration.ofSeconds(90));
        }
    }

    private long pending(List<String> keys) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createQuery("select count(o) from OutboxEvent o where o.messageKey in :keys", Long.class)
                        .setParameter("keys", keys)
                        .getSingleResult());
    }
}
