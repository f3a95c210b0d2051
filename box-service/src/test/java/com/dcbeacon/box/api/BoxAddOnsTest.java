package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.box;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.box.domain.MemberRating;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One-time add-ons: quoted before they are added, added to an open box only when the product passes the member's hard
 * rules and within the limits (3 units per product, 5 per box), removed while the box is open, stock exact throughout,
 * carried on BoxShipped with their prices, and released with a withdrawn box.
 */
@QuarkusTest
class BoxAddOnsTest {

    @Inject
    BoxFixtures fixtures;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    @Inject
    MemberRatingRepository memberRatingRepository;

    @Inject
    CatalogueProductRepository catalogue;

    /** A member allergic to peanuts with a CURATED box of the cycle, and the products around it. */
    private record Setup(UUID member, String boxId, UUID extra, UUID another, UUID third, UUID peanutTraces) {}

    private Setup setup(String cycle) {
        String liked = "ao-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 3; i++) {
            fixtures.product(liked, List.of(), List.of(), 20);
        }
        UUID extra = fixtures.product("ao-extra", List.of(), List.of(), 10);
        UUID another = fixtures.product("ao-another", List.of(), List.of(), 10);
        UUID third = fixtures.product("ao-third", List.of(), List.of(), 10);
        UUID peanutTraces = fixtures.product("ao-traces", List.of(), List.of("PEANUTS"), 10);
        UUID member = fixtures.subscriber(2, List.of("PEANUTS"), List.of(liked));
        fixtures.runCuration(cycle);
        String boxId = fixtures.boxOf(member, cycle);
        assertThat(boxId).as("the member's box of " + cycle).isNotNull();
        return new Setup(member, boxId, extra, another, third, peanutTraces);
    }

    /** Adds units of the setup's extra product and checks they were allocated; the stock before. */
    private int addedExtra(Setup s, int units) {
        int before = fixtures.stock(s.extra());
        add(s.member(), s.boxId(), s.extra(), units).statusCode(200);
        assertThat(fixtures.stock(s.extra())).as("allocated like any item").isEqualTo(before - units);
        return before;
    }

    /** Adds 2 units of the extra product, then sends the event; the extra product's stock before the add. */
    private int addedExtraThen(Setup s, String topic, UUID key, EventType type, Object payload) {
        int before = addedExtra(s, 2);
        fixtures.send(topic, key, type, payload);
        return before;
    }

    /** The member asks to add {@code quantity} units of {@code product} to the box, with a new Idempotency-Key. */
    private static ValidatableResponse add(UUID member, String boxId, UUID product, int quantity) {
        return member(member)
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .body(addOn(product, quantity))
                .post("/api/boxes/" + boxId + "/add-ons")
                .then();
    }

    /** As {@link #add}, refused: 422 problem+json naming {@code field}. */
    private static void refused(UUID member, String boxId, UUID product, int quantity, String field) {
        add(member, boxId, product, quantity)
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(field));
    }

    private static String addOn(UUID product, int quantity) {
        return "{\"productId\":\"" + product + "\",\"quantity\":" + quantity + "}";
    }

    @Test
    void shouldQuoteAddAndRemoveAddOnsWithinTheLimitsAndShipThemWithTheirPrices() {
        Setup s = setup("2038-01");
        String base = "/api/boxes/" + s.boxId() + "/add-ons";
        int extraStock = fixtures.stock(s.extra());
        int anotherStock = fixtures.stock(s.another());

        member(s.member())
                .get(base + "/quote?productId=" + s.extra() + "&quantity=2")
                .then()
                .statusCode(200)
                .body("unitPriceCents", equalTo(350))
                .body("addOnCents", equalTo(700))
                .body("boxPriceCents", equalTo(2499))
                .body("totalCents", equalTo(3199))
                .body("currency", equalTo("EUR"));
        assertThat(fixtures.stock(s.extra())).as("a quote changes nothing").isEqualTo(extraStock);

        add(s.member(), s.boxId(), s.extra(), 2)
                .statusCode(200)
                .body("addOns", hasSize(1))
                .body("addOns[0].productId", equalTo(s.extra().toString()))
                .body("addOns[0].quantity", equalTo(2))
                .body("addOns[0].unitPriceCents", equalTo(350))
                .body("addOnsCents", equalTo(700))
                .body("totalCents", equalTo(3199));
        assertThat(fixtures.stock(s.extra())).as("allocated like any item").isEqualTo(extraStock - 2);

        // Hard rules: a product that may contain the member's allergen is refused, naming the field.
        refused(s.member(), s.boxId(), s.peanutTraces(), 1, "productId");
        member(s.member())
                .get(base + "/quote?productId=" + s.peanutTraces() + "&quantity=1")
                .then()
                .statusCode(422)
                .body("violations.field", hasItem("productId"));
        // Per product: 2 held + 2 more > 3.
        refused(s.member(), s.boxId(), s.extra(), 2, "quantity");
        // Per box: 2 + 3 = 5 fits, one more does not.
        add(s.member(), s.boxId(), s.another(), 3).statusCode(200);
        refused(s.member(), s.boxId(), s.third(), 1, "quantity");
        add(s.member(), s.boxId(), s.extra(), 0).statusCode(400);
        assertThat(fixtures.stock(s.third()))
                .as("nothing allocated for a refused add-on")
                .isEqualTo(10);

        // Another member's token: the box does not exist for them.
        UUID stranger = UUID.randomUUID();
        add(stranger, s.boxId(), s.third(), 1).statusCode(404);
        member(stranger)
                .get(base + "/quote?productId=" + s.third() + "&quantity=1")
                .then()
                .statusCode(404);
        member(stranger).delete(base + "/" + s.another()).then().statusCode(404);

        member(s.member())
                .delete(base + "/" + s.another())
                .then()
                .statusCode(200)
                .body("addOns", hasSize(1))
                .body("totalCents", equalTo(3199));
        assertThat(fixtures.stock(s.another())).as("released when removed").isEqualTo(anotherStock);
        member(s.member()).delete(base + "/" + s.another()).then().statusCode(404);

        ops().post("/api/boxes/" + s.boxId() + "/pack").then().statusCode(200);
        add(s.member(), s.boxId(), s.third(), 1).statusCode(409).contentType("application/problem+json");
        member(s.member()).delete(base + "/" + s.extra()).then().statusCode(409);
        ops().body("{\"trackingNumber\":\"T-AO\"}")
                .post("/api/boxes/" + s.boxId() + "/ship")
                .then()
                .statusCode(200);

        JsonNode shipped = fixtures.awaitPublished(
                EventType.BOX_SHIPPED,
                s.member(),
                d -> s.boxId().equals(d.get("boxId").asText()));
        assertThat(shipped.get("priceCents").asLong()).isEqualTo(2499);
        assertThat(shipped.get("addOns")).hasSize(1);
        assertThat(shipped.get("addOns").get(0).get("productId").asText())
                .isEqualTo(s.extra().toString());
        assertThat(shipped.get("addOns").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(shipped.get("addOns").get(0).get("unitPriceCents").asLong()).isEqualTo(350);
        assertThat(fixtures.stock(s.extra())).as("shipped units stay allocated").isEqualTo(extraStock - 2);
        assertThat(box(s.member(), s.boxId()).getLong("totalCents")).isEqualTo(3199);

        // A wrong add-on is credited at its price: its units times its unit price.
        ops().post("/api/boxes/" + s.boxId() + "/deliver").then().statusCode(200);
        member(s.member())
                .body("{\"type\":\"WRONG_ITEMS\",\"productIds\":[\"" + s.extra() + "\"]}")
                .post("/api/boxes/" + s.boxId() + "/issues")
                .then()
                .statusCode(201)
                .body("creditCents", equalTo(700));
        // Damage credits what is left of the box with its add-ons: 3199 - 700.
        member(s.member())
                .body("{\"type\":\"DAMAGED\"}")
                .post("/api/boxes/" + s.boxId() + "/issues")
                .then()
                .statusCode(201)
                .body("creditCents", equalTo(2499));
    }

    @Test
    void shouldListTheProductsTheMemberMayAddToTheirOpenBoxOnly() {
        Setup s = setup("2038-10");
        String options = "/api/boxes/" + s.boxId() + "/add-ons/options";
        addedExtra(s, 1);

        List<Map<String, Object>> offered = member(s.member())
                .get(options)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        List<String> ids =
                offered.stream().map(o -> (String) o.get("productId")).toList();
        assertThat(ids)
                .contains(
                        s.another().toString(), s.third().toString(), s.extra().toString());
        assertThat(ids)
                .as("never a product the member may not have (traces of their allergen)")
                .doesNotContain(s.peanutTraces().toString());
        Map<String, Object> extra = offered.stream()
                .filter(o -> s.extra().toString().equals(o.get("productId")))
                .findFirst()
                .orElseThrow();
        assertThat(extra)
                .containsEntry("name", "Snack ao-extra")
                .containsEntry("unitPriceCents", 350)
                .containsEntry("currency", "EUR")
                .containsEntry("heldUnits", 1);
        assertThat(offered.stream().map(o -> (String) o.get("name")).toList())
                .as("by name")
                .isSorted();

        member(UUID.randomUUID()).get(options).then().statusCode(404);
        ops().post("/api/boxes/" + s.boxId() + "/pack").then().statusCode(200);
        member(s.member()).get(options).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldOfferAgainWhatTheMemberRatedHighlyLastCycleButNeverWhatTheyRatedLow() {
        Setup s = setup("2038-05");
        List<String> received = BoxFixtures.itemsOf(s.member(), s.boxId());
        fixtures.deliveredBox(s.member(), "2038-05");
        UUID loved = UUID.fromString(received.get(0));
        UUID disliked = UUID.fromString(received.get(1));
        rate(s, loved, 5);
        rate(s, disliked, 2);
        fixtures.runCuration("2038-06");
        String next = fixtures.boxOf(s.member(), "2038-06");

        // Received last cycle, so curation does not place it again; the member may still ask for more of it.
        assertThat(BoxFixtures.itemsOf(s.member(), next)).doesNotContain(loved.toString());
        add(s.member(), next, loved, 2).statusCode(200).body("addOns[0].productId", equalTo(loved.toString()));
        refused(s.member(), next, disliked, 1, "productId");
    }

    private void rate(Setup s, UUID product, int stars) {
        fixtures.send(
                Topics.FEEDBACK_EVENTS,
                s.member(),
                EventType.PRODUCT_RATED,
                new ProductRated(
                        UUID.randomUUID(),
                        s.member(),
                        UUID.fromString(s.boxId()),
                        product,
                        stars,
                        OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> {
                    MemberRating r = memberRatingRepository.findById(new MemberRating.Key(s.member(), product));
                    return r != null && r.stars == stars;
                }));
    }

    @Test
    void shouldTakeARecalledAddOnOutOfTheOpenBoxAtOnce() {
        Setup s = setup("2038-07");
        int extraStock = addedExtraThen(
                s,
                Topics.BRAND_EVENTS,
                s.extra(),
                EventType.PRODUCT_RECALLED,
                new ProductRecalled(s.extra(), UUID.randomUUID(), "SKU", "Undeclared peanuts", OffsetDateTime.now()));

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        assertThat(box(s.member(), s.boxId()).getList("addOns")).isEmpty());
        assertThat(box(s.member(), s.boxId()).getLong("totalCents")).isEqualTo(2499);
        assertThat(fixtures.stock(s.extra())).as("its units released").isEqualTo(extraStock);
        JsonNode changed = fixtures.awaitPublished(
                EventType.BOX_CONTENTS_CHANGED,
                s.member(),
                d -> s.boxId().equals(d.get("boxId").asText()));
        assertThat(changed.get("reason").asText()).contains("was recalled").contains("not be charged");
    }

    /** Adds 2 units of the extra product, then packs, ships and delivers the box. */
    private void deliveredWithExtra(Setup s) {
        addedExtra(s, 2);
        ops().post("/api/boxes/" + s.boxId() + "/pack").then().statusCode(200);
        ops().body("{\"trackingNumber\":\"T-AO-" + s.boxId() + "\"}")
                .post("/api/boxes/" + s.boxId() + "/ship")
                .then()
                .statusCode(200);
        ops().post("/api/boxes/" + s.boxId() + "/deliver").then().statusCode(200);
    }

    @Test
    void shouldTellAndCreditTheMemberWhenAShippedAddOnIsRecalled() {
        Setup s = setup("2038-08");
        deliveredWithExtra(s);

        fixtures.send(
                Topics.BRAND_EVENTS,
                s.extra(),
                EventType.PRODUCT_RECALLED,
                new ProductRecalled(s.extra(), UUID.randomUUID(), "SKU", "Undeclared peanuts", OffsetDateTime.now()));

        JsonNode notice = fixtures.awaitPublished(
                EventType.RECALL_NOTICE_ISSUED,
                s.member(),
                d -> s.boxId().equals(d.get("boxId").asText()));
        assertThat(notice.get("productId").asText()).isEqualTo(s.extra().toString());
        assertThat(notice.get("productName").asText()).contains("ao-extra");
        JsonNode credit = fixtures.awaitPublished(
                EventType.CREDIT_GRANTED,
                s.member(),
                d -> s.boxId().equals(d.get("boxId").asText()));
        assertThat(credit.get("amountCents").asLong())
                .as("the add-on's price: 2 x 350")
                .isEqualTo(700);
        assertThat(credit.get("issueType").asText()).isEqualTo("RECALL");
    }

    @Test
    void shouldReviewTheAddOnsWithTheItemsOfAnAllergenConcernNamingNoProduct() {
        Setup s = setup("2038-09");
        deliveredWithExtra(s);
        UUID anItem = UUID.fromString(box(s.member(), s.boxId()).getString("items[0].productId"));
        assertThat(inTx(() -> catalogue.findById(s.extra()).underReview)).isFalse();

        member(s.member())
                .body("{\"type\":\"ALLERGEN_CONCERN\"}")
                .post("/api/boxes/" + s.boxId() + "/issues")
                .then()
                .statusCode(201);

        assertThat(inTx(() -> catalogue.findById(anItem).underReview))
                .as("an item")
                .isTrue();
        assertThat(inTx(() -> catalogue.findById(s.extra()).underReview))
                .as("the add-on")
                .isTrue();
    }

    @Test
    void shouldReleaseTheAddOnsOfAnErasedMembersOpenBox() {
        Setup s = setup("2038-04");
        int extraStock = addedExtraThen(
                s,
                Topics.MEMBER_EVENTS,
                s.member(),
                EventType.MEMBER_ERASURE_REQUESTED,
                new MemberErasureRequested(s.member(), UUID.randomUUID(), OffsetDateTime.now()));

        await().atMost(TIMEOUT).until(() -> fixtures.boxOf(s.member(), "2038-04") == null);
        assertThat(fixtures.stock(s.extra())).as("the add-on's units back").isEqualTo(extraStock);
    }

    @Test
    void shouldAddOnceForARepeatedIdempotencyKeyAndAgainForANewKey() {
        Setup s = setup("2038-09");
        String base = "/api/boxes/" + s.boxId() + "/add-ons";
        int stock = fixtures.stock(s.extra());
        String key = UUID.randomUUID().toString();

        for (int attempt = 0; attempt < 2; attempt++) {
            member(s.member())
                    .header(IdempotentRequests.HEADER, key)
                    .body(addOn(s.extra(), 1))
                    .post(base)
                    .then()
                    .statusCode(200)
                    .body("addOns[0].quantity", equalTo(1))
                    .body("addOnsCents", equalTo(350));
        }
        assertThat(fixtures.stock(s.extra())).as("a retried add is one unit").isEqualTo(stock - 1);
        assertThat(box(s.member(), s.boxId()).getInt("addOns[0].quantity")).isEqualTo(1);
        // The key for another add: refused, nothing added. No key: refused, naming the header.
        member(s.member())
                .header(IdempotentRequests.HEADER, key)
                .body(addOn(s.extra(), 2))
                .post(base)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(IdempotentRequests.HEADER));
        member(s.member())
                .body(addOn(s.extra(), 1))
                .post(base)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(IdempotentRequests.HEADER));
        assertThat(fixtures.stock(s.extra())).isEqualTo(stock - 1);

        // The positive anchor: a new key adds another unit.
        add(s.member(), s.boxId(), s.extra(), 1)
                .statusCode(200)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue())
                .body("addOns[0].quantity", equalTo(2))
                .body("addOnsCents", equalTo(700));
        assertThat(fixtures.stock(s.extra())).isEqualTo(stock - 2);
    }

    @Test
    void shouldDropAnAddOnNoLongerSafeWhenPackingAndReleaseItsUnits() {
        String cycle = "2038-03";
        Setup s = setup(cycle);
        UUID milky = fixtures.product("ao-milky", List.of("MILK"), List.of(), 10);
        add(s.member(), s.boxId(), milky, 2).statusCode(200).body("addOns", hasSize(1));
        assertThat(fixtures.stock(milky)).isEqualTo(8);
        // The member declares milk after adding it: packing drops it, never packs it.
        fixtures.preferences(s.member(), List.of("PEANUTS", "MILK"), List.of(), 2);

        ops().post("/api/boxes/" + s.boxId() + "/pack")
                .then()
                .statusCode(200)
                .body("status", equalTo("PACKED"))
                .body("addOns", hasSize(0))
                .body("totalCents", equalTo(2499));
        assertThat(fixtures.stock(milky)).as("its units released").isEqualTo(10);
        JsonNode changed = fixtures.awaitPublished(
                EventType.BOX_CONTENTS_CHANGED,
                s.member(),
                d -> s.boxId().equals(d.get("boxId").asText()));
        assertThat(changed.get("reason").asText()).contains("Snack ao-milky");
    }

    @Test
    void shouldReleaseTheAddOnsWithABoxWithdrawnForASkippedCycle() {
        String cycle = "2038-02";
        Setup s = setup(cycle);
        int extraStock = addedExtra(s, 3);
        UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(s.member()).subscriptionId);

        fixtures.send(
                Topics.MEMBER_EVENTS,
                s.member(),
                EventType.CYCLE_SKIPPED,
                new CycleSkipped(s.member(), subscription, cycle, OffsetDateTime.now(), 0));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(box(s.member(), s.boxId()).getString("status"))
                        .isEqualTo("WITHDRAWN"));
        assertThat(fixtures.stock(s.extra()))
                .as("the add-on's units back with the box")
                .isEqualTo(extraStock);
        JsonNode released = fixtures.awaitPublished(
                EventType.STOCK_RELEASED, s.extra(), d -> d.get("units").asInt() == 3);
        assertThat(released.get("reason").asText()).contains("add-ons");
        add(s.member(), s.boxId(), s.extra(), 1).statusCode(409);
    }
}
