package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The preferences version, read back from the topics box-service reads: it learns the starting profile at sign-up,
 * every change is a new version, and every subscription event names the version it was written under.
 */
@QuarkusTest
class PreferencesVersionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String NEXT =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldPublishTheStartingProfileAsVersionOneAtSignUp() throws Exception {
        UUID member = Members.signUp();

        ConsumerRecord<String, String> record = KafkaTestClient.await(
                        Topics.MEMBER_PREFERENCES, r -> member.toString().equals(r.key()), TIMEOUT)
                .orElseThrow(() -> new AssertionError("no starting profile"));
        JsonNode envelope = mapper.readTree(record.value());
        assertThat(EventSchemas.envelopeProblems(envelope)).isEmpty();
        assertThat(envelope.get("type").asText()).isEqualTo("MemberPreferencesChanged");
        JsonNode data = envelope.get("data");
        assertThat(data.get("version").asLong()).isEqualTo(1);
        assertThat(data.get("allergens")).isEmpty();
        assertThat(data.get("dietaryTags")).isEmpty();
        assertThat(data.get("likedCategories")).isEmpty();
        assertThat(data.get("dislikedCategories")).isEmpty();
        assertThat(data.get("sensitiveDataConsent").asBoolean()).isFalse();
    }

    @Test
    void shouldCarryTheMembersCurrentPreferencesVersionOnEverySubscriptionEvent() {
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";

        as(member).body("{\"planId\":\"classic\"}").post(base).then().statusCode(201); // version 1
        changePreferences(member, "PEANUTS"); // version 2
        as(member)
                .body("{\"cycle\":\"" + NEXT + "\"}")
                .post(base + "/skip")
                .then()
                .statusCode(200);
        as(member).body("{}").post(base + "/pause").then().statusCode(200);
        changePreferences(member, "SESAME"); // version 3
        as(member).post(base + "/resume").then().statusCode(200);
        as(member).body("{\"planId\":\"office\"}").put(base + "/plan").then().statusCode(200);
        changePreferences(member, "MILK"); // version 4
        as(member).body("{}").post(base + "/cancel").then().statusCode(200);

        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key())
                                && "SubscriptionCancelled".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT))
                .as("SubscriptionCancelled")
                .isPresent();
        List<String> subscriptionEvents = envelopes(Topics.MEMBER_EVENTS, member).stream()
                .filter(e -> e.get("data").has("preferencesVersion"))
                .map(e -> e.get("type").asText() + "@"
                        + e.get("data").get("preferencesVersion").asLong())
                .toList();
        assertThat(subscriptionEvents)
                .containsExactly(
                        "SubscriptionStarted@1",
                        "CycleSkipped@2",
                        "SubscriptionPaused@2",
                        "SubscriptionResumed@3",
                        "PlanChanged@3",
                        "SubscriptionCancelled@4");

        List<Long> preferenceVersions = envelopes(Topics.MEMBER_PREFERENCES, member).stream()
                .map(e -> e.get("data").get("version").asLong())
                .toList();
        assertThat(preferenceVersions)
                .as("box-service learns every version, in order")
                .containsExactly(1L, 2L, 3L, 4L);
    }

    private static void changePreferences(UUID member, String allergen) {
        as(member)
                .body("""
                {"allergens":["%s"],"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":true}""".formatted(allergen))
                .put("/api/members/" + member + "/preferences")
                .then()
                .statusCode(200);
    }

    /** The member's events on the topic in order, each once (the relay publishes at least once). */
    private List<JsonNode> envelopes(String topic, UUID member) {
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        Published.all(topic).stream()
                .filter(r -> member.toString().equals(r.key()))
                .map(this::envelope)
                .forEach(e -> byId.putIfAbsent(e.get("id").asText(), e));
        return List.copyOf(byId.values());
    }

    private JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
