package com.dcbeacon.member.consent;

import static com.dcbeacon.member.Members.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A sign-up or a plan change that says what price the member was shown goes through only at that price. */
@QuarkusTest
class ShownPriceTest {

    @Inject
    TestPlans plans;

    @Inject
    MovableClock clock;

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
}
