package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Export and erasure round trips, with the other services' parts sent as real events on the broker. */
@QuarkusTest
class DataRightsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldGatherEveryServicesPartIntoOneExport() {
        UUID member = Members.subscribed("classic");
        int classicPrice =
                as(member).get("/api/members/" + member + "/subscription").path("priceCents");
        String exportId = as(member)
                .post("/api/members/" + member + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .path("exportId");
        String path = "/api/members/" + member + "/exports/" + exportId;
        as(member)
                .get(path)
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("sections", nullValue());
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key()) && r.value().contains(exportId),
                        TIMEOUT))
                .isPresent();

        part(
                Topics.MEMBER_DATA_RIGHTS,
                "box-service",
                member,
                UUID.fromString(exportId),
                Map.of("boxes", java.util.List.of()));
        part(
                Topics.MEMBER_DATA_RIGHTS,
                "feedback-service",
                member,
                UUID.fromString(exportId),
                Map.of("ratings", java.util.List.of()));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(member)
                        .get(path)
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("COMPLETE"))
                        .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
                        .body("sections.member.profile.id", equalTo(member.toString()))
                        .body("sections.member.subscriptions[0].planId", equalTo("classic"))
                        .body("sections.member.consentRecords.action", org.hamcrest.Matchers.contains("SUBSCRIBE"))
                        .body("sections.member.consentRecords[0].planId", equalTo("classic"))
                        .body("sections.member.consentRecords[0].priceCents", equalTo(classicPrice))
                        .body("sections.member.consentRecords[0].terms", notNullValue())
                        .body("sections.member.referral.code", notNullValue())
                        .body("sections.box.boxes", notNullValue())
                        .body("sections.feedback.ratings", notNullValue()));

        UUID stranger = Members.signUp();
        as(stranger)
                .get("/api/members/" + stranger + "/exports/" + exportId)
                .then()
                .statusCode(404);
    }

    @Test
    void shouldEraseTheMemberEverywhereAndKeepOnlyAnAnonymousRecord() {
        String email = "forget-me-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.signUp(email);
        as(member)
                .body("{\"planId\":\"taster\"}")
                .post("/api/members/" + member + "/subscription")
                .then()
                .statusCode(201);

        String erasureId = as(member)
                .delete("/api/members/" + member)
                .then()
                .statusCode(202)
                .extract()
                .path("erasureId");
        as(member)
                .get("/api/members/" + member + "/erasure")
                .then()
                .statusCode(200)
                .body("status", equalTo("PENDING"))
                .body("services.member-service", equalTo("DONE"))
                .body("services.box-service", equalTo("PENDING"));
        as(member).get("/api/members/" + member).then().statusCode(404);
        as(member).get("/api/members/" + member + "/subscription").then().statusCode(404);
        as(member).delete("/api/members/" + member).then().statusCode(202).body("erasureId", equalTo(erasureId));
        given().contentType(ContentType.JSON)
                .body(Members.signUpJson(email))
                .post("/api/members")
                .then()
                .statusCode(201);
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key()) && r.value().contains("MemberErasureRequested"),
                        TIMEOUT))
                .isPresent();

        confirm(Topics.MEMBER_DATA_RIGHTS, "box-service", member, UUID.fromString(erasureId));
        confirm(Topics.MEMBER_DATA_RIGHTS, "feedback-service", member, UUID.fromString(erasureId));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.ops())
                        .get("/api/members/" + member + "/erasure")
                        .then()
                        .statusCode(200)
                        .body("status", equalTo("DONE"))
                        .body("completedAt", notNullValue()));
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key()) && r.value().contains("\"MemberErased\""),
                        TIMEOUT))
                .isPresent();
    }

    private void part(String topic, String service, UUID member, UUID exportId, Object data) {
        KafkaTestClient.send(
                topic,
                member.toString(),
                codec.write(codec.wrap(
                        EventType.MEMBER_DATA_EXPORT_PART,
                        "/" + service,
                        member.toString(),
                        new MemberDataExportPart(exportId, member, service, mapper.valueToTree(data)))));
    }

    private void confirm(String topic, String service, UUID member, UUID erasureId) {
        KafkaTestClient.send(
                topic,
                member.toString(),
                codec.write(codec.wrap(
                        EventType.MEMBER_ERASURE_CONFIRMED,
                        "/" + service,
                        member.toString(),
                        new MemberErasureConfirmed(erasureId, member, service, OffsetDateTime.now()))));
    }
}
