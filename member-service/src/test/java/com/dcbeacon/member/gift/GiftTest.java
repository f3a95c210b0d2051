package com.dcbeacon.member.gift;

import static com.dcbeacon.member.Members.as;
import static com.dcbeacon.member.Members.ledger;
import static com.dcbeacon.member.Members.subscriptionId;
import static com.dcbeacon.member.gift.GiftFixtures.CLASSIC_CENTS;
import static com.dcbeacon.member.gift.GiftFixtures.amount;
import static com.dcbeacon.member.gift.GiftFixtures.bought;
import static com.dcbeacon.member.gift.GiftFixtures.claim;
import static com.dcbeacon.member.gift.GiftFixtures.ofType;
import static com.dcbeacon.member.gift.GiftFixtures.signUpWithGift;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.member.domain.ErasureRequest;
import com.dcbeacon.member.domain.Gift;
import com.dcbeacon.member.domain.GiftJobs;
import com.dcbeacon.member.domain.GiftStatus;
import com.dcbeacon.member.persistence.GiftRepository;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Gift subscriptions over the real API, Kafka and PostgreSQL: the buyer pays once, the recipient never; a gift of N
 * cycles covers N boxes and ends by itself; each side sees only its own data; a code is claimed once; an unclaimed gift
 * is refunded once after its expiry (injected clock).
 */
@QuarkusTest
class GiftTest {

    private static final YearMonth NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

    @Inject
    GiftFixtures fixtures;

    @Inject
    GiftJobs jobs;

    @Inject
    GiftRepository gifts;

    @Inject
    MovableClock clock;

    @Inject
    TestPlans plans;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldShipThreeBoxesCoveredByTheGiftThenEndWithoutChargingAnyone() {
        UUID buyer = Members.signUp();
        Map<String, Object> gift = bought(buyer, 3);
        assertThat(gift)
                .containsEntry("status", "UNCLAIMED")
                .containsEntry("totalCents", (int) (3 * CLASSIC_CENTS))
                .containsEntry("priceCents", (int) CLASSIC_CENTS)
                .containsEntry("startCycle", NEXT.toString())
                .containsEntry("startsOn", NEXT.atDay(1).toString());
        String code = (String) gift.get("claimCode");
        assertThat(code).matches("[A-Z2-7]{26}");
        assertThat((String) gift.get("claimUrl")).endsWith("/gift/claim?code=" + code);
        assertThat(OffsetDateTime.parse((String) gift.get("claimExpiresAt")))
                .isAfter(OffsetDateTime.now(ZoneOffset.UTC).plusDays(364));
        // The buyer's one charge, and the record of what they were shown
        assertThat(ofType(ledger(buyer), "CHARGE")).singleElement().satisfies(c -> {
            assertThat(amount(c)).isEqualTo(3 * CLASSIC_CENTS);
            assertThat((String) c.get("reason")).contains("Gift", "gift " + gift.get("id"));
        });
        as(buyer)
                .get("/api/members/" + buyer + "/consent-records")
                .then()
                .statusCode(200)
                .body("records[0].action", equalTo("GIFT_PURCHASE"))
                .body("records[0].priceCents", equalTo((int) (3 * CLASSIC_CENTS)))
                .body("records[0].billingCycle", equalTo("PREPAID"))
                .body("records[0].terms", org.hamcrest.Matchers.containsString("Never renews"));

        // The recipient signs up with the code
        UUID recipient = UUID.fromString(signUpWithGift("gift-" + UUID.randomUUID() + "@example.com", code)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        YearMonth last = NEXT.plusMonths(2);
        as(recipient)
                .get("/api/members/" + recipient + "/subscription")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("giftLastCycle", equalTo(last.toString()));
        UUID subscription = subscriptionId(recipient);

        for (int i = 0; i < 3; i++) {
            fixtures.shipped(recipient, subscription, NEXT.plusMonths(i).toString());
        }
        List<Map<String, Object>> recipientLedger = ledger(recipient);
        assertThat(ofType(recipientLedger, "COVERED"))
                .as("three boxes, each covered by the gift")
                .hasSize(3)
                .allSatisfy(e -> {
                    assertThat(amount(e)).isZero();
                    assertThat((String) e.get("reason")).contains("covered by gift");
                });
        assertThat(ofType(recipientLedger, "CHARGE"))
                .as("the recipient is never charged")
                .isEmpty();
        // The last box ended the gift: nothing renews
        as(recipient)
                .get("/api/members/" + recipient + "/subscription")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("nextCycle", nullValue());

        // ... announced as box-service understands an end: it curates nothing more for the recipient
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> recipient.toString().equals(r.key())
                                && "SubscriptionCancelled".equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(20)))
                .as("SubscriptionCancelled on Kafka")
                .isPresent();

        // A fourth box (late, against the rule) is on us: no charge to anyone
        fixtures.shipped(recipient, subscription, last.plusMonths(1).toString());
        assertThat(ofType(ledger(recipient), "CHARGE")).isEmpty();
        assertThat(ofType(ledger(recipient), "COVERED")).hasSize(3);
        assertThat(ofType(ledger(buyer), "CHARGE")).hasSize(1);
        as(recipient)
                .get("/api/members/" + recipient + "/notifications")
                .then()
                .statusCode(200)
                .body("kind", hasItem("BOX_ON_US"));

        // The buyer sees the gift's status only; the recipient may continue at the price shown
        as(buyer)
                .get("/api/members/" + buyer + "/gifts/" + gift.get("id"))
                .then()
                .statusCode(200)
                .body("status", equalTo("CLAIMED"))
                .body("boxesShipped", equalTo(3))
                .body("lastCycle", equalTo(last.toString()))
                .body("claimCode", nullValue())
                .body(not(org.hamcrest.Matchers.containsString(recipient.toString())));
        as(recipient)
                .get("/api/members/" + recipient + "/subscription/reactivation")
                .then()
                .statusCode(200)
                .body("planId", equalTo("classic"))
                .body("priceCents", equalTo((int) CLASSIC_CENTS));
    }

    @Test
    void shouldLetBuyerAndRecipientSeeOnlyTheirOwnData() {
        UUID buyer = Members.signUp();
        Map<String, Object> gift = bought(buyer, 2);
        UUID recipient = Members.signUp();
        claim(recipient, (String) gift.get("claimCode"))
                .then()
                .statusCode(201)
                .body("giftLastCycle", equalTo(NEXT.plusMonths(1).toString()));
        String giftPath = "/api/members/" + buyer + "/gifts/" + gift.get("id");
        // Positive anchors: each reads their own
        as(buyer).get(giftPath).then().statusCode(200).body("status", equalTo("CLAIMED"));
        as(buyer).get("/api/members/" + buyer + "/gifts").then().statusCode(200).body("id", hasItem(gift.get("id")));
        as(recipient).get("/api/members/" + recipient + "/preferences").then().statusCode(200);
        // The buyer never reaches the recipient's data
        for (String path :
                List.of("", "/preferences", "/subscription", "/ledger", "/notifications", "/consent-records")) {
            as(buyer).get("/api/members/" + recipient + path).then().statusCode(404);
        }
        // Nor the recipient, or another member, the buyer's gift
        UUID other = Members.signUp();
        for (UUID stranger : List.of(recipient, other)) {
            as(stranger).get(giftPath).then().statusCode(404);
            as(stranger).get("/api/members/" + buyer + "/gifts").then().statusCode(404);
            as(stranger)
                    .get("/api/members/" + stranger + "/gifts/" + gift.get("id"))
                    .then()
                    .statusCode(404);
        }
        as(other)
                .body("{\"planId\":\"classic\",\"cycles\":1}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + buyer + "/gifts")
                .then()
                .statusCode(404);
        as(other)
                .body("{\"code\":\"x\"}")
                .post("/api/members/" + recipient + "/gift-claims")
                .then()
                .statusCode(404);
        // A gift runs as given: no pause
        as(recipient)
                .body("{}")
                .post("/api/members/" + recipient + "/subscription/pause")
                .then()
                .statusCode(409);
    }

    @Test
    void shouldStartAGiftOnItsScheduledCycleOrAfterALateClaim() {
        UUID buyer = Members.signUp();
        YearMonth start = NEXT.plusMonths(2);
        Map<String, Object> scheduled = as(buyer)
                .body("{\"planId\":\"classic\",\"cycles\":2,\"startCycle\":\"" + start + "\"}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + buyer + "/gifts")
                .then()
                .statusCode(201)
                .body("startCycle", equalTo(start.toString()))
                .extract()
                .jsonPath()
                .getMap("");
        UUID recipient = Members.signUp();
        // Nothing before the start: paused until the cycle before it, told to box-service as a pause
        claim(recipient, (String) scheduled.get("claimCode"))
                .then()
                .statusCode(201)
                .body("status", equalTo("PAUSED"))
                .body("pausedUntil", equalTo(start.minusMonths(1).toString()))
                .body("nextCycle", equalTo(start.toString()))
                .body("giftLastCycle", equalTo(start.plusMonths(1).toString()));
        UUID subscription = subscriptionId(recipient);
        fixtures.shipped(recipient, subscription, NEXT.toString());
        assertThat(ledger(recipient))
                .as("a box before the gift starts is on us, not covered")
                .isEmpty();
        fixtures.shipped(recipient, subscription, start.toString());
        assertThat(ofType(ledger(recipient), "COVERED")).hasSize(1);
        as(buyer)
                .body("{\"planId\":\"classic\",\"cycles\":1,\"startCycle\":\"" + NEXT.minusMonths(1) + "\"}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + buyer + "/gifts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("startCycle"));

        // Claimed after its scheduled start: the recipient still gets every cycle, from the one after the claim
        String late = (String) bought(buyer, 3).get("claimCode");
        clock.set(NEXT.plusMonths(4).atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC));
        UUID lateRecipient = Members.signUp();
        claim(lateRecipient, late)
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("giftLastCycle", equalTo(NEXT.plusMonths(7).toString()));
    }

    @Test
    void shouldNotTellARecipientOfAPriceChangeTheyDoNotPay() {
        String plan = plans.create(1999);
        UUID buyer = Members.signUp();
        String code = as(buyer)
                .body("{\"planId\":\"" + plan + "\",\"cycles\":2}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + buyer + "/gifts")
                .then()
                .statusCode(201)
                .body("totalCents", equalTo(3998))
                .extract()
                .path("claimCode");
        UUID recipient = Members.signUp();
        claim(recipient, code).then().statusCode(201);
        UUID paying = Members.subscribed(plan);

        TestPlans.announce(plan, 2199, clock, 40);
        as(paying).get("/api/members/" + paying + "/notifications").then().body("kind", hasItem("PRICE_CHANGE"));
        as(recipient)
                .get("/api/members/" + recipient + "/notifications")
                .then()
                .statusCode(200)
                .body("kind", not(hasItem("PRICE_CHANGE")));
    }

    @Test
    void shouldRefuseASecondClaimAndUnknownCodesWithProblemDetails() {
        UUID buyer = Members.signUp();
        String code = (String) bought(buyer, 1).get("claimCode");
        UUID first = Members.signUp();
        claim(first, code.toLowerCase(java.util.Locale.ROOT)).then().statusCode(201);

        UUID second = Members.signUp();
        claim(second, code)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("code"));
        String email = "late-" + UUID.randomUUID() + "@example.com";
        signUpWithGift(email, code).then().statusCode(409).body("violations.field", hasItem("giftCode"));
        // ... and the refused sign-up created nobody: the address is free
        Members.signUp(email);
        claim(second, "AAAAAAAAAAAAAAAAAAAAAAAAAA").then().statusCode(404).body("violations.field", hasItem("code"));
        claim(second, "not a code").then().statusCode(404).contentType("application/problem+json");
        as(second)
                .body("{\"planId\":\"classic\",\"cycles\":13}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + second + "/gifts")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem(org.hamcrest.Matchers.containsString("cycles")));
        as(second)
                .body("{\"planId\":\"classic\",\"cycles\":2,\"shownPriceCents\":1}")
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + second + "/gifts")
                .then()
                .statusCode(409)
                .body("violations.field", hasItem("shownPriceCents"));
        assertThat(ofType(ledger(second), "CHARGE"))
                .as("refused purchases charge nothing")
                .isEmpty();

        // A member who pays for a subscription claims only after cancelling it: never two boxes paid for one cycle
        UUID paying = Members.subscribed("classic");
        String another = (String) bought(buyer, 1).get("claimCode");
        claim(paying, another).then().statusCode(409).body("violations.field", hasItem("code"));
        as(paying)
                .body("{}")
                .post("/api/members/" + paying + "/subscription/cancel")
                .then()
                .statusCode(200);
        claim(paying, another).then().statusCode(201).body("status", equalTo("ACTIVE"));
    }

    @Test
    void shouldRefundAnExpiredUnclaimedGiftExactlyOnce() {
        UUID buyer = Members.signUp();
        Map<String, Object> unclaimed = bought(buyer, 2);
        Map<String, Object> claimed = bought(buyer, 1);
        claim(Members.signUp(), (String) claimed.get("claimCode")).then().statusCode(201);
        UUID unclaimedId = UUID.fromString((String) unclaimed.get("id"));
        OffsetDateTime expiry = OffsetDateTime.parse((String) unclaimed.get("claimExpiresAt"));

        clock.set(expiry.minusSeconds(1).toInstant());
        assertThat(jobs.refundExpired()).as("not expired yet").doesNotContain(unclaimedId);
        clock.set(expiry.toInstant());
        UUID late = Members.signUp();
        claim(late, (String) unclaimed.get("claimCode"))
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("code"));
        assertThat(jobs.refundExpired()).contains(unclaimedId).doesNotContain(UUID.fromString((String)
                claimed.get("id")));
        assertThat(jobs.refundExpired()).as("refunded once").doesNotContain(unclaimedId);

        List<Map<String, Object>> entries = ledger(buyer);
        assertThat(ofType(entries, "CREDIT")).singleElement().satisfies(c -> {
            assertThat(amount(c)).isEqualTo(2 * CLASSIC_CENTS);
            assertThat((String) c.get("reason")).contains("Refund", unclaimedId.toString());
        });
        assertThat(ofType(entries, "CHARGE")).hasSize(2);
        as(buyer)
                .get("/api/members/" + buyer + "/gifts/" + unclaimedId)
                .then()
                .statusCode(200)
                .body("status", equalTo("REFUNDED"))
                .body("claimCode", nullValue());
        as(buyer).get("/api/members/" + buyer + "/notifications").then().body("kind", hasItem("CREDIT_GRANTED"));
    }

    @Test
    void shouldRemindTheRecipientOnceAndEndTheGiftAfterItsLastCycle() {
        UUID buyer = Members.signUp();
        Map<String, Object> gift = bought(buyer, 1);
        UUID recipient = Members.signUp();
        claim(recipient, (String) gift.get("claimCode")).then().statusCode(201);
        // The last cycle is NEXT: the gift ends on the first day of the cycle after it
        OffsetDateTime ends = NEXT.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);

        clock.set(ends.minusDays(8).toInstant());
        assertThat(jobs.remindOfEnd()).doesNotContain(recipient);
        clock.set(ends.minusDays(7).toInstant());
        assertThat(jobs.remindOfEnd()).contains(recipient);
        assertThat(jobs.remindOfEnd()).as("once per gift").doesNotContain(recipient);
        as(recipient)
                .get("/api/members/" + recipient + "/notifications")
                .then()
                .body("find { it.kind == 'GIFT_ENDING' }.message", org.hamcrest.Matchers.containsString("24.99 EUR"));
        assertThat(jobs.endFinished()).as("the last cycle still runs").doesNotContain(recipient);

        // No box of the last cycle was ever reported: it ends the grace days (14 by default) after that day, not
        // before.
        clock.set(ends.toInstant());
        assertThat(jobs.endFinished()).as("its box may still come").doesNotContain(recipient);
        clock.set(ends.plusDays(14).minusSeconds(1).toInstant());
        assertThat(jobs.endFinished()).doesNotContain(recipient);
        clock.set(ends.plusDays(14).toInstant());
        assertThat(jobs.endFinished()).contains(recipient);
        assertThat(jobs.endFinished()).doesNotContain(recipient);
        as(recipient).get("/api/members/" + recipient + "/subscription").then().body("status", equalTo("CANCELLED"));
        assertThat(ofType(ledger(recipient), "CHARGE")).isEmpty();
    }

    @Test
    void shouldForgetBuyerAndRecipientOnErasureAndKeepTheGiftsStatus() {
        UUID buyer = Members.signUp();
        Map<String, Object> gift = bought(buyer, 1);
        UUID recipient = Members.signUp();
        claim(recipient, (String) gift.get("claimCode")).then().statusCode(201);
        UUID giftId = UUID.fromString((String) gift.get("id"));

        as(recipient).delete("/api/members/" + recipient).then().statusCode(202);
        as(buyer)
                .get("/api/members/" + buyer + "/gifts/" + giftId)
                .then()
                .statusCode(200)
                .body("status", equalTo("CLAIMED"));
        Map<String, Object> claimLater = bought(buyer, 1);
        Map<String, Object> neverClaimed = bought(buyer, 1);
        as(buyer).delete("/api/members/" + buyer).then().statusCode(202);

        Gift stored = QuarkusTransaction.requiringNew().call(() -> gifts.findById(giftId));
        assertThat(stored.status).isEqualTo(GiftStatus.CLAIMED);
        assertThat(stored.buyerId).isNull();
        assertThat(stored.recipientId).isNull();
        as(buyer)
                .get("/api/members/" + buyer + "/consent-records")
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(0));
        // What the law requires stays, pseudonymised: the buyer's records of the gifts, found only by the key
        given().auth()
                .oauth2(TestTokens.ops())
                .queryParam("memberKey", ErasureRequest.memberRef(buyer))
                .get("/api/ops/consent-records")
                .then()
                .statusCode(200)
                .body("totalRecords", equalTo(3))
                .body("records.action", everyItem(equalTo("GIFT_PURCHASE")))
                .body("records.pseudonymised", everyItem(equalTo(true)));

        // A gift of an erased buyer can still be claimed; one never claimed expires with nobody to refund
        claim(Members.signUp(), (String) claimLater.get("claimCode")).then().statusCode(201);
        UUID expiring = UUID.fromString((String) neverClaimed.get("id"));
        clock.set(OffsetDateTime.parse((String) neverClaimed.get("claimExpiresAt"))
                .toInstant());
        assertThat(jobs.refundExpired()).contains(expiring);
        assertThat(QuarkusTransaction.requiringNew().call(() -> gifts.findById(expiring).status))
                .isEqualTo(GiftStatus.EXPIRED);
    }
}
