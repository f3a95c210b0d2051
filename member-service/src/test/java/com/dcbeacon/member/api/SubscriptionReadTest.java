package com.dcbeacon.member.api;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET …/subscription} reads the subscription, its plan, the plan's price changes and the newest box preview in
 * one statement without a transaction; the changes price their answer in their transaction. Both must show a member
 * the same subscription: the current one of several, the price in effect and the upcoming one of its own plan (not of
 * an earlier subscription's plan), a held price, skipped cycles, and the box last previewed.
 */
@QuarkusTest
class SubscriptionReadTest {

    @Inject
    TestPlans plans;

    @Inject
    MovableClock clock;

    @Inject
    BoxServiceEvents boxService;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldReadWhatTheChangesAnswerWithPriceChangesSkippedCyclesAndTheNewestPreview() {
        String plan = plans.create(1000);
        String earlierPlan = plans.create(3000);
        LocalDate inEffect = TestPlans.announce(plan, 1200, clock, 40);
        LocalDate upcoming = TestPlans.announce(plan, 1500, clock, 70);
        TestPlans.announce(earlierPlan, 3900, clock, 45);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";
        Members.subscribe(member, earlierPlan);
        as(member).body("{}").post(base + "/cancel").then().statusCode(200);
        Members.subscribe(member, plan);
        YearMonth next = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
        skip(member, next.plusMonths(1));
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, next.toString());

        // the first change is in effect, the second still ahead
        clock.set(TestPlans.during(inEffect.plusDays(1)));
        Map<String, Object> changed = skip(member, YearMonth.now(clock).plusMonths(3));
        Map<String, Object> read = read(member);

        assertThat(withoutWindowAndEffect(read)).isEqualTo(withoutWindowAndEffect(changed));
        assertThat(read)
                .containsEntry("planId", plan)
                .containsEntry("status", "ACTIVE")
                .containsEntry("priceCents", 1200)
                .containsEntry(
                        "skippedCycles",
                        List.of(
                                next.plusMonths(1).toString(),
                                YearMonth.now(clock).plusMonths(3).toString()));
        assertThat(read.get("upcomingPrice")).isEqualTo(Map.of("priceCents", 1500, "effectiveOn", upcoming.toString()));
        assertThat(read.get("boxChangeWindow"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("boxId", box.toString())
                .containsEntry("revision", 0);

        // another member's subscription: as if there were none; ops read it
        UUID other = Members.signUp();
        as(other).get(base).then().statusCode(404);
        assertThat(RestAssured.given()
                        .auth()
                        .oauth2(TestTokens.ops())
                        .get(base)
                        .then()
                        .statusCode(200)
                        .extract()
                        .<Map<String, Object>>path("$"))
                .isEqualTo(read);
    }

    @Test
    void shouldReadAHeldPriceAsTheSignUpAnsweredIt() {
        String plan = plans.create(1000);
        LocalDate effective = TestPlans.announce(plan, 1300, clock, 40);
        // the change is 20 days ahead: who joins now keeps 1000 for 30 days
        clock.set(TestPlans.during(effective.minusDays(20)));
        UUID member = Members.signUp();
        Map<String, Object> subscribed = as(member)
                .body("{\"planId\":\"" + plan + "\"}")
                .post("/api/members/" + member + "/subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("$");

        Map<String, Object> read = read(member);

        assertThat(withoutWindowAndEffect(read)).isEqualTo(withoutWindowAndEffect(subscribed));
        assertThat(read).containsEntry("priceCents", 1000).doesNotContainKey("boxChangeWindow");
        assertThat(read.get("upcomingPrice"))
                .isEqualTo(Map.of(
                        "priceCents",
                        1300,
                        "effectiveOn",
                        effective.plusDays(10).toString()));
    }

    private static Map<String, Object> skip(UUID member, YearMonth cycle) {
        return as(member)
                .body("{\"cycle\":\"" + cycle + "\"}")
                .post("/api/members/" + member + "/subscription/skip")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }

    private static Map<String, Object> read(UUID member) {
        return as(member)
                .get("/api/members/" + member + "/subscription")
                .then()
                .statusCode(200)
                .extract()
                .path("$");
    }

    private static Map<String, Object> withoutWindowAndEffect(Map<String, Object> subscription) {
        Map<String, Object> rest = new HashMap<>(subscription);
        rest.remove("boxChangeWindow");
        rest.remove("effect");
        return rest;
    }
}
