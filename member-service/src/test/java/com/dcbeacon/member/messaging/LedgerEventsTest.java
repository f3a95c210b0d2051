package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Charges and credits from box-service's real events, each booked once however often it arrives. */
@QuarkusTest
class LedgerEventsTest {

    @Inject
    EventCodec codec;

    @Inject
    BoxServiceEvents boxService;

    @Test
    void shouldChargeAShippedBoxOnceAtThePlanPriceAndCreditOnce() {
        UUID member = Members.subscribed("classic");
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, YearMonth.now(ZoneOffset.UTC).toString());
        String shipped = event(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(
                        box,
                        member,
                        YearMonth.now(ZoneOffset.UTC).toString(),
                        OffsetDateTime.now(),
                        null,
                        null,
                        null,
                        null));
        String credit = event(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, 500, "Box arrived damaged", OffsetDateTime.now()));

        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), shipped);
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), shipped);
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), credit);
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), credit);
        // The same charge published again under a new event id (e.g. a producer replay) is still booked once.
        KafkaTestClient.send(
                Topics.BOX_EVENTS,
                member.toString(),
                event(
                        EventType.BOX_SHIPPED,
                        member,
                        new BoxShipped(
                                box,
                                member,
                                YearMonth.now(ZoneOffset.UTC).toString(),
                                OffsetDateTime.now(),
                                null,
                                null,
                                null,
                                null)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> as(member)
                        .get("/api/members/" + member + "/ledger")
                        .then()
                        .statusCode(200)
                        .body("entries", hasSize(2))
                        .body("balanceCents", equalTo(-1999)));
        // Let the redeliveries land, then check nothing was booked twice.
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), "marker");
        assertThat(KafkaTestClient.await(
                        Topics.deadLetter(Topics.BOX_EVENTS, "member-service"),
                        r -> member.toString().equals(r.key()),
                        Duration.ofSeconds(30)))
                .as("the marker reached the dead letter")
                .isPresent();
        as(member)
                .get("/api/members/" + member + "/ledger")
                .then()
                .body("entries.type", org.hamcrest.Matchers.contains("CHARGE", "CREDIT"))
                .body("entries[0].amountCents", equalTo(2499))
                .body("entries[0].boxId", equalTo(box.toString()))
                .body("balanceCents", equalTo(-1999));
    }

    @Test
    void shouldNotChargeABoxShippedAfterTheMemberCancelled() {
        UUID member = Members.subscribed("taster");
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, YearMonth.now(ZoneOffset.UTC).toString());
        as(member)
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);
        KafkaTestClient.send(
                Topics.BOX_EVENTS,
                member.toString(),
                event(
                        EventType.BOX_SHIPPED,
                        member,
                        new BoxShipped(
                                box,
                                member,
                                YearMonth.now(ZoneOffset.UTC).toString(),
                                OffsetDateTime.now(),
                                null,
                                null,
                                null,
                                null)));
        KafkaTestClient.send(Topics.BOX_EVENTS, member.toString(), "marker");
        assertThat(KafkaTestClient.await(
                        Topics.deadLetter(Topics.BOX_EVENTS, "member-service"),
                        r -> member.toString().equals(r.key()),
                        Duration.ofSeconds(30)))
                .as("the marker reached the dead letter")
                .isPresent();
        as(member)
                .get("/api/members/" + member + "/ledger")
                .then()
                .statusCode(200)
                .body("entries", hasSize(0))
                .body("balanceCents", equalTo(0));
    }

    @Test
    void shouldLetOpsGrantACredit() {
        UUID member = Members.signUp();
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"amountCents\":300,\"reason\":\"Missing item\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/members/" + member + "/ledger/credits")
                .then()
                .statusCode(201);
        as(member)
                .body("{\"amountCents\":300,\"reason\":\"Free money\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/members/" + member + "/ledger/credits")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"amountCents\":-5,\"reason\":\"\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/members/" + member + "/ledger/credits")
                .then()
                .statusCode(400);
        as(member).get("/api/members/" + member + "/ledger").then().body("balanceCents", equalTo(300));
        as(member)
                .get("/api/members/" + member + "/ledger?page=1&size=1")
                .then()
                .statusCode(200)
                .body("entries", hasSize(0))
                .body("totalEntries", equalTo(1))
                .body("balanceCents", equalTo(300));
        as(member)
                .get("/api/members/" + member + "/ledger?size=1000")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("size"));
    }

    private String event(EventType type, UUID member, Object payload) {
        return codec.write(codec.wrap(type, "/box-service", member.toString(), payload));
    }
}
