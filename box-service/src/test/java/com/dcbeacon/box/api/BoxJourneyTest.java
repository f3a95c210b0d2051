package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Curation run, boxes, swap, pack, ship and deliver, from replicas fed by real events on the broker. */
@QuarkusTest
class BoxJourneyTest {

    @Inject
    CampaignReplicaRepository campaignReplicaRepository;

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldCurateSafeBoxesOnceAndRunThemThroughTheirLife() {
        String cycle = "2031-01";
        UUID peanutsInChips = fixtures.product("chips", List.of("PEANUTS"), List.of(), 5);
        fixtures.product("chips", List.of(), List.of(), 5);
        UUID bar = fixtures.product("bars", List.of(), List.of("PEANUTS"), 5);
        fixtures.product("sweets", List.of("MILK"), List.of(), 5);
        fixtures.product("cookies", List.of(), List.of(), 5);
        UUID allergic = fixtures.subscriber(2, List.of("PEANUTS"), List.of("chips"));
        UUID paused = fixtures.subscriber(2, List.of(), List.of());
        fixtures.send(
                Topics.MEMBER_EVENTS,
                paused,
                EventType.SUBSCRIPTION_PAUSED,
                new SubscriptionPaused(paused, UUID.randomUUID(), null, OffsetDateTime.now(), 0));
        UUID cancelled = fixtures.subscriber(2, List.of(), List.of());
        fixtures.send(
                Topics.MEMBER_EVENTS,
                cancelled,
                EventType.SUBSCRIPTION_CANCELLED,
                new SubscriptionCancelled(cancelled, UUID.randomUUID(), UUID.randomUUID(), OffsetDateTime.now(), 0));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> subscriptionReplicaRepository.findById(cancelled).status
                                == BoxEligibility.Status.CANCELLED
                        && subscriptionReplicaRepository.findById(paused).status == BoxEligibility.Status.PAUSED));

        JsonPath run = fixtures.runCuration(cycle);
        assertThat(run.getMap("membersSkipped"))
                .as("members the run cannot box are counted by reason, though never read")
                .containsKeys("paused", "cancelled");

        JsonPath boxes = member(allergic)
                .get("/api/members/" + allergic + "/boxes")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].status", equalTo("CURATED"))
                .body("[0].items", hasSize(2))
                .extract()
                .jsonPath();
        List<String> items = boxes.getList("[0].items.productId");
        assertThat(items).doesNotContain(peanutsInChips.toString(), bar.toString());
        assertThat(boxes.getList("[0].items.reason", String.class))
                .allSatisfy(r -> assertThat(r).isNotBlank());
        member(paused).get("/api/members/" + paused + "/boxes").then().body("", hasSize(0));
        member(cancelled).get("/api/members/" + cancelled + "/boxes").then().body("", hasSize(0));
        String boxId = boxes.getString("[0].id");
        JsonPath curated = JsonPath.from(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> allergic.toString().equals(r.key())
                                && "BoxCurated".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT)
                .orElseThrow()
                .value());
        // The event carries what member-service needs to preview the box: each item's name, brand and reason.
        assertThat(curated.getList("data.items.name", String.class))
                .containsExactlyInAnyOrderElementsOf(boxes.getList("[0].items.name", String.class));
        assertThat(curated.getList("data.items.brandName", String.class))
                .containsExactlyInAnyOrderElementsOf(boxes.getList("[0].items.brandName", String.class));
        assertThat(curated.getList("data.items.reason", String.class))
                .containsExactlyInAnyOrderElementsOf(boxes.getList("[0].items.reason", String.class));
        assertThat(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> "StockAllocated".equals(KafkaTestClient.header(r, "ce_type"))
                                && r.value().contains(cycle),
                        TIMEOUT))
                .isPresent();

        // Running the cycle again gives nobody a second box.
        assertThat(fixtures.runCuration(cycle).getMap("membersSkipped")).containsKey("already has a box for " + cycle);
        member(allergic).get("/api/members/" + allergic + "/boxes").then().body("", hasSize(1));

        // Swap: replaced by another safe item, never by the unsafe ones.
        String swapped = items.get(0);
        JsonPath afterSwap = member(allergic)
                .post("/api/boxes/" + boxId + "/items/" + swapped + "/swap")
                .then()
                .statusCode(200)
                .body("items", hasSize(2))
                .extract()
                .jsonPath();
        assertThat(afterSwap.getList("items.productId", String.class))
                .doesNotContain(swapped, peanutsInChips.toString(), bar.toString());
        member(UUID.randomUUID())
                .post("/api/boxes/" + boxId + "/items/" + swapped + "/swap")
                .then()
                .statusCode(404);

        assertThat(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> allergic.toString().equals(r.key())
                                && "BoxItemSwapped".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT))
                .isPresent();
        // moving boxes is the warehouse's right: finance and support ops are refused, the warehouse packs
        ops(Roles.OPS_FINANCE).post("/api/boxes/" + boxId + "/pack").then().statusCode(403);
        ops(Roles.OPS_SUPPORT).post("/api/boxes/" + boxId + "/pack").then().statusCode(403);
        ops(Roles.OPS_WAREHOUSE)
                .post("/api/boxes/" + boxId + "/pack")
                .then()
                .statusCode(200)
                .body("status", equalTo("PACKED"));
        assertThat(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> allergic.toString().equals(r.key())
                                && "BoxPacked".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT))
                .isPresent();
        member(allergic)
                .post("/api/boxes/" + boxId + "/items/" + afterSwap.getString("items[0].productId") + "/swap")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        ops(Roles.OPS_FINANCE)
                .body("{\"trackingNumber\":\"DHL-1234\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(403);
        ops(Roles.OPS_WAREHOUSE)
                .body("{\"trackingNumber\":\"DHL-1234\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(200)
                .body("status", equalTo("SHIPPED"))
                .body("shippedBy", equalTo("ops-warehouse-user"));
        // Who shipped it is ops' record: ops read it, the member does not.
        ops().get("/api/members/" + allergic + "/boxes")
                .then()
                .body("find { it.id == '" + boxId + "' }.shippedBy", equalTo("ops-warehouse-user"));
        member(allergic)
                .get("/api/members/" + allergic + "/boxes")
                .then()
                .statusCode(200)
                .body("find { it.id == '" + boxId + "' }.status", equalTo("SHIPPED"))
                .body("find { it.id == '" + boxId + "' }.shippedBy", nullValue());
        ops(Roles.OPS_SUPPORT).post("/api/boxes/" + boxId + "/deliver").then().statusCode(403);
        ops(Roles.OPS_WAREHOUSE)
                .post("/api/boxes/" + boxId + "/deliver")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"));
        ops().post("/api/boxes/" + boxId + "/deliver").then().statusCode(409);
        assertThat(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> allergic.toString().equals(r.key())
                                && "BoxShipped".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT))
                .isPresent();
        assertThat(KafkaTestClient.await(
                        Topics.BOX_EVENTS,
                        r -> allergic.toString().equals(r.key())
                                && "BoxDelivered".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT))
                .isPresent();
    }

    @Test
    void packingReplacesAnItemThatBecameUnsafe() {
        String cycle = "2031-02";
        String category = "crackers-" + UUID.randomUUID().toString().substring(0, 6);
        UUID crackers = fixtures.product(category, List.of("SESAME"), List.of(), 3);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration(cycle);
        String boxId = fixtures.boxOf(member, cycle);
        member(member)
                .get("/api/members/" + member + "/boxes")
                .then()
                .body(
                        "find { it.id == '" + boxId + "' }.items.productId",
                        org.hamcrest.Matchers.contains(crackers.toString()));

        // The member now declares a sesame allergy: packing must not pack the crackers.
        fixtures.send(
                Topics.MEMBER_PREFERENCES,
                member,
                EventType.MEMBER_PREFERENCES_CHANGED,
                new MemberPreferencesChanged(
                        member,
                        List.of("SESAME"),
                        List.of(),
                        List.of(category),
                        List.of(),
                        true,
                        OffsetDateTime.now(),
                        2));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() ->
                        preferenceReplicaRepository.findById(member).allergens.contains("SESAME")));

        JsonPath packed = ops().post("/api/boxes/" + boxId + "/pack")
                .then()
                .statusCode(200)
                .body("status", equalTo("PACKED"))
                .extract()
                .jsonPath();
        assertThat(packed.getList("items.productId", String.class)).doesNotContain(crackers.toString());
    }

    @Test
    void shouldPlaceSponsoredItemsOnlyAsGoodPicksAndReportFulfilmentPerBrand() {
        String cycle = "2031-06";
        String category = "sp-" + UUID.randomUUID().toString().substring(0, 6);
        UUID sponsoredProduct = fixtures.product(category, List.of(), List.of(), 10);
        UUID brand = inTx(() -> catalogueProductRepository.findById(sponsoredProduct).brandId);
        fixtures.send(
                Topics.BRAND_EVENTS,
                sponsoredProduct,
                EventType.CAMPAIGN_CREATED,
                new com.dcbeacon.platform.events.payload.CampaignCreated(
                        UUID.randomUUID(), brand, sponsoredProduct, "SKU", cycle, 3, 1, OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> campaignReplicaRepository.count("productId", sponsoredProduct) == 1));
        UUID fan = fixtures.subscriber(1, List.of(), List.of(category));

        JsonPath run = fixtures.runCuration(cycle);
        assertThat(run.getInt("campaignFulfilment.'" + brand + "'.committed")).isEqualTo(3);
        assertThat(run.getInt("campaignFulfilment.'" + brand + "'.placed")).isBetween(1, 3);
        member(fan)
                .get("/api/members/" + fan + "/boxes")
                .then()
                .body("find { it.cycle == '" + cycle + "' }.items[0].productId", equalTo(sponsoredProduct.toString()))
                .body("find { it.cycle == '" + cycle + "' }.items[0].sponsored", equalTo(true));
    }

    @Test
    void shouldKeepBoxesAndOpsPathsFromOthers() {
        UUID member = UUID.randomUUID();
        member(UUID.randomUUID())
                .get("/api/members/" + member + "/boxes")
                .then()
                .statusCode(404);
        member(member)
                .body("{\"cycle\":\"2031-03\"}")
                .post("/api/curation-runs")
                .then()
                .statusCode(403);
        member(member).post("/api/boxes/" + UUID.randomUUID() + "/pack").then().statusCode(403);
        given().get("/api/members/" + member + "/boxes").then().statusCode(401);
        ops().body("{\"cycle\":\"2031-13\"}").post("/api/curation-runs").then().statusCode(400);
        ops().get("/api/curation-runs/" + UUID.randomUUID()).then().statusCode(404);
        ops().post("/api/boxes/" + UUID.randomUUID() + "/pack").then().statusCode(404);
    }
}
