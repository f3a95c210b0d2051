package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.box;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.MemberErasureRequested;
import com.dcbeacon.platform.events.payload.SubscriptionCancelled;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.events.payload.SubscriptionResumed;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A skip, pause or cancel that covers the cycle of a box not yet shipped withdraws it: never packed, shipped or
 * charged, its stock back, the member told; and a later run gives them a box again if they want the cycle back.
 */
@QuarkusTest
class BoxWithdrawalTest {

    @Inject
    BoxRepository boxRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    @Inject
    BoxFixtures fixtures;

    /** A member with a CURATED box in one cycle and a PACKED box in another; another member packed in the same cycle. */
    record OpenBoxes(
            UUID member,
            UUID subscription,
            String curatedCycle,
            String curatedBox,
            String packedCycle,
            String packedBox,
            String othersPackedBox) {}

    private OpenBoxes openBoxes(String curatedCycle, String packedCycle) {
        String category = "wd-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            fixtures.product(category, List.of(), List.of(), 20);
        }
        UUID member = fixtures.subscriber(2, List.of(), List.of(category));
        UUID other = fixtures.subscriber(2, List.of(), List.of(category));
        fixtures.runCuration(curatedCycle);
        fixtures.runCuration(packedCycle);
        String packed = fixtures.boxOf(member, packedCycle);
        ops().post("/api/boxes/" + packed + "/pack").then().statusCode(200).body("status", equalTo("PACKED"));
        String othersPacked = fixtures.boxOf(other, packedCycle);
        ops().post("/api/boxes/" + othersPacked + "/pack").then().statusCode(200);
        UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(member).subscriptionId);
        return new OpenBoxes(
                member,
                subscription,
                curatedCycle,
                fixtures.boxOf(member, curatedCycle),
                packedCycle,
                packed,
                othersPacked);
    }

    @Test
    void shouldWithdrawTheBoxOfASkippedCycleOnlyAndCurateItAgainWhenWanted() {
        OpenBoxes boxes = openBoxes("2033-01", "2033-02");
        List<String> curatedItems = itemsOf(boxes.member(), boxes.curatedBox());
        List<String> packedItems = itemsOf(boxes.member(), boxes.packedBox());
        Map<String, Integer> stockBefore = stock(curatedItems, packedItems);

        fixtures.send(
                Topics.MEMBER_EVENTS,
                boxes.member(),
                EventType.CYCLE_SKIPPED,
                new CycleSkipped(boxes.member(), boxes.subscription(), boxes.packedCycle(), OffsetDateTime.now(), 0));

        assertWithdrawn(boxes.member(), boxes.packedBox(), boxes.packedCycle(), "CYCLE_SKIPPED", packedItems);
        assertThat(box(boxes.member(), boxes.curatedBox()).getString("status"))
                .as("the skip covers its own cycle only")
                .isEqualTo("CURATED");
        ops().body("{\"trackingNumber\":\"T-1\"}")
                .post("/api/boxes/" + boxes.packedBox() + "/ship")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        ops().body("{\"trackingNumber\":\"T-2\"}")
                .post("/api/boxes/" + boxes.othersPackedBox() + "/ship")
                .then()
                .statusCode(200);
        assertStockBack(stockBefore, packedItems);

        fixtures.send(
                Topics.MEMBER_EVENTS,
                boxes.member(),
                EventType.CYCLE_SKIPPED,
                new CycleSkipped(boxes.member(), boxes.subscription(), boxes.curatedCycle(), OffsetDateTime.now(), 0));
        assertWithdrawn(boxes.member(), boxes.curatedBox(), boxes.curatedCycle(), "CYCLE_SKIPPED", curatedItems);
        ops().post("/api/boxes/" + boxes.curatedBox() + "/pack").then().statusCode(409);

        // The member starts again and wants the cycle after all: the next run gives them a new box for it.
        fixtures.subscription(boxes.member(), 2, 0);
        assertCuratedAgain(boxes.member(), boxes.packedCycle(), boxes.packedBox());
    }

    @Test
    void shouldWithdrawEveryOpenBoxWhenTheMemberPausesWithoutEndAndCurateAgainAfterResume() {
        OpenBoxes boxes = withdrawEveryOpenBox(
                openBoxes("2033-04", "2033-05"),
                "PAUSED",
                EventType.SUBSCRIPTION_PAUSED,
                b -> new SubscriptionPaused(b.member(), b.subscription(), null, OffsetDateTime.now(), 0));

        fixtures.send(
                Topics.MEMBER_EVENTS,
                boxes.member(),
                EventType.SUBSCRIPTION_RESUMED,
                new SubscriptionResumed(boxes.member(), boxes.subscription(), OffsetDateTime.now(), 0));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() ->
                        subscriptionReplicaRepository.findById(boxes.member()).status == BoxEligibility.Status.ACTIVE));
        assertCuratedAgain(boxes.member(), boxes.curatedCycle(), boxes.curatedBox());
    }

    @Test
    void shouldCurateNoBoxForACycleOfAPauseThatEndedByItselfButForTheCycleAfter() {
        String category = "pe-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            fixtures.product(category, List.of(), List.of(), 20);
        }
        UUID member = fixtures.subscriber(2, List.of(), List.of(category));
        UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(member).subscriptionId);
        String lastPaused = "2037-03";
        String resumed = "2037-04";
        fixtures.send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_PAUSED,
                new SubscriptionPaused(member, subscription, lastPaused, OffsetDateTime.now(), 0));
        fixtures.send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.SUBSCRIPTION_RESUMED,
                new SubscriptionResumed(member, subscription, OffsetDateTime.now(), 0, lastPaused));
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> {
                    var s = subscriptionReplicaRepository.findById(member);
                    return s.status == BoxEligibility.Status.ACTIVE && lastPaused.equals(s.pausedUntil);
                }));

        fixtures.runCuration(lastPaused);
        assertThat(fixtures.boxOf(member, lastPaused))
                .as("a late run for a paused cycle")
                .isNull();
        fixtures.runCuration(resumed);
        assertThat(fixtures.boxOf(member, resumed)).isNotNull();
    }

    @Test
    void shouldWithdrawEveryOpenBoxWhenTheMemberCancelsAndCurateAgainAfterANewStart() {
        OpenBoxes boxes = withdrawEveryOpenBox(
                openBoxes("2033-07", "2033-08"),
                "CANCELLED",
                EventType.SUBSCRIPTION_CANCELLED,
                b -> new SubscriptionCancelled(
                        b.member(), b.subscription(), UUID.randomUUID(), OffsetDateTime.now(), 0));

        fixtures.subscription(boxes.member(), 2, 0);
        assertCuratedAgain(boxes.member(), boxes.packedCycle(), boxes.packedBox());
    }

    /** An erased member's open boxes are deleted with everything else about them, and their units go back to the brand. */
    @Test
    void shouldReleaseTheStockOfOpenBoxesWhenTheMemberIsErased() {
        OpenBoxes boxes = openBoxes("2033-10", "2033-11");
        List<String> curatedItems = itemsOf(boxes.member(), boxes.curatedBox());
        List<String> packedItems = itemsOf(boxes.member(), boxes.packedBox());
        Map<String, Integer> stockBefore = stock(curatedItems, packedItems);

        fixtures.send(
                Topics.MEMBER_EVENTS,
                boxes.member(),
                EventType.MEMBER_ERASURE_REQUESTED,
                new MemberErasureRequested(boxes.member(), UUID.randomUUID(), OffsetDateTime.now()));

        await().atMost(TIMEOUT).until(() -> inTx(() -> boxRepository.count("memberId", boxes.member())) == 0);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(fixtures
                                .published(
                                        EventType.STOCK_RELEASED,
                                        d -> d.get("reason").asText().equals("box of an erased member")
                                                && (boxes.curatedCycle()
                                                                .equals(d.get("cycle")
                                                                        .asText())
                                                        || boxes.packedCycle()
                                                                .equals(d.get("cycle")
                                                                        .asText())))
                                .stream()
                                .map(r -> r.get("productId").asText())
                                .toList())
                        .containsExactlyInAnyOrderElementsOf(concat(curatedItems, packedItems)));
        assertStockBack(stockBefore, concat(curatedItems, packedItems));
        // Positive anchor: the other member's box of the same cycle is untouched and still ships.
        ops().body("{\"trackingNumber\":\"T-3\"}")
                .post("/api/boxes/" + boxes.othersPackedBox() + "/ship")
                .then()
                .statusCode(200);
    }

    /** The member's change withdraws both open boxes: nothing of them can be shipped, packed or swapped, their stock is back. */
    private OpenBoxes withdrawEveryOpenBox(
            OpenBoxes boxes, String reason, EventType change, Function<OpenBoxes, Object> payload) {
        List<String> curatedItems = itemsOf(boxes.member(), boxes.curatedBox());
        List<String> packedItems = itemsOf(boxes.member(), boxes.packedBox());
        Map<String, Integer> stockBefore = stock(curatedItems, packedItems);

        fixtures.send(Topics.MEMBER_EVENTS, boxes.member(), change, payload.apply(boxes));

        assertWithdrawn(boxes.member(), boxes.curatedBox(), boxes.curatedCycle(), reason, curatedItems);
        assertWithdrawn(boxes.member(), boxes.packedBox(), boxes.packedCycle(), reason, packedItems);
        ops().body("{\"trackingNumber\":\"T-1\"}")
                .post("/api/boxes/" + boxes.packedBox() + "/ship")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        ops().post("/api/boxes/" + boxes.curatedBox() + "/pack").then().statusCode(409);
        member(boxes.member())
                .post("/api/boxes/" + boxes.curatedBox() + "/items/" + curatedItems.get(0) + "/swap")
                .then()
                .statusCode(409);
        ops().body("{\"trackingNumber\":\"T-2\"}")
                .post("/api/boxes/" + boxes.othersPackedBox() + "/ship")
                .then()
                .statusCode(200);
        assertStockBack(stockBefore, concat(curatedItems, packedItems));
        return boxes;
    }

    /** WITHDRAWN with its reason, BoxWithdrawn published, and one StockReleased per item of the box. */
    private void assertWithdrawn(UUID member, String boxId, String cycle, String reason, List<String> items) {
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(box(member, boxId).getString("status")).isEqualTo("WITHDRAWN"));
        assertThat(box(member, boxId).getString("withdrawalReason")).isEqualTo(reason);
        assertThat(box(member, boxId).getString("withdrawnAt")).isNotNull();

        JsonNode withdrawn = fixtures.awaitPublished(
                EventType.BOX_WITHDRAWN,
                member,
                d -> boxId.equals(d.get("boxId").asText()));
        assertThat(withdrawn.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(withdrawn.get("cycle").asText()).isEqualTo(cycle);
        assertThat(withdrawn.get("reason").asText()).isEqualTo(reason);

        // Boxes of this cycle are curated in this test only, and only this member's box of it is withdrawn.
        await().atMost(TIMEOUT).untilAsserted(() -> {
            List<JsonNode> released = fixtures.published(
                    EventType.STOCK_RELEASED,
                    d -> cycle.equals(d.get("cycle").asText())
                            && d.get("reason").asText().startsWith("box withdrawn"));
            assertThat(released)
                    .allSatisfy(r -> assertThat(r.get("units").asInt()).isEqualTo(1));
            assertThat(released.stream().map(r -> r.get("productId").asText()).toList())
                    .containsExactlyInAnyOrderElementsOf(items);
        });
    }

    private void assertCuratedAgain(UUID member, String cycle, String withdrawnBox) {
        fixtures.runCuration(cycle);
        String again = fixtures.boxOf(member, cycle);
        assertThat(again).isNotNull().isNotEqualTo(withdrawnBox);
        assertThat(box(member, again).getString("status")).isEqualTo("CURATED");
        assertThat(itemsOf(member, again)).isNotEmpty();
        assertThat(box(member, withdrawnBox).getString("status")).isEqualTo("WITHDRAWN");
    }

    private Map<String, Integer> stock(List<String> curatedItems, List<String> packedItems) {
        Map<String, Integer> stock = new HashMap<>();
        concat(curatedItems, packedItems).forEach(p -> stock.put(p, fixtures.stock(UUID.fromString(p))));
        return stock;
    }

    /** Every product of the catalogue replica is back up by the units the withdrawn items held, the others unchanged. */
    private void assertStockBack(Map<String, Integer> before, List<String> released) {
        Map<String, Integer> expected = new HashMap<>(before);
        released.forEach(p -> expected.merge(p, 1, Integer::sum));
        Map<String, Integer> now = new HashMap<>();
        before.keySet().forEach(p -> now.put(p, fixtures.stock(UUID.fromString(p))));
        assertThat(now).isEqualTo(expected);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
