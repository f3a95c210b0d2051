package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.box;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.persistence.PlanPriceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.PlanPriceChangeAnnounced;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A box is priced for its own cycle: the plan's announced price in force on the cycle's first day, else the price the
 * member subscribed at; BoxShipped carries what member-service charges.
 *
 * <p>The announcements are for the shared "classic" plan, effective in 2097 and 2098: no other test curates a cycle
 * that late.
 */
@QuarkusTest
class PlanPricingTest {

    @Inject
    PlanPriceReplicaRepository planPriceReplicaRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldPriceABoxAtThePlanPriceInForceOnTheFirstDayOfItsCycle() {
        String category = "pr-" + UUID.randomUUID().toString().substring(0, 8);
        // Two products: a box of 2097-06 may not repeat the one of 2097-04 (received recently)
        fixtures.product(category, List.of(), List.of(), 10);
        fixtures.product(category, List.of(), List.of(), 10);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(member).subscriptionId);
        fixtures.send(
                Topics.MEMBER_EVENTS,
                "classic",
                EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                new PlanPriceChangeAnnounced(
                        "classic", 2499, 2999, "EUR", LocalDate.parse("2097-04-20"), OffsetDateTime.now()));
        fixtures.send(
                Topics.MEMBER_EVENTS,
                "classic",
                EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                new PlanPriceChangeAnnounced(
                        "classic", 2999, 3499, "EUR", LocalDate.parse("2097-05-02"), OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> planPriceReplicaRepository.count(
                                "key.planId = ?1 and key.effectiveOn in ?2",
                                "classic",
                                List.of(LocalDate.parse("2097-04-20"), LocalDate.parse("2097-05-02")))
                        == 2));

        assertThat(curatedPrice(member, "2097-04"))
                .as("no change in force on 1 April: the subscription's price")
                .isEqualTo(2499);
        assertThat(curatedPrice(member, "2097-06"))
                .as("both changes in force on 1 June")
                .isEqualTo(3499);
        fixtures.runCuration("2097-05");
        String boxId = fixtures.boxOf(member, "2097-05");
        JsonPath box = box(member, boxId);
        assertThat(box.getLong("priceCents"))
                .as("20 April's price; 2 May's comes after 1 May")
                .isEqualTo(2999);
        assertThat(box.getString("currency")).isEqualTo("EUR");
        assertThat(box.getString("planId")).isEqualTo("classic");
        JsonNode curated = fixtures.awaitPublished(
                EventType.BOX_CURATED, member, d -> boxId.equals(d.get("boxId").asText()));
        assertThat(curated.get("priceCents").asLong()).isEqualTo(2999);

        ops().post("/api/boxes/" + boxId + "/pack").then().statusCode(200);
        ops().body("{\"trackingNumber\":\"T-9\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(200);

        JsonNode shipped = fixtures.awaitPublished(
                EventType.BOX_SHIPPED, member, d -> boxId.equals(d.get("boxId").asText()));
        assertThat(shipped.get("subscriptionId").asText()).isEqualTo(subscription.toString());
        assertThat(shipped.get("planId").asText()).isEqualTo("classic");
        assertThat(shipped.get("priceCents").asLong()).isEqualTo(2999);
        assertThat(shipped.get("currency").asText()).isEqualTo("EUR");
        assertThat(shipped.get("cycle").asText()).isEqualTo("2097-05");
    }

    @Test
    void shouldPriceABoxAtTheHeldPriceForACycleStartingBeforeTheHoldEnds() {
        String category = "ph-" + UUID.randomUUID().toString().substring(0, 8);
        // Two products: a box of 2098-06 may not repeat the one of 2098-05 (received recently)
        fixtures.product(category, List.of(), List.of(), 10);
        fixtures.product(category, List.of(), List.of(), 10);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(member).subscriptionId);
        LocalDate heldUntil = LocalDate.parse("2098-05-15");
        // The member moved to classic after a change effective 20 April 2098 was announced, with less than 30 days'
        // notice left: member-service holds the price they joined at until 15 May
        fixtures.send(
                Topics.MEMBER_EVENTS,
                "classic",
                EventType.PLAN_PRICE_CHANGE_ANNOUNCED,
                new PlanPriceChangeAnnounced(
                        "classic", 2499, 2999, "EUR", LocalDate.parse("2098-04-20"), OffsetDateTime.now()));
        fixtures.send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.PLAN_CHANGED,
                new PlanChanged(member, subscription, "classic", 1, 2499, OffsetDateTime.now(), 0, heldUntil));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> heldUntil.equals(subscriptionReplicaRepository.findById(member).priceHeldUntil)
                        && planPriceReplicaRepository.count(
                                        "key.planId = ?1 and key.effectiveOn = ?2",
                                        "classic",
                                        LocalDate.parse("2098-04-20"))
                                == 1));

        assertThat(curatedPrice(member, "2098-05"))
                .as("1 May is before the hold ends: the price the member joined at")
                .isEqualTo(2499);
        assertThat(curatedPrice(member, "2098-06"))
                .as("from 15 May the plan's announced price")
                .isEqualTo(2999);
    }

    private long curatedPrice(UUID member, String cycle) {
        fixtures.runCuration(cycle);
        return box(member, fixtures.boxOf(member, cycle)).getLong("priceCents");
    }
}
