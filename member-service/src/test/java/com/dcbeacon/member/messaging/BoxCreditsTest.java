package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.testing.TestTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Credits for a box never exceed what was charged for it, from events and from ops alike, even when they race. */
@QuarkusTest
class BoxCreditsTest {

    private static final String CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    @Inject
    BoxServiceEvents boxService;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldCapDamagedAndAllergenConcernCreditsOnOneBoxAtItsCharge() {
        UUID member = Members.signUp();
        UUID box = shippedAndCharged(member, 2499);
        double cappedBefore = capped("CHARGE_CREDITED");

        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(
                        UUID.randomUUID(), member, box, 2499, "Box for " + CYCLE + " arrived damaged", now()));
        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, 2499, "Allergen concern in box for " + CYCLE, now()));

        assertThat(credits(member, box)).containsExactly(2499L);
        as(member).get("/api/members/" + member + "/ledger").then().body("balanceCents", equalTo(0));
        assertThat(capped("CHARGE_CREDITED")).isEqualTo(cappedBefore + 1);
    }

    @Test
    void shouldBookOnlyWhatIsLeftOfTheCharge() {
        UUID member = Members.signUp();
        UUID box = shippedAndCharged(member, 1000);

        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, 600, "Missing items", now()));
        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, 600, "Wrong items", now()));

        assertThat(credits(member, box)).containsExactly(600L, 400L);
    }

    @Test
    void shouldBookNothingForACreditOnABoxThatWasNeverCharged() {
        UUID member = Members.signUp();
        UUID subscription = subscribe(member);
        as(member)
                .body("{}")
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, CYCLE);
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(box, member, CYCLE, now(), subscription, "classic", 2499L, "EUR"));
        double cappedBefore = capped("BOX_NOT_CHARGED");

        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, 2499, "Box arrived damaged", now()));

        assertThat(capped("BOX_NOT_CHARGED"))
                .as("the credit was seen and refused")
                .isEqualTo(cappedBefore + 1);
        as(member)
                .get("/api/members/" + member + "/ledger")
                .then()
                .body("totalEntries", equalTo(0))
                .body("balanceCents", equalTo(0));
    }

    @Test
    void shouldCapOpsCreditsForABoxAndRefuseOnceNothingIsLeftButKeepGoodwillCredits() {
        UUID member = Members.signUp();
        UUID box = shippedAndCharged(member, 2499);
        String credits = "/api/members/" + member + "/ledger/credits";

        ops().body(credit(2000, box))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(201)
                .body("amountCents", equalTo(2000));
        ops().body(credit(2000, box))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(201)
                .body("amountCents", equalTo(499));
        ops().body(credit(1, box))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("nothing left to credit"));
        ops().body(credit(1, UUID.randomUUID()))
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(409);
        ops().body("{\"amountCents\":300,\"reason\":\"Sorry for the wait\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post(credits)
                .then()
                .statusCode(201)
                .body("amountCents", equalTo(300));

        assertThat(credits(member, box)).containsExactly(2000L, 499L);
        as(member).get("/api/members/" + member + "/ledger").then().body("balanceCents", equalTo(300));
    }

    @Test
    void shouldNeverPassTheChargeWhenCreditsForOneBoxRace() {
        UUID member = Members.signUp();
        UUID box = shippedAndCharged(member, 2499);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        List<CompletableFuture<Response>> fromOps = IntStream.range(0, 6)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return ops().body(credit(1000, box))
                                    .header("Idempotency-Key", UUID.randomUUID().toString())
                                    .post("/api/members/" + member + "/ledger/credits");
                        },
                        callers))
                .toList();
        List<CompletableFuture<UUID>> fromEvents = IntStream.range(0, 2)
                .mapToObj(i -> CompletableFuture.supplyAsync(
                        () -> {
                            await(start);
                            return boxService.publish(
                                    EventType.CREDIT_GRANTED,
                                    member,
                                    new CreditGranted(
                                            UUID.randomUUID(), member, box, 1000, "Box arrived damaged", now()));
                        },
                        callers))
                .toList();
        start.countDown();

        List<Integer> statuses =
                fromOps.stream().map(f -> f.join().statusCode()).toList();
        fromEvents.forEach(f -> boxService.awaitApplied(f.join()));
        callers.shutdown();

        assertThat(statuses).containsOnly(201, 409).contains(201);
        assertThat(credits(member, box).stream().mapToLong(Long::longValue).sum())
                .isEqualTo(2499);
    }

    private UUID shippedAndCharged(UUID member, long priceCents) {
        UUID subscription = subscribe(member);
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, CYCLE);
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(box, member, CYCLE, now(), subscription, "classic", priceCents, "EUR"));
        assertThat(BoxChargingTest.charges(member)).containsExactlyEntriesOf(Map.of(box, priceCents));
        return box;
    }

    private static UUID subscribe(UUID member) {
        return Members.subscribe(member, "classic");
    }

    static List<Long> credits(UUID member, UUID box) {
        return Members.ledger(member).stream()
                .filter(e -> "CREDIT".equals(e.get("type")) && box.toString().equals(e.get("boxId")))
                .map(e -> ((Number) e.get("amountCents")).longValue())
                .toList();
    }

    private double capped(String outcome) {
        Counter counter = registry.find("dcbeacon.ledger.credits.capped")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static String credit(long cents, UUID box) {
        return "{\"amountCents\":%d,\"reason\":\"Box arrived damaged\",\"boxId\":\"%s\"}".formatted(cents, box);
    }

    private static io.restassured.specification.RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
