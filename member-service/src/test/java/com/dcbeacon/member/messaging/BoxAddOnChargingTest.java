package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.gift.GiftFixtures;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A box's one-time add-ons (BoxShipped.addOns) are charged with the box in one charge, once however often the event
 * arrives, credited at their price when wrong or missing, and never charged when the box is on us.
 */
@QuarkusTest
class BoxAddOnChargingTest {

    private static final YearMonth NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1);
    private static final List<BoxShipped.AddOn> ADD_ONS =
            List.of(new BoxShipped.AddOn(UUID.randomUUID(), 2, 350), new BoxShipped.AddOn(UUID.randomUUID(), 1, 425));

    @Inject
    BoxServiceEvents boxService;

    private static BoxShipped shipped(UUID box, UUID member, UUID subscription, String cycle) {
        return new BoxShipped(
                box,
                member,
                cycle,
                OffsetDateTime.now(ZoneOffset.UTC),
                subscription,
                "classic",
                2499L,
                "EUR",
                0,
                ADD_ONS);
    }

    @Test
    void shouldChargeTheAddOnsWithTheBoxOnceAndCreditAWrongAddOnAtItsPrice() {
        UUID member = Members.signUp();
        UUID subscription = BoxChargingTest.subscribe(member, "classic");
        UUID box = UUID.randomUUID();
        boxService.previewed(member, box, NEXT.toString());
        BoxShipped shipped = shipped(box, member, subscription, NEXT.toString());

        boxService.publishAndAwait(EventType.BOX_SHIPPED, member, shipped);
        boxService.publishAndAwait(EventType.BOX_SHIPPED, member, shipped); // delivered again under a new event id

        assertThat(BoxChargingTest.charges(member)).containsExactlyEntriesOf(Map.of(box, 2499L + 700 + 425));
        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(
                        UUID.randomUUID(),
                        member,
                        box,
                        425,
                        "Wrong items in the box for " + NEXT,
                        OffsetDateTime.now(ZoneOffset.UTC),
                        "WRONG_ITEMS"));
        assertThat(BoxCreditsTest.credits(member, box)).containsExactly(425L);
    }

    @Test
    void shouldChargeOnlyTheAddOnsOfABoxCoveredByAGift() {
        UUID buyer = Members.signUp();
        String code = (String) GiftFixtures.bought(buyer, 1).get("claimCode");
        UUID recipient = UUID.fromString(GiftFixtures.signUpWithGift("gift-" + UUID.randomUUID() + "@example.com", code)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        UUID box = UUID.randomUUID();
        boxService.previewed(recipient, box, NEXT.toString());

        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                recipient,
                shipped(box, recipient, Members.subscriptionId(recipient), NEXT.toString()));

        List<Map<String, Object>> ledger = Members.ledger(recipient);
        assertThat(GiftFixtures.ofType(ledger, "COVERED"))
                .singleElement()
                .satisfies(e -> assertThat(GiftFixtures.amount(e)).isZero());
        assertThat(BoxChargingTest.charges(recipient)).containsExactlyEntriesOf(Map.of(box, 700L + 425));
    }

    @Test
    void shouldNeverChargeTheAddOnsOfASkippedCycleOrOfABoxShippedWithoutItsPreview() {
        UUID member = Members.signUp();
        UUID subscription = BoxChargingTest.subscribe(member, "classic");
        YearMonth skipped = NEXT.plusMonths(1);
        as(member)
                .body("{\"cycle\":\"" + skipped + "\"}")
                .post("/api/members/" + member + "/subscription/skip")
                .then()
                .statusCode(200);
        UUID skippedBox = UUID.randomUUID();
        UUID unpreviewedBox = UUID.randomUUID();
        UUID wantedBox = UUID.randomUUID();
        boxService.previewed(
                member,
                Map.of(
                        skippedBox,
                        skipped.toString(),
                        wantedBox,
                        NEXT.plusMonths(2).toString()));

        boxService.publishAndAwait(
                EventType.BOX_SHIPPED, member, shipped(skippedBox, member, subscription, skipped.toString()));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED, member, shipped(unpreviewedBox, member, subscription, NEXT.toString()));
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                shipped(wantedBox, member, subscription, NEXT.plusMonths(2).toString()));

        // The positive anchor: the wanted box and its add-ons are charged; the other two, add-ons and all, are on us.
        assertThat(BoxChargingTest.charges(member)).containsExactlyEntriesOf(Map.of(wantedBox, 2499L + 700 + 425));
    }
}
