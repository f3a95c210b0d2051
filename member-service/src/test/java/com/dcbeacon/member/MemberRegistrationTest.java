package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.dcbeacon.member.domain.Address;
import com.dcbeacon.member.domain.MemberRegistration;
import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MemberRegistrationTest {

    private static final Duration EVENT_TIMEOUT = Duration.ofSeconds(20);

    @Inject
    MemberRegistration registration;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldRegisterMemberAndPublishMemberRegisteredThroughTheOutbox() throws Exception {
        String email = "ada-" + UUID.randomUUID() + "@example.com";
        String id = given().contentType(ContentType.JSON)
                .body(signUp(email))
                .when()
                .post("/api/members")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/members/"))
                .body("id", notNullValue())
                .body("email", equalTo(email))
                .extract()
                .path("id");

        ConsumerRecord<String, String> record = KafkaTestClient.await(
                        Topics.MEMBER_EVENTS, r -> id.equals(r.key()), EVENT_TIMEOUT)
                .orElseThrow(() -> new AssertionError("no MemberRegistered for " + id + " on " + Topics.MEMBER_EVENTS));
        JsonNode envelope = mapper.readTree(record.value());
        assertThat(EventSchemas.envelopeProblems(envelope)).isEmpty();
        assertThat(envelope.get("type").asText()).isEqualTo("MemberRegistered");
        assertThat(envelope.get("subject").asText()).isEqualTo(id);
        assertThat(envelope.get("source").asText()).isEqualTo("/member-service");
        assertThat(envelope.get("data").get("memberId").asText()).isEqualTo(id);
        assertThat(envelope.get("data").get("country").asText()).isEqualTo("DE");
        assertThat(record.value())
                .as("no personal contact data leaves the service")
                .doesNotContain(email);
        assertThat(KafkaTestClient.header(record, "ce_id"))
                .isEqualTo(envelope.get("id").asText());
    }

    @Test
    void shouldRefuseASecondSignUpWithTheSameEmailInAnyCase() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";
        given().contentType(ContentType.JSON)
                .body(signUp(email))
                .post("/api/members")
                .then()
                .statusCode(201);

        given().contentType(ContentType.JSON)
                .body(signUp(email.toUpperCase()))
                .when()
                .post("/api/members")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", org.hamcrest.Matchers.containsString("already exists"));
    }

    @Test
    void shouldPublishNothingForARolledBackRegistration() {
        QuarkusTransaction.begin();
        UUID rolledBack = registration.register(
                        "rolled-back-" + UUID.randomUUID() + "@example.com",
                        "Nobody",
                        new Address("1 Main St", null, "Berlin", "10115", "DE"))
                .id;
        QuarkusTransaction.rollback();

        // A later, committed registration: once its event is on the topic, the relay has passed the point
        // where the rolled-back one would have been published.
        UUID committed = registration.register(
                        "committed-" + UUID.randomUUID() + "@example.com",
                        "Somebody",
                        new Address("2 Main St", null, "Berlin", "10115", "DE"))
                .id;
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS, r -> committed.toString().equals(r.key()), EVENT_TIMEOUT))
                .isPresent();

        assertThat(Published.all(Topics.MEMBER_EVENTS))
                .extracting(ConsumerRecord::key)
                .contains(committed.toString())
                .doesNotContain(rolledBack.toString());
    }

    @Test
    void shouldAnswerInvalidSignUpsWithAProblemNamingTheField() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"email":"not-an-email","name":"Ada","shippingAddress":{"line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"Germany"}}""")
                .when()
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("email"))
                .body("violations.field", hasItem("shippingAddress.country"));

        given().contentType(ContentType.JSON)
                .body("""
                        {"email":"a@example.com","name":"Ada","isAdmin":true,"shippingAddress":{"line1":"1","city":"B","postalCode":"1","country":"DE"}}""")
                .when()
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("isAdmin"));

        given().contentType(ContentType.JSON)
                .body("{\"email\": ")
                .when()
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Malformed JSON"));

        given().contentType(ContentType.JSON)
                .body("")
                .when()
                .post("/api/members")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldShowAMemberOnlyToThemselvesAndOps() {
        String id = given().contentType(ContentType.JSON)
                .body(signUp("self-" + UUID.randomUUID() + "@example.com"))
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        UUID memberId = UUID.fromString(id);

        given().auth()
                .oauth2(TestTokens.member(memberId))
                .get("/api/members/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        given().auth().oauth2(TestTokens.ops()).get("/api/members/" + id).then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.member(UUID.randomUUID()))
                .get("/api/members/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.brand(UUID.randomUUID()))
                .get("/api/members/" + id)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/members/" + id).then().statusCode(401).contentType("application/problem+json");
        // Not an id at all: the client sent a bad value (400 naming it), not an address of something missing.
        given().auth()
                .oauth2(TestTokens.member(memberId))
                .get("/api/members/not-a-uuid")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", org.hamcrest.Matchers.equalTo("memberId"));
    }

    @Test
    void shouldExposeHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(org.hamcrest.Matchers.containsString("dcbeacon_outbox_published"));
        given().get("/q/openapi").then().statusCode(200).body(org.hamcrest.Matchers.containsString("/api/members"));
    }

    private static String signUp(String email) {
        return Members.signUpJson(email);
    }
}
