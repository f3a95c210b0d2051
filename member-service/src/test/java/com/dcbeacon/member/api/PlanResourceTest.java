package com.dcbeacon.member.api;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlanResourceTest {

    @Test
    void shouldListPlansWithOneAllInPrice() {
        given().get("/api/plans")
                .then()
                .statusCode(200)
                .body("size()", greaterThanOrEqualTo(3))
                .body("shippingIncluded", everyItem(equalTo(true)))
                .body("id", hasItem("classic"));
    }

    @Test
    void shouldAnnounceAPriceChangeOnlyThirtyDaysAheadAndTellExistingMembers() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        UUID subscriber = Members.subscribed("office");

        ops().body("{\"newPriceCents\":5999,\"effectiveOn\":\"" + today.plusDays(29) + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/office/price-changes")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("effectiveOn"));
        as(subscriber)
                .body("{\"newPriceCents\":1,\"effectiveOn\":\"" + today.plusDays(60) + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/office/price-changes")
                .then()
                .statusCode(403);

        LocalDate effective = today.plusDays(45);
        ops().body("{\"newPriceCents\":5999,\"effectiveOn\":\"" + effective + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/office/price-changes")
                .then()
                .statusCode(201);

        given().get("/api/plans")
                .then()
                .statusCode(200)
                .body("find { it.id == 'office' }.priceCents", equalTo(5499))
                .body("find { it.id == 'office' }.upcomingPrice.priceCents", equalTo(5999))
                .body("find { it.id == 'office' }.upcomingPrice.effectiveOn", equalTo(effective.toString()));
        as(subscriber)
                .get("/api/members/" + subscriber + "/subscription")
                .then()
                .statusCode(200)
                .body("priceCents", equalTo(5499))
                .body("upcomingPrice.priceCents", equalTo(5999));
        as(subscriber)
                .get("/api/members/" + subscriber + "/notifications")
                .then()
                .statusCode(200)
                .body("[0].kind", equalTo("PRICE_CHANGE"))
                .body("[0].message", containsString("cancel at no cost"));
        assertThat(KafkaTestClient.await(Topics.MEMBER_EVENTS, r -> "office".equals(r.key()), Duration.ofSeconds(20)))
                .hasValueSatisfying(r -> assertThat(r.value()).contains("PlanPriceChangeAnnounced"));
    }

    private static io.restassured.specification.RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }
}
