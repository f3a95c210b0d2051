package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Re-announcing members for a replica rebuild, read back from the topics box- and feedback-service read: the member's
 * whole replicated state and current preferences, ops only, never an erased member.
 */
@QuarkusTest
class ReplicaReAnnounceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PATH = "/api/ops/replicas/re-announce";
    private static final YearMonth NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

    @Inject
    ObjectMapper mapper;

    @Inject
    EntityManager em;

    @Inject
    EventCodec codec;

    @Test
    void shouldAnnounceTheMembersWholeReplicatedStateAndCurrentPreferences() throws Exception {
        UUID member = Members.subscribed("classic");
        String base = "/api/members/" + member;
        as(member).body("""
                {"allergens":["PEANUTS"],"dietaryTags":["VEGAN"],"likedCategories":["crisps"],"dislikedCategories":[],"sensitiveDataConsent":true}""").put(base + "/preferences").then().statusCode(200);
        as(member)
                .body("{\"cycle\":\"" + NEXT.plusMonths(1) + "\"}")
                .post(base + "/subscription/skip")
                .then()
                .statusCode(200);
        as(member)
                .body("{\"untilCycle\":\"" + NEXT + "\"}")
                .post(base + "/subscription/pause")
                .then()
                .statusCode(200);
        as(member)
                .body("{\"marketingEmails\":true,\"surveys\":false}")
                .put(base + "/communication-preferences")
                .then()
                .statusCode(200);

        ops().body("{\"memberId\":\"" + member + "\"}")
                .post(PATH)
                .then()
                .statusCode(200)
                .body("members", equalTo(1));

        JsonNode announced = awaitEvent(Topics.MEMBER_EVENTS, member, EventType.MEMBER_STATE_ANNOUNCED);
        assertThat(EventSchemas.envelopeProblems(announced)).isEmpty();
        JsonNode data = announced.get("data");
        assertThat(EventSchemas.payloadProblems(EventType.MEMBER_STATE_ANNOUNCED, data))
                .isEmpty();
        assertThat(data.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(data.get("country").asText()).isEqualTo("DE");
        assertThat(data.get("registeredAt").isTextual()).isTrue();
        assertThat(data.get("marketingEmails").asBoolean()).isTrue();
        assertThat(data.get("surveys").asBoolean()).isFalse();
        assertThat(data.get("preferencesVersion").asLong()).isEqualTo(2);
        JsonNode subscription = data.get("subscription");
        JsonNode current = as(member)
                .get(base + "/subscription")
                .then()
                .statusCode(200)
                .extract()
                .as(JsonNode.class);
        assertThat(subscription.get("subscriptionId").asText())
                .isEqualTo(current.get("id").asText());
        assertThat(subscription.get("status").asText()).isEqualTo("PAUSED");
        assertThat(subscription.get("planId").asText()).isEqualTo("classic");
        assertThat(subscription.get("pausedUntil").asText()).isEqualTo(NEXT.toString());
        assertThat(subscription.get("skippedCycles"))
                .extracting(JsonNode::asText)
                .containsExactly(NEXT.plusMonths(1).toString());
        JsonNode plan =
                given().get("/api/plans").then().statusCode(200).extract().as(JsonNode.class);
        JsonNode classic = java.util.stream.StreamSupport.stream(plan.spliterator(), false)
                .filter(p -> "classic".equals(p.get("id").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(subscription.get("itemsPerBox").asInt())
                .isEqualTo(classic.get("itemsPerBox").asInt());
        assertThat(subscription.get("priceCents").asLong())
                .isEqualTo(classic.get("priceCents").asLong());
        assertThat(subscription.get("currency").asText())
                .isEqualTo(classic.get("currency").asText());

        List<EventEnvelope> preferences = envelopes(Topics.MEMBER_PREFERENCES, member);
        JsonNode latest = preferences.get(preferences.size() - 1).data();
        assertThat(preferences).as("the change, then its re-announcement").hasSizeGreaterThanOrEqualTo(3);
        assertThat(EventSchemas.payloadProblems(EventType.MEMBER_PREFERENCES_CHANGED, latest))
                .isEmpty();
        assertThat(latest.get("version").asLong()).isEqualTo(2);
        assertThat(latest.get("allergens")).extracting(JsonNode::asText).containsExactly("PEANUTS");
        assertThat(latest.get("dietaryTags")).extracting(JsonNode::asText).containsExactly("VEGAN");
        assertThat(latest.get("likedCategories")).extracting(JsonNode::asText).containsExactly("crisps");
        assertThat(latest.get("sensitiveDataConsent").asBoolean()).isTrue();
    }

    @Test
    void shouldAnnounceAMemberWhoNeverSubscribedWithoutASubscription() {
        UUID member = Members.signUp();

        ops().body("{\"memberId\":\"" + member + "\"}")
                .post(PATH)
                .then()
                .statusCode(200)
                .body("members", equalTo(1));

        JsonNode data = awaitEvent(Topics.MEMBER_EVENTS, member, EventType.MEMBER_STATE_ANNOUNCED)
                .get("data");
        assertThat(data.get("subscription").isNull()).isTrue();
        assertThat(data.get("preferencesVersion").asLong()).isEqualTo(1);
        assertThat(EventSchemas.payloadProblems(EventType.MEMBER_STATE_ANNOUNCED, data))
                .isEmpty();
    }

    @Test
    void shouldAnnounceEveryMemberButNeverAnErasedOne() {
        UUID kept = Members.subscribed("classic");
        UUID erased = Members.subscribed("classic");
        as(erased).delete("/api/members/" + erased).then().statusCode(202);

        // Without a body: every member, page by page.
        int announced = ops().post(PATH)
                .then()
                .statusCode(200)
                .body("members", greaterThanOrEqualTo(1))
                .extract()
                .path("members");

        assertThat(announced)
                .isEqualTo(QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createQuery("select count(m) from Member m")
                                        .getSingleResult())
                                .intValue()));
        awaitEvent(Topics.MEMBER_EVENTS, kept, EventType.MEMBER_STATE_ANNOUNCED);
        await().atMost(TIMEOUT)
                .until(() -> QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createNativeQuery("select count(*) from outbox_event")
                                                .getSingleResult())
                                        .longValue()
                                == 0));
        assertThat(envelopes(Topics.MEMBER_EVENTS, erased))
                .extracting(EventEnvelope::type)
                .contains("MemberErasureRequested")
                .doesNotContain("MemberStateAnnounced");
        assertThat(envelopes(Topics.MEMBER_PREFERENCES, erased))
                .as("only the starting profile")
                .hasSize(1);

        ops().body("{\"memberId\":\"" + erased + "\"}")
                .post(PATH)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldLetOnlyOpsReAnnounce() {
        UUID member = Members.signUp();
        String body = "{\"memberId\":\"" + member + "\"}";
        given().auth()
                .oauth2(TestTokens.member(member))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.brand(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);
        given().auth()
                .oauth2(TestTokens.expiredMember(member))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(401);
    }

    @Test
    void shouldNameTheFieldOfABadRequest() {
        ops().body("{\"memberId\":\"not-a-uuid\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("memberId"));
        for (String blank : java.util.List.of("", " ")) { // not "every member": an unset variable in a script
            ops().body("{\"memberId\":\"" + blank + "\"}")
                    .post(PATH)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("memberId"));
        }
        ops().body("{\"memberId\":\"" + UUID.randomUUID() + "\",\"members\":\"all\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("members"));
        ops().body("{\"memberId\":\"" + UUID.randomUUID() + "\"}")
                .post(PATH)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }

    private JsonNode awaitEvent(String topic, UUID member, EventType type) {
        ConsumerRecord<String, String> record = KafkaTestClient.await(
                        topic,
                        r -> member.toString().equals(r.key())
                                && type.typeName().equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT)
                .orElseThrow(() -> new AssertionError("no " + type.typeName() + " for " + member));
        return envelope(record);
    }

    /** The member's events on the topic in order, each once (the relay publishes at least once). */
    private List<EventEnvelope> envelopes(String topic, UUID member) {
        return List.copyOf(Published.all(topic).stream()
                .filter(r -> member.toString().equals(r.key()))
                .map(r -> codec.read(r.value()))
                .collect(Collectors.toMap(EventEnvelope::id, e -> e, (first, again) -> first, LinkedHashMap::new))
                .values());
    }

    private JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
