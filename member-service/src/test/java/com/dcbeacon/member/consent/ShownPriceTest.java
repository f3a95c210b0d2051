package com.dcbeacon.member.consent;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.member.domain.ConsentRecordJobs;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A member pays no price they were not shown. A sign-up or a plan change that says what price the member was shown goes
 * through only at that price. A member who joins a plan between a price change's announcement and its effective date is
 * told of it at once and keeps the price they joined at for 30 days from then, as a member already on the plan got 30
 * days' notice.
 */
@QuarkusTest
class ShownPriceTest {

    @Inject
    TestPlans plans;

    @Inject
    MovableClock clock;

    @Inject
    ConsentRecordJobs jobs;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldSubscribeAndChangePlanAtThePriceShownWithTheUpcomingPriceShown() {
        String first = plans.create(1000);
        String second = plans.create(2000);
        LocalDate effective = TestPlans.announce(second, 2300, clock, 40);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";

        as(member)
                .body("{\"planId\":\"" + first + "\",\"shownPriceCents\":1000}")
                .post(base)
                .then()
                .statusCode(201)
                .body("priceCents", equalTo(1000));
        as(member)
                .body("{\"planId\":\"" + second + "\",\"shownPriceCents\":2000}")
                .put(base + "/plan")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", contains("shownUpcomingPriceCents"))
                .body("detail", containsString("23.00 EUR on " + effective));
        as(member)
                .body("{\"planId\":\"" + second + "\",\"shownPriceCents\":2000,\"shownUpcomingPriceCents\":2300}")
                .put(base + "/plan")
                .then()
                .statusCode(200)
                .body("planId", equalTo(second));

        as(member)
                .get("/api/members/" + member + "/consent-records")
                .then()
                .body("records.action", contains("SUBSCRIBE", "PLAN_CHANGE"))
                .body("records.priceCents", contains(1000, 2000))
                .body("records[1].terms", containsString("From " + effective + " the price is 23.00 EUR"));
    }

    @Test
    void shouldRefuseAPriceNoLongerInForceChangingNothingAndRecordingNothing() {
        String plan = plans.create(1000);
        LocalDate effective = TestPlans.announce(plan, 1300, clock, 30);
        clock.set(TestPlans.during(effective));
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";

        as(member)
                .body("{\"planId\":\"" + plan + "\",\"shownPriceCents\":1000}")
                .post(base)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", contains("shownPriceCents"))
                .body("detail", containsString("now 13.00 EUR"));
        as(member).get(base).then().statusCode(404);

        UUID switching = Members.subscribed("taster");
        as(switching)
                .body("{\"planId\":\"" + plan + "\",\"shownPriceCents\":1000}")
                .put("/api/members/" + switching + "/subscription/plan")
                .then()
                .statusCode(409)
                .body("violations.field", hasItem("shownPriceCents"));
        as(switching).get("/api/members/" + switching + "/subscription").then().body("planId", equalTo("taster"));

        as(member).get("/api/members/" + member + "/consent-records").then().body("totalRecords", equalTo(0));
        as(switching)
                .get("/api/members/" + switching + "/consent-records")
                .then()
                .body("records.action", contains("SUBSCRIBE"));
    }

    @Test
    void shouldHoldThePriceThirtyDaysFromTheNoticeForAMemberWhoJoinsAfterTheAnnouncement() throws Exception {
        String plan = plans.create(1000);
        UUID early = Members.subscribed(plan);
        LocalDate effective = TestPlans.announce(plan, 1300, clock, 30);
        LocalDate joined = effective.minusDays(10);
        LocalDate held = joined.plusDays(30);
        clock.set(TestPlans.during(joined));
        UUID late = Members.signUp();
        String base = "/api/members/" + late + "/subscription";

        String subscription = as(late).body(
                        "{\"planId\":\"" + plan + "\",\"shownPriceCents\":1000,\"shownUpcomingPriceCents\":1300}")
                .post(base)
                .then()
                .statusCode(201)
                .body("priceCents", equalTo(1000))
                .body("upcomingPrice.priceCents", equalTo(1300))
                .body("upcomingPrice.effectiveOn", equalTo(held.toString()))
                .extract()
                .path("id");
        as(late).get("/api/members/" + late + "/notifications")
                .then()
                .body("kind", contains("PRICE_CHANGE"))
                .body("[0].message", containsString("from 10.00 to 13.00 EUR on " + held));
        as(late).get("/api/members/" + late + "/consent-records")
                .then()
                .body("records[0].priceCents", equalTo(1000))
                .body("records[0].terms", containsString("From " + held + " the price is 13.00 EUR"));
        var started = KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> late.toString().equals(r.key())
                                && "SubscriptionStarted".equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("SubscriptionStarted on Kafka"));
        var data = mapper.readTree(started.value()).get("data");
        assertThat(data.get("subscriptionId").asText()).isEqualTo(subscription);
        assertThat(data.get("priceCents").asLong()).isEqualTo(1000);
        assertThat(data.get("priceHeldUntil").asText()).isEqualTo(held.toString());

        // From the effective date the early member pays the new price (positive anchor); the late one not yet
        clock.set(TestPlans.during(effective));
        as(early).get("/api/members/" + early + "/subscription").then().body("priceCents", equalTo(1300));
        as(late).get(base)
                .then()
                .body("priceCents", equalTo(1000))
                .body("upcomingPrice.effectiveOn", equalTo(held.toString()));
        jobs.recordAcceptances();
        as(early)
                .get("/api/members/" + early + "/consent-records")
                .then()
                .body("records.action", hasItem("PRICE_CHANGE_ACCEPTED"));
        as(late).get("/api/members/" + late + "/consent-records").then().body("records.action", contains("SUBSCRIBE"));

        clock.set(TestPlans.during(held));
        as(late).get(base).then().body("priceCents", equalTo(1300)).body("upcomingPrice", nullValue());
    }

    @Test
    void shouldHoldTheNewPlansPriceForAMemberWhoChangesToItAfterTheAnnouncement() {
        String plan = plans.create(2000);
        LocalDate effective = TestPlans.announce(plan, 2500, clock, 30);
        clock.set(TestPlans.during(effective.minusDays(5)));
        UUID member = Members.subscribed("taster");
        LocalDate held = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(30);

        as(member)
                .body("{\"planId\":\"" + plan + "\"}")
                .put("/api/members/" + member + "/subscription/plan")
                .then()
                .statusCode(200)
                .body("priceCents", equalTo(2000))
                .body("upcomingPrice.effectiveOn", equalTo(held.toString()));
        as(member)
                .get("/api/members/" + member + "/notifications")
                .then()
                .body("[0].message", containsString("to 25.00 EUR on " + held));
        clock.set(TestPlans.during(effective));
        as(member).get("/api/members/" + member + "/subscription").then().body("priceCents", equalTo(2000));
    }
}
