package com.dcbeacon.member.consent;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.member.domain.ConsentChannel;
import com.dcbeacon.member.domain.ConsentRecordJobs;
import com.dcbeacon.member.domain.ConsentTerms;
import com.dcbeacon.member.domain.ErasureRequest;
import com.dcbeacon.member.domain.SubscriptionService;
import com.dcbeacon.platform.testing.Interleavings;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every action that changes what a member is charged leaves one record of consent with the price shown. */
@QuarkusTest
class ConsentRecordsTest {

    @Inject
    TestPlans plans;

    @Inject
    MovableClock clock;

    @Inject
    ConsentRecordJobs jobs;

    @Inject
    EntityManager em;

    @Inject
    SubscriptionService subscriptions;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldRecordEachActionThatChangesTheChargeWithThePriceShown() {
        String first = plans.create(1999);
        String second = plans.create(2999);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";

        as(member)
                .header("Dcbeacon-Channel", "WEB")
                .body(plan(first))
                .post(base)
                .then()
                .statusCode(201);
        as(member).body(plan(second)).put(base + "/plan").then().statusCode(200);
        as(member).body(plan(second)).put(base + "/plan").then().statusCode(200);
        as(member).post(base + "/cancel").then().statusCode(200);
        as(member).post(base + "/cancel").then().statusCode(200);
        JsonPath quote = as(member)
                .get(base + "/reactivation")
                .then()
                .statusCode(200)
                .body("planId", equalTo(second))
                .body("priceCents", equalTo(2999))
                .body("currency", equalTo("EUR"))
                .body("billingCycle", equalTo("MONTHLY"))
                .body(
                        "firstCycle",
                        equalTo(YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString()))
                .body("terms", containsString("29.99 EUR per monthly cycle"))
                .extract()
                .jsonPath();
        as(member)
                .body("{\"priceCents\":2999,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(201);

        records(member)
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(4))
                .body("records.action", contains("SUBSCRIBE", "PLAN_CHANGE", "CANCEL", "REACTIVATE"))
                .body("records.planId", contains(first, second, second, second))
                .body("records.priceCents", contains(1999, 2999, 2999, 2999))
                .body("records.currency", everyItem(equalTo("EUR")))
                .body("records.channel", contains("WEB", "API", "API", "API"))
                .body("records.actorId", everyItem(equalTo(member.toString())))
                .body("records.termsVersion", everyItem(equalTo(ConsentTerms.VERSION)))
                .body("records[0].terms", containsString("19.99 EUR per monthly cycle"))
                .body("records[2].terms", equalTo(ConsentTerms.CANCELLED))
                .body("records[3].terms", equalTo(quote.getString("terms")))
                .body("records.pseudonymised", everyItem(equalTo(false)));
    }

    @Test
    void shouldLetOpsReadAPageAndNoMemberReadAnothersRecords() {
        UUID member = Members.subscribed("taster");
        as(member)
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);
        UUID stranger = Members.signUp();

        as(member).get(path(member)).then().statusCode(200).body("totalRecords", equalTo(2));
        as(stranger).get(path(member)).then().statusCode(404).contentType("application/problem+json");
        ops().queryParam("page", 1)
                .queryParam("size", 1)
                .get(path(member))
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(2))
                .body("records.action", contains("CANCEL"));
        ops().queryParam("size", 201).get(path(member)).then().statusCode(400).contentType("application/problem+json");
        as(member)
                .queryParam("memberKey", ErasureRequest.memberRef(member))
                .get("/api/ops/consent-records")
                .then()
                .statusCode(403);
        ops().queryParam("memberKey", "not-a-key")
                .get("/api/ops/consent-records")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldPseudonymiseARecordCommittedWhileTheErasureWaited() throws Exception {
        UUID member = Members.signUp("consent-race-" + UUID.randomUUID() + "@example.com");
        CountDownLatch subscribed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // A sign-up to a plan is in flight: its subscription and record of consent are written, not yet committed.
        // Threads of their own: the common pool may have a single thread on a small machine
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<Void> signUp = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    subscriptions.subscribe(
                            member, "classic", new ConsentChannel.Origin(ConsentChannel.API, member.toString()));
                    subscribed.countDown();
                    Interleavings.hold(commit);
                }),
                threads);
        assertThat(subscribed.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> erasure = CompletableFuture.supplyAsync(
                () -> as(member).delete("/api/members/" + member).statusCode(), threads);
        // The erasure waits for the sign-up (positive anchor for the ordering this test is about)
        await().atMost(Duration.ofSeconds(30)).until(() -> Interleavings.sessionsWaitingForALock(em) > 0);
        commit.countDown();
        signUp.get(30, TimeUnit.SECONDS);

        assertThat(erasure.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        threads.shutdown();
        ops().get(path(member)).then().statusCode(200).body("totalRecords", equalTo(0));
        ops().queryParam("memberKey", ErasureRequest.memberRef(member))
                .get("/api/ops/consent-records")
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(1))
                .body("records.action", contains("SUBSCRIBE"))
                .body("records.pseudonymised", everyItem(equalTo(true)));
    }

    @Test
    void shouldKeepOnlyThePseudonymisedRecordsAfterErasure() {
        String email = "consent-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.signUp(email);
        as(member)
                .body(plan("classic"))
                .post("/api/members/" + member + "/subscription")
                .then()
                .statusCode(201);
        as(member)
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);
        String key = ErasureRequest.memberRef(member);
        ops().get(path(member)).then().statusCode(200).body("totalRecords", equalTo(2));

        as(member).delete("/api/members/" + member).then().statusCode(202);

        ops().get(path(member)).then().statusCode(200).body("totalRecords", equalTo(0));
        String kept = ops().queryParam("memberKey", key)
                .get("/api/ops/consent-records")
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(2))
                .body("records.action", contains("SUBSCRIBE", "CANCEL"))
                .body("records.priceCents", everyItem(equalTo(2499)))
                .body("records.channel", everyItem(equalTo("API")))
                .body("records.memberKey", everyItem(equalTo(key)))
                .body("records.actorId", everyItem(nullValue()))
                .body("records.pseudonymised", everyItem(equalTo(true)))
                .extract()
                .asString();
        assertThat(kept).doesNotContain(email, "Ada Lovelace", "Main St", member.toString());
        long identified = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from consent_record where member_id = ?1")
                                .setParameter(1, member)
                                .getSingleResult())
                        .longValue());
        assertThat(identified).isZero();
    }

    @Test
    void shouldRecordStayingPastAPriceChangeAsItsAcceptanceOnceAtTheNewPrice() {
        String plan = plans.create(1000);
        String other = plans.create(1500);
        UUID stays = subscribed(plan);
        UUID cancels = subscribed(plan);
        as(cancels)
                .post("/api/members/" + cancels + "/subscription/cancel")
                .then()
                .statusCode(200);
        UUID switches = subscribed(plan);
        as(switches)
                .body(plan(other))
                .put("/api/members/" + switches + "/subscription/plan")
                .then()
                .statusCode(200);
        LocalDate effective = TestPlans.announce(plan, 1200, clock, 30);

        jobs.recordAcceptances();
        records(stays).then().body("records.action", contains("SUBSCRIBE"));

        clock.set(TestPlans.during(effective));
        assertThat(jobs.recordAcceptances()).isPositive();
        records(stays)
                .then()
                .body("records.action", contains("SUBSCRIBE", "PRICE_CHANGE_ACCEPTED"))
                .body("records.priceCents", contains(1000, 1200))
                .body("records[1].channel", equalTo("NOTICE"))
                .body("records[1].actorId", nullValue())
                .body("records[1].firstCycle", equalTo(YearMonth.from(effective).toString()))
                .body("records[1].terms", containsString("from 10.00 to 12.00 EUR on " + effective))
                .body("records[1].recordedAt", containsString(effective.toString()));
        records(cancels).then().body("records.action", contains("SUBSCRIBE", "CANCEL"));
        records(switches).then().body("records.action", contains("SUBSCRIBE", "PLAN_CHANGE"));

        assertThat(jobs.recordAcceptances()).as("once per change").isZero();
        records(stays).then().body("totalRecords", equalTo(2));
    }

    @Test
    void shouldNotRecordAnAcceptanceForASubscriptionWhoseCancelCommitsWhileTheJobRuns() throws Exception {
        String plan = plans.create(1000);
        UUID member = subscribed(plan);
        LocalDate effective = TestPlans.announce(plan, 1200, clock, 30);
        clock.set(TestPlans.during(effective.minusDays(1)));
        CountDownLatch cancelled = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        // The member cancels the day before the change: written, not yet committed when the job runs
        CompletableFuture<Void> cancel = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    subscriptions.cancel(
                            member, null, new ConsentChannel.Origin(ConsentChannel.API, member.toString()));
                    cancelled.countDown();
                    Interleavings.hold(commit);
                }),
                threads);
        assertThat(cancelled.await(30, TimeUnit.SECONDS)).isTrue();
        clock.set(TestPlans.during(effective));
        CompletableFuture<Integer> job = CompletableFuture.supplyAsync(jobs::recordAcceptances, threads);
        // The job waits for the cancel's row lock (positive anchor for the ordering this test is about)
        await().atMost(Duration.ofSeconds(30)).until(() -> Interleavings.sessionsWaitingForALock(em) > 0);
        commit.countDown();
        cancel.get(30, TimeUnit.SECONDS);
        job.get(60, TimeUnit.SECONDS);
        threads.shutdown();

        records(member).then().body("records.action", contains("SUBSCRIBE", "CANCEL"));
    }

    @Test
    void shouldDeleteOnlyRecordsPastRetention() {
        String plan = plans.create(1000);
        UUID left = subscribed(plan);
        as(left).post("/api/members/" + left + "/subscription/cancel").then().statusCode(200);
        UUID stays = subscribed(plan);
        Instant now = Instant.now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);

        clock.set(today.plusYears(3).atStartOfDay().toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.DAYS));
        jobs.pruneExpired();
        records(left).then().body("totalRecords", equalTo(2));

        clock.set(today.plusYears(3).plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC));
        jobs.pruneExpired();
        records(left).then().body("totalRecords", equalTo(0));
        records(stays).then().body("totalRecords", equalTo(1)).body("records.action", contains("SUBSCRIBE"));
    }

    private static UUID subscribed(String planId) {
        UUID member = Members.signUp();
        as(member)
                .body(plan(planId))
                .post("/api/members/" + member + "/subscription")
                .then()
                .statusCode(201);
        return member;
    }

    private static io.restassured.response.Response records(UUID member) {
        return as(member).get(path(member));
    }

    private static String path(UUID member) {
        return "/api/members/" + member + "/consent-records";
    }

    private static String plan(String planId) {
        return "{\"planId\":\"" + planId + "\"}";
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }
}
