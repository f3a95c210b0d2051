package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** A commit nudges the outbox relay, so an event leaves at once even when the next poll is an hour away. */
@QuarkusTest
@TestProfile(OutboxRelayOnCommitTest.PollingAnHourAway.class)
class OutboxRelayOnCommitTest {

    public static class PollingAnHourAway implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcbeacon.outbox.poll-interval", "1h", "dcbeacon.outbox.start-delay", "1h");
        }
    }

    @ConfigProperty(name = "dcbeacon.outbox.poll-interval")
    String pollInterval;

    @Test
    void shouldPublishRightAfterCommitWithoutWaitingForThePoll() {
        assertThat(pollInterval)
                .as("the scheduled relay must be out of the picture")
                .isEqualTo("1h");

        String id = given().contentType(ContentType.JSON)
                .body(Members.signUpJson("nudge-" + UUID.randomUUID() + "@example.com"))
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(KafkaTestClient.readAll(Topics.MEMBER_EVENTS).stream()
                                .filter(r -> id.equals(r.key())))
                        .isNotEmpty());
    }
}
