package com.dcbeacon.feedback.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.events.payload.CommunicationPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Ratings, NPS, follow-ups, insights and erasure, fed by real events on the broker. */
@QuarkusTest
class FeedbackFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();

    @Inject
    EventCodec codec;

    @Inject
    MemberReplicaRepository members;

    record Delivered(UUID member, UUID box, UUID product, UUID brand) {}

    @Test
    void shouldRateOnlyDeliveredItemsOnceEachAndAnnounceIt() {
        Delivered d = deliveredMember(
                "p-" + UUID.randomUUID().toString().substring(0, 8), UUID.randomUUID(), UUID.randomUUID());
        String path = "/api/members/" + d.member() + "/ratings";
        member(d.member())
                .body(rating(d.box(), d.product(), 2))
                .post(path)
                .then()
                .statusCode(201)
                .body("stars", equalTo(2));
        member(d.member())
                .body(rating(d.box(), d.product(), 5))
                .post(path)
                .then()
                .statusCode(201);
        member(d.member()).get(path).then().statusCode(200).body("", hasSize(1)).body("[0].stars", equalTo(5));

        member(d.member())
                .body(rating(d.box(), UUID.randomUUID(), 4))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("productId"));
        member(d.member())
                .body(rating(UUID.randomUUID(), d.product(), 4))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("boxId"))
                .body("detail", containsString("arrived"));
        member(d.member())
                .body(rating(d.box(), d.product(), 6))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("stars"));
        assertThat(Published.all(Topics.FEEDBACK_EVENTS).stream()
                        .filter(r -> d.member().toString().equals(r.key()))
                        .filter(r -> "ProductRated".equals(KafkaTestClient.header(r, "ce_type"))))
                .hasSize(2);
    }

    @Test
    void shouldAskOnlyAfterABoxAtMostOnceIn90DaysAndOpenAFollowUpForADetractor() {
        UUID fresh = registered("plan-x");
        member(fresh)
                .get("/api/members/" + fresh + "/nps-survey")
                .then()
                .statusCode(200)
                .body("eligible", equalTo(false))
                .body("reason", containsString("first box"));
        member(fresh)
                .body("{\"score\":10}")
                .post("/api/members/" + fresh + "/nps")
                .then()
                .statusCode(409);

        Delivered d = deliveredMember("plan-y", UUID.randomUUID(), UUID.randomUUID());
        member(d.member())
                .get("/api/members/" + d.member() + "/nps-survey")
                .then()
                .body("eligible", equalTo(true));
        member(d.member())
                .body("{\"score\":3,\"comment\":\"Box arrived crushed\"}")
                .post("/api/members/" + d.member() + "/nps")
                .then()
                .statusCode(201);
        member(d.member())
                .get("/api/members/" + d.member() + "/nps-survey")
                .then()
                .body("eligible", equalTo(false))
                .body("reason", containsString("90 days"));
        member(d.member())
                .body("{\"score\":9}")
                .post("/api/members/" + d.member() + "/nps")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        member(d.member())
                .body("{\"score\":11}")
                .post("/api/members/" + d.member() + "/nps")
                .then()
                .statusCode(400);

        String followUp = ops().get("/api/follow-ups?status=OPEN&size=200")
                .then()
                .statusCode(200)
                .body("find { it.memberId == '" + d.member() + "' }.score", equalTo(3))
                .body("find { it.memberId == '" + d.member() + "' }.comment", equalTo("Box arrived crushed"))
                .body("find { it.memberId == '" + d.member() + "' }.planId", equalTo("plan-y"))
                .body("find { it.memberId == '" + d.member() + "' }.overdue", equalTo(false))
                .extract()
                .path("find { it.memberId == '" + d.member() + "' }.id");
        // Closed by a support user: the record names who closed it (the token's subject), not a fixed ops account.
        given().auth()
                .oauth2(TestTokens.ops(Roles.OPS_SUPPORT))
                .contentType(ContentType.JSON)
                .body("{\"note\":\"Called, sent a new box\"}")
                .post("/api/follow-ups/" + followUp + "/close")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"))
                .body("closedBy", equalTo("ops-support-user"));
        ops().get("/api/follow-ups?status=CLOSED&size=200")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + followUp + "' }.closedBy", equalTo("ops-support-user"));
        ops().body("{\"note\":\"again\"}")
                .post("/api/follow-ups/" + followUp + "/close")
                .then()
                .statusCode(409);
        ops().body("{\"note\":\"x\"}")
                .post("/api/follow-ups/" + UUID.randomUUID() + "/close")
                .then()
                .statusCode(404);

        Delivered quiet = deliveredMember("plan-z", UUID.randomUUID(), UUID.randomUUID());
        send(
                Topics.MEMBER_EVENTS,
                quiet.member(),
                EventType.COMMUNICATION_PREFERENCES_CHANGED,
                new CommunicationPreferencesChanged(quiet.member(), false, false, OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> member(quiet.member())
                        .get("/api/members/" + quiet.member() + "/nps-survey")
                        .then()
                        .body("eligible", equalTo(false))
                        .body("reason", containsString("opted out")));
    }

    @Test
    void shouldComputeNpsExactlyPerPlanAndKeepItAfterAnErasure() {
        String plan = "p-" + UUID.randomUUID().toString().substring(0, 8);
        List<Integer> scores = List.of(10, 9, 8, 3);
        UUID erased = null;
        for (int score : scores) {
            Delivered d = deliveredMember(plan, UUID.randomUUID(), UUID.randomUUID());
            member(d.member())
                    .body("{\"score\":" + score + ",\"comment\":\"c\"}")
                    .post("/api/members/" + d.member() + "/nps")
                    .then()
                    .statusCode(201);
            erased = d.member();
        }
        String report = "/api/nps?from=" + TODAY + "&to=" + TODAY + "&interval=week&groupBy=plan";
        ops().get(report)
                .then()
                .statusCode(200)
                .body("byPlan.'" + plan + "'.nps", equalTo(25.0f))
                .body("byPlan.'" + plan + "'.promoters", equalTo(2))
                .body("byPlan.'" + plan + "'.detractors", equalTo(1))
                .body("byPlan.'" + plan + "'.responses", equalTo(4))
                .body("byPlan.'" + plan + "'.series[0].responses", equalTo(4));

        UUID member = erased;
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.MEMBER_ERASURE_REQUESTED,
                new MemberErasureRequested(member, UUID.randomUUID(), OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> members.findById(member) == null));
        ops().get(report)
                .then()
                .statusCode(200)
                .body("byPlan.'" + plan + "'.nps", equalTo(25.0f))
                .body("byPlan.'" + plan + "'.responses", equalTo(4));
        ops().get("/api/follow-ups?size=200")
                .then()
                .body("memberId", org.hamcrest.Matchers.not(hasItem(member.toString())));

        ops().get("/api/nps?from=2001-01-01&to=2001-01-31")
                .then()
                .statusCode(200)
                .body("responses", equalTo(0))
                .body("nps", nullValue())
                .body("series", hasSize(31));
        ops().get("/api/nps?from=2026-02-01&to=2026-01-01")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("to"));
        ops().get("/api/nps?from=yesterday&to=2026-01-01")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("from"));
        ops().get("/api/nps?from=2026-01-01&to=2026-01-02&interval=hour").then().statusCode(400);
    }

    @Test
    void shouldShowBrandsFiguresOnlyFromFiveMembers() {
        UUID brand = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        String insights = "/api/brands/" + brand + "/insights?cycle=" + cycle();
        for (int i = 0; i < 4; i++) {
            Delivered d = deliveredMember("plan-i", brand, product);
            member(d.member())
                    .body(rating(d.box(), product, 4))
                    .post("/api/members/" + d.member() + "/ratings")
                    .then()
                    .statusCode(201);
        }
        brand(brand)
                .get(insights)
                .then()
                .statusCode(200)
                .body("[0].suppressed", equalTo(true))
                .body("[0].ratings", nullValue())
                .body("[0].averageStars", nullValue());
        Delivered fifth = deliveredMember("plan-i", brand, product);
        member(fifth.member())
                .body(rating(fifth.box(), product, 2))
                .post("/api/members/" + fifth.member() + "/ratings")
                .then()
                .statusCode(201);
        String body = brand(brand)
                .get(insights)
                .then()
                .statusCode(200)
                .body("[0].suppressed", equalTo(false))
                .body("[0].ratings", equalTo(5))
                .body("[0].averageStars", equalTo(3.6f))
                .body("[0].distribution.'4'", equalTo(4))
                .body("[0].shareFourOrFive", equalTo(80.0f))
                .extract()
                .asString();
        assertThat(body).doesNotContain(fifth.member().toString()).doesNotContain("comment");

        brand(UUID.randomUUID()).get(insights).then().statusCode(404);
        member(fifth.member()).get(insights).then().statusCode(403);
        given().get(insights).then().statusCode(401);
    }

    @Test
    void shouldKeepMembersPathsAndOpsPathsFromOthers() {
        Delivered victim = deliveredMember("plan-a", UUID.randomUUID(), UUID.randomUUID());
        UUID attacker = registered("plan-a");
        String m = "/api/members/" + victim.member();
        member(attacker).get(m + "/ratings").then().statusCode(404);
        member(attacker)
                .body(rating(victim.box(), victim.product(), 1))
                .post(m + "/ratings")
                .then()
                .statusCode(404);
        member(attacker).get(m + "/nps-survey").then().statusCode(404);
        member(attacker).body("{\"score\":0}").post(m + "/nps").then().statusCode(404);
        member(attacker).get("/api/nps?from=" + TODAY + "&to=" + TODAY).then().statusCode(403);
        member(attacker).get("/api/follow-ups").then().statusCode(403);
        member(attacker)
                .body("{\"note\":\"x\"}")
                .post("/api/follow-ups/" + UUID.randomUUID() + "/close")
                .then()
                .statusCode(403);
        brand(UUID.randomUUID()).get(m + "/ratings").then().statusCode(403);
        member(victim.member()).get(m + "/ratings").then().statusCode(200).body("", hasSize(0));
    }

    private Delivered deliveredMember(String plan, UUID brand, UUID product) {
        UUID member = registered(plan);
        UUID box = UUID.randomUUID();
        send(
                Topics.BOX_EVENTS,
                member,
                EventType.BOX_DELIVERED,
                new BoxDelivered(
                        box,
                        member,
                        cycle(),
                        List.of(new BoxDelivered.Item(
                                product, brand, "SKU-" + product.toString().substring(0, 6), "Chili Crisps")),
                        OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> member(member)
                        .get("/api/members/" + member + "/nps-survey")
                        .then()
                        .body("reason", org.hamcrest.Matchers.not(containsString("first box"))));
        return new Delivered(member, box, product, brand);
    }

    private UUID registered(String plan) {
        UUID member = UUID.randomUUID();
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.MEMBER_REGISTERED,
                new MemberRegistered(member, "DE", OffsetDateTime.now()));
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_STARTED,
                new SubscriptionStarted(
                        member, UUID.randomUUID(), plan, 8, 2499, "EUR", OffsetDateTime.now(), 0, null));
        await().atMost(TIMEOUT)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    MemberReplica replica = members.findById(member);
                    return replica != null && plan.equals(replica.planId);
                }));
        return member;
    }

    private void send(String topic, UUID key, EventType type, Object payload) {
        KafkaTestClient.send(topic, key.toString(), codec.write(codec.wrap(type, "/test", key.toString(), payload)));
    }

    private static String rating(UUID box, UUID product, int stars) {
        return "{\"boxId\":\"" + box + "\",\"productId\":\"" + product + "\",\"stars\":" + stars + "}";
    }

    private static String cycle() {
        return java.time.YearMonth.now(ZoneOffset.UTC).toString();
    }

    private static RequestSpecification member(UUID id) {
        return given().auth().oauth2(TestTokens.member(id)).contentType(ContentType.JSON);
    }

    private static RequestSpecification brand(UUID id) {
        return given().auth().oauth2(TestTokens.brand(id)).contentType(ContentType.JSON);
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }
}
