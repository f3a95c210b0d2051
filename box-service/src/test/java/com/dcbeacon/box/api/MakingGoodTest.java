package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Credits for box issues without questions, and recalls pulled from open boxes or made good on shipped ones. */
@QuarkusTest
class MakingGoodTest {

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldCreditIssuesAtOnceOncePerTypeAndOnlyForTheOwner() {
        String cycle = "2031-04";
        String category = "cat-" + UUID.randomUUID().toString().substring(0, 6);
        UUID first = fixtures.product(category, List.of(), List.of(), 10);
        fixtures.product(category + "-b", List.of(), List.of(), 10);
        UUID member = fixtures.subscriber(2, List.of(), List.of(category, category + "-b"));
        fixtures.runCuration(cycle);
        String boxId = fixtures.boxOf(member, cycle);
        String path = "/api/boxes/" + boxId + "/issues";

        member(member).body("{\"type\":\"DAMAGED\"}").post(path).then().statusCode(409);   // not delivered yet
        fixtures.deliveredBox(member, cycle);

        member(member).body("{\"type\":\"DAMAGED\",\"note\":\"crushed\"}").post(path).then().statusCode(201)
                .body("creditCents", equalTo(2499));
        member(member).body("{\"type\":\"DAMAGED\"}").post(path).then().statusCode(409);
        // Recorded at once, but the box's whole price was already credited: nothing is left to credit.
        member(member).body("{\"type\":\"MISSING_ITEMS\",\"productIds\":[\"" + first + "\"]}").post(path).then().statusCode(201)
                .body("creditCents", equalTo(0));
        member(member).body("{\"type\":\"WRONG_ITEMS\"}").post(path).then().statusCode(400)
                .body("violations.field", hasItem("productIds"));
        member(member).body("{\"type\":\"WRONG_ITEMS\",\"productIds\":[\"" + UUID.randomUUID() + "\"]}").post(path)
                .then().statusCode(400);
        member(member).body("{\"type\":\"LOST_INTEREST\"}").post(path).then().statusCode(400);
        member(UUID.randomUUID()).body("{\"type\":\"WRONG_ITEMS\",\"productIds\":[\"" + first + "\"]}").post(path).then().statusCode(404);
        member(member).body("{\"type\":\"ALLERGEN_CONCERN\",\"productIds\":[\"" + first + "\"]}").post(path).then().statusCode(201)
                .body("creditCents", equalTo(0));
        ops().get("/api/issues?type=ALLERGEN_CONCERN").then().statusCode(200).body("boxId", hasItem(boxId));
        member(member).get("/api/issues").then().statusCode(403);

        // Only a credit of more than nothing is granted.
        assertThat(KafkaTestClient.readAll(Topics.BOX_EVENTS, Duration.ofSeconds(2)).stream()
                .filter(r -> member.toString().equals(r.key()))
                .filter(r -> "CreditGranted".equals(KafkaTestClient.header(r, "ce_type")))).hasSize(1);
    }

    @Test
    void shouldPullARecalledProductFromOpenBoxesAndMakeGoodOnShippedOnes() {
        String cycle = "2031-05";
        String category = "rc-" + UUID.randomUUID().toString().substring(0, 6);
        UUID recalled = fixtures.product(category, List.of(), List.of(), 10);
        fixtures.product(category + "-alt", List.of(), List.of(), 10);
        UUID open = fixtures.subscriber(1, List.of(), List.of(category));
        UUID shipped = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration(cycle);
        String openBox = fixtures.boxOf(open, cycle);
        assertThat(member(open).get("/api/members/" + open + "/boxes").then().extract().jsonPath()
                .getList("find { it.cycle == '" + cycle + "' }.items.productId", String.class)).containsExactly(recalled.toString());
        String shippedBox = fixtures.deliveredBox(shipped, cycle);

        long start = System.nanoTime();
        fixtures.send(Topics.BRAND_EVENTS, recalled, EventType.PRODUCT_RECALLED,
                new ProductRecalled(recalled, UUID.randomUUID(), "SKU", "Undeclared peanuts", OffsetDateTime.now()));
        await().atMost(BoxFixtures.TIMEOUT).untilAsserted(() -> assertThat(member(open).get("/api/members/" + open + "/boxes")
                .then().extract().jsonPath().getList("find { it.id == '" + openBox + "' }.items.productId", String.class))
                .doesNotContain(recalled.toString()));
        System.out.printf("[measure] recall event to product out of open boxes: %d ms%n", (System.nanoTime() - start) / 1_000_000);

        assertThat(KafkaTestClient.await(Topics.BOX_EVENTS, r -> shipped.toString().equals(r.key())
                && "RecallNoticeIssued".equals(KafkaTestClient.header(r, "ce_type")), BoxFixtures.TIMEOUT)).isPresent();
        assertThat(KafkaTestClient.await(Topics.BOX_EVENTS, r -> shipped.toString().equals(r.key())
                && "CreditGranted".equals(KafkaTestClient.header(r, "ce_type")) && r.value().contains(shippedBox), BoxFixtures.TIMEOUT))
                .isPresent();
    }
}
