package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.domain.PauseEnds;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A box is charged once, at the price it was curated for, only if its cycle was still wanted; a box that shipped
 * after the member's change is on us and the member is told; a withdrawn box is told of once and never charged.
 */
@QuarkusTest
class BoxChargingTest {

    private static final YearMonth CURRENT = YearMonth.now(ZoneOffset.UTC);

    @Inject
    BoxServiceEvents boxService;

    @Inject
    MovableClock clock;

    @Inject
    PauseEnds pauseEnds;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldChargeTheCuratedPriceWhenThePlanChangedAfterCuration() {
        UUID member = Members.signUp();
        UUID subscription = subscribe(member, "classic");
        UUID curatedOnClassic = UUID.randomUUID();

        as(member)
                .body("{\"planId\":\"office\"}")
                .put("/api/members/" + member + "/subscription/plan")
                .then()
                .statusCode(200)
                .body("planId", org.hamcrest.Matchers.equalTo("office"))
                .body("effect", containsString("Applies from your next box that is not curated yet"))
                .body(
                        "effect",
                        containsString("a box already curated keeps its contents and the price it was curated for"));
        UUID legacy = UUID.randomUUID();
        boxService.previewed(member, curatedOnClassic, CURRENT.plusMonths(1).toString());
        boxService.previewed(member, legacy, CURRENT.toString());
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(
                        curatedOnClassic,
                        member,
                        CURRENT.plusMonths(1).toString(),
                        now(),
                        subscription,
                        "classic",
                        2499L,
                        "EUR"));
        // An event written before box-service sent prices falls back to the plan's price for the cycle.
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(legacy, member, CURRENT.toString(), now(), null, null, null, null));

        assertThat(charges(member)).containsExactlyInAnyOrderEntriesOf(Map.of(curatedOnClassic, 2499L, legacy, 5499L));
    }

    @Test
    void shouldNotChargeABoxShippedAfterCancelEvenWhenTheMemberSubscribedAgain() {
        UUID member = Members.signUp();
        UUID first = subscribe(member, "taster");
        UUID shippedBeforeCancel = UUID.randomUUID();
        UUID shippedAfterCancel = UUID.randomUUID();
        UUID shippedForNewSubscription = UUID.randomUUID();
        String cycle = CURRENT.plusMonths(1).toString();
        for (UUID box : List.of(shippedBeforeCancel, shippedAfterCancel, shippedForNewSubscription)) {
            boxService.previewed(member, box, cycle);
        }
        OffsetDateTime beforeCancel = now();
        as(member)
                .body("{}")
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);
        UUID second = subscribe(member, "classic");

        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(shippedBeforeCancel, member, cycle, beforeCancel, first, "taster", 1499L, "EUR"));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(shippedAfterCancel, member, cycle, now(), first, "taster", 1499L, "EUR"));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(shippedForNewSubscription, member, cycle, now(), second, "classic", 2499L, "EUR"));

        assertThat(charges(member))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of(shippedBeforeCancel, 1499L, shippedForNewSubscription, 2499L));
        assertThat(notifications(member, "BOX_ON_US"))
                .singleElement()
                .asString()
                .contains("Your box for " + cycle + " left before your change reached the warehouse")
                .contains("on us");
    }

    @Test
    void shouldNotChargeABoxForASkippedOrPausedCycleAndDecideItOnce() {
        UUID member = Members.signUp();
        UUID subscription = subscribe(member, "classic");
        String base = "/api/members/" + member + "/subscription";
        YearMonth paused = CURRENT.plusMonths(1);
        YearMonth wanted = CURRENT.plusMonths(2);
        YearMonth skipped = CURRENT.plusMonths(3);
        as(member)
                .body("{\"cycle\":\"" + skipped + "\"}")
                .post(base + "/skip")
                .then()
                .statusCode(200)
                .body("effect", containsString("No box and no charge for " + skipped));
        as(member)
                .body("{\"untilCycle\":\"" + paused + "\"}")
                .post(base + "/pause")
                .then()
                .statusCode(200)
                .body("effect", containsString("up to and including " + paused));

        UUID pausedBox = UUID.randomUUID();
        UUID skippedBox = UUID.randomUUID();
        UUID wantedBox = UUID.randomUUID();
        boxService.previewed(member, pausedBox, paused.toString());
        boxService.previewed(member, skippedBox, skipped.toString());
        boxService.previewed(member, wantedBox, wanted.toString());
        BoxShipped pausedShipment =
                new BoxShipped(pausedBox, member, paused.toString(), now(), subscription, "classic", 2499L, "EUR");
        boxService.publishAndAwait(EventType.BOX_SHIPPED, member, pausedShipment);
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(skippedBox, member, skipped.toString(), now(), subscription, "classic", 2499L, "EUR"));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(wantedBox, member, wanted.toString(), now(), subscription, "classic", 2499L, "EUR"));
        // The same shipment published again after the member resumed is not judged again: it stays on us.
        as(member).post(base + "/resume").then().statusCode(200);
        boxService.publishAndAwait(EventType.BOX_SHIPPED, member, pausedShipment);

        assertThat(charges(member)).containsExactlyEntriesOf(Map.of(wantedBox, 2499L));
        assertThat(notifications(member, "BOX_ON_US"))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("Your box for " + paused + " left before"))
                .anySatisfy(m -> assertThat(m).contains("Your box for " + skipped + " left before"));
    }

    @Test
    void shouldStillNotChargeAPausedCycleOnceThePauseEndedByItself() {
        UUID member = Members.signUp();
        UUID subscription = subscribe(member, "classic");
        YearMonth next = CURRENT.plusMonths(1);
        as(member)
                .body("{\"untilCycle\":\"" + CURRENT + "\"}")
                .post("/api/members/" + member + "/subscription/pause")
                .then()
                .statusCode(200);
        OffsetDateTime pauseEnded = next.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        clock.set(pauseEnded.toInstant());
        assertThat(pauseEnds.resumeEnded()).contains(member);

        UUID pausedBox = UUID.randomUUID();
        UUID wantedBox = UUID.randomUUID();
        boxService.previewed(member, pausedBox, CURRENT.toString());
        boxService.previewed(member, wantedBox, next.toString());
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(
                        pausedBox,
                        member,
                        CURRENT.toString(),
                        pauseEnded.minusDays(2),
                        subscription,
                        "classic",
                        2499L,
                        "EUR"));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(wantedBox, member, next.toString(), pauseEnded, subscription, "classic", 2499L, "EUR"));

        assertThat(charges(member)).containsExactlyEntriesOf(Map.of(wantedBox, 2499L));
    }

    @Test
    void shouldTellTheMemberOnceOfAWithdrawnBoxAndChargeNothing() {
        UUID member = Members.signUp();
        subscribe(member, "classic");
        UUID box = UUID.randomUUID();
        String cycle = CURRENT.plusMonths(1).toString();
        BoxWithdrawn withdrawn = new BoxWithdrawn(box, member, cycle, "CYCLE_SKIPPED", now());

        boxService.publishAndAwait(EventType.BOX_WITHDRAWN, member, withdrawn);
        boxService.publishAndAwait(EventType.BOX_WITHDRAWN, member, withdrawn);

        assertThat(notifications(member, "BOX_WITHDRAWN"))
                .singleElement()
                .asString()
                .contains("Your box for " + cycle + " was withdrawn before it shipped, because you skipped that month")
                .contains("Nothing will be charged");
        assertThat(charges(member)).isEmpty();
    }

    static UUID subscribe(UUID member, String plan) {
        return UUID.fromString(as(member)
                .body("{\"planId\":\"" + plan + "\"}")
                .post("/api/members/" + member + "/subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    static Map<UUID, Long> charges(UUID member) {
        return Members.ledger(member).stream()
                .filter(e -> "CHARGE".equals(e.get("type")))
                .collect(java.util.stream.Collectors.toMap(
                        e -> UUID.fromString((String) e.get("boxId")),
                        e -> ((Number) e.get("amountCents")).longValue()));
    }

    static List<String> notifications(UUID member, String kind) {
        JsonPath answer = as(member)
                .get("/api/members/" + member + "/notifications?size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Map<String, Object>> all = answer.getList("$");
        return all.stream()
                .filter(n -> kind.equals(n.get("kind")))
                .map(n -> (String) n.get("message"))
                .toList();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
