package com.dcbeacon.member.gift;

import static com.dcbeacon.member.Members.as;
import static com.dcbeacon.member.Members.ledger;
import static com.dcbeacon.member.Members.subscriptionId;
import static com.dcbeacon.member.gift.GiftFixtures.bought;
import static com.dcbeacon.member.gift.GiftFixtures.claim;
import static com.dcbeacon.member.gift.GiftFixtures.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.domain.GiftJobs;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The box of a gift's last cycle that is late (curated, not shipped when the next cycle begins) keeps the gift running:
 * it ships covered and its shipment ends the gift, never the job before it (real Kafka and PostgreSQL, injected clock).
 */
@QuarkusTest
class GiftLateLastBoxTest {

    private static final YearMonth NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

    /** A gift of one cycle, NEXT, ends on the first day of the cycle after it. */
    private static final OffsetDateTime ENDS =
            NEXT.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);

    @Inject
    BoxServiceEvents boxService;

    @Inject
    GiftJobs jobs;

    @Inject
    MovableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** A recipient of a gift of one cycle (NEXT), its box curated; answers the recipient and the box. */
    private Map.Entry<UUID, UUID> recipientWithCuratedLastBox() {
        UUID buyer = Members.signUp();
        Map<String, Object> gift = bought(buyer, 1);
        UUID recipient = Members.signUp();
        claim(recipient, (String) gift.get("claimCode")).then().statusCode(201);
        UUID box = UUID.randomUUID();
        boxService.previewed(recipient, box, NEXT.toString());
        return Map.entry(recipient, box);
    }

    private static String status(UUID member) {
        return as(member)
                .get("/api/members/" + member + "/subscription")
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    @Test
    void shouldShipALateLastBoxCoveredAndEndTheGiftThenNotBefore() {
        var curated = recipientWithCuratedLastBox();
        UUID recipient = curated.getKey();
        UUID box = curated.getValue();
        UUID subscription = subscriptionId(recipient);

        clock.set(ENDS.toInstant());
        assertThat(jobs.endFinished()).as("its last box is on its way").doesNotContain(recipient);
        clock.set(ENDS.plusDays(60).toInstant());
        assertThat(jobs.endFinished()).as("however late it is").doesNotContain(recipient);
        assertThat(status(recipient)).isEqualTo("ACTIVE");

        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                recipient,
                new BoxShipped(
                        box,
                        recipient,
                        NEXT.toString(),
                        OffsetDateTime.now(ZoneOffset.UTC),
                        subscription,
                        "classic",
                        GiftFixtures.CLASSIC_CENTS,
                        "EUR"));

        var covered = ofType(ledger(recipient), "COVERED");
        assertThat(covered).as("the late box is the gift's, covered").hasSize(1);
        assertThat(covered.get(0).get("reason")).asString().contains(NEXT.toString());
        assertThat(ofType(ledger(recipient), "CHARGE")).isEmpty();
        assertThat(status(recipient)).as("its shipment ends the gift").isEqualTo("CANCELLED");
    }

    @Test
    void shouldEndAGiftByTheJobOnceItsLastBoxWasWithdrawn() {
        var curated = recipientWithCuratedLastBox();
        UUID recipient = curated.getKey();

        clock.set(ENDS.toInstant());
        assertThat(jobs.endFinished()).as("its last box is on its way").doesNotContain(recipient);
        boxService.publishAndAwait(
                EventType.BOX_WITHDRAWN,
                recipient,
                new BoxWithdrawn(
                        curated.getValue(),
                        recipient,
                        NEXT.toString(),
                        "CYCLE_SKIPPED",
                        OffsetDateTime.now(ZoneOffset.UTC)));

        assertThat(jobs.endFinished()).as("no box of the gift is open any more").contains(recipient);
        assertThat(status(recipient)).isEqualTo("CANCELLED");
    }
}
