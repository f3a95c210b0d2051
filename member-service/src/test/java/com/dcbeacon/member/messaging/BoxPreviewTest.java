package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.domain.MailNotSentReason;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxContentsChanged;
import com.dcbeacon.platform.events.payload.BoxCurated;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A curated box is previewed to its member by e-mail, once, with every item's reason and sponsored items labelled; a
 * box is charged only if that preview was mailed before it shipped (the test profile's lead is zero), otherwise it is
 * on us and the member is told.
 */
@QuarkusTest
class BoxPreviewTest {

    private static final String CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    @MailCatcher.Inject
    GreenMail smtp;

    @Inject
    BoxServiceEvents boxService;

    @Inject
    NotificationRepository notifications;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldMailThePreviewOnceWithEveryItemItsReasonAndTheSponsoredLabel() throws Exception {
        String email = "preview-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email);
        UUID box = UUID.randomUUID();
        BoxCurated curated = curated(
                member,
                box,
                new BoxCurated.Item(UUID.randomUUID(), false, "Sea salt crisps", "Crunch & Co", "You rated crisps 5"),
                new BoxCurated.Item(UUID.randomUUID(), true, "Cocoa oat bar", "Oatly Bars", "New for you: oat bars"));

        boxService.publishAndAwait(EventType.BOX_CURATED, member, curated);
        // The same box curated again under a new event id (a producer's replay) is previewed once.
        boxService.publishAndAwait(EventType.BOX_CURATED, member, curated);
        OffsetDateTime sent =
                await().atMost(Duration.ofSeconds(30)).until(() -> boxService.previewSentAt(box), at -> at != null);
        boxService.previewSentAt(box); // a further run finds nothing left to send

        List<MimeMessage> mails = MailCatcher.mailsTo(smtp, email);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("Your next Dcbeacon box: what is in it and why");
        assertThat(mails.getFirst().getContent().toString().replace("\r\n", "\n"))
                .contains("Hello Ada Lovelace")
                .contains("Your box for " + CYCLE + " holds 2 items:")
                .contains("- Sea salt crisps by Crunch & Co\n  Why: You rated crisps 5")
                .contains("- Cocoa oat bar by Oatly Bars [sponsored: the brand pays for this sample]\n"
                        + "  Why: New for you: oat bars")
                // The lead is zero in tests: the member may change the box until the mail was composed, just before
                // sent
                .containsPattern("Until \\w+day \\d{1,2} \\w+ " + sent.getYear()
                        + ", \\d{2}:\\d{2} UTC you can still swap items, skip this month, pause or cancel, each in one"
                        + " click")
                .contains("https://portal.dcbeacon.example/account/subscription")
                .contains("You get this e-mail because you subscribe to Dcbeacon boxes");
        assertThat(BoxChargingTest.notifications(member, "BOX_PREVIEW"))
                .as("the portal shows the same preview")
                .singleElement()
                .asString()
                .contains("- Sea salt crisps by Crunch & Co\n  Why: You rated crisps 5");
    }

    @Test
    void shouldChargeAPreviewedBoxOnceAndNotABoxShippedBeforeItsPreviewWasSent() {
        UUID member = subscribed("shipped-early-" + UUID.randomUUID() + "@example.com");
        UUID previewedBox = UUID.randomUUID();
        UUID shippedEarly = UUID.randomUUID();
        OffsetDateTime previewSent = boxService.previewed(member, previewedBox, CYCLE);
        OffsetDateTime earlyPreviewSent = boxService.previewed(member, shippedEarly, CYCLE);
        double noPreviewBefore = notCharged("NO_PREVIEW");

        ship(member, previewedBox, previewSent);
        ship(member, previewedBox, previewSent.plusDays(1)); // a copy of the shipment: still charged once
        ship(member, shippedEarly, earlyPreviewSent.minusSeconds(1));
        // The early box's shipment again, now after its preview: decided once, it stays on us.
        ship(member, shippedEarly, earlyPreviewSent.plusDays(1));

        assertThat(BoxChargingTest.charges(member)).containsExactlyEntriesOf(Map.of(previewedBox, 2499L));
        assertThat(notCharged("NO_PREVIEW")).isEqualTo(noPreviewBefore + 1);
        assertThat(BoxChargingTest.notifications(member, "BOX_NO_PREVIEW"))
                .singleElement()
                .asString()
                .contains("Your box for " + CYCLE + " shipped before our preview of it reached you in time")
                .contains("nothing will be charged");
    }

    @Test
    void shouldNotChargeABoxWhosePreviewTheSmtpServerCouldNotTakeAndNeverSendThatPreviewLate() {
        String email = "no-smtp-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email);
        UUID box = UUID.randomUUID();
        curatedWhileTheSmtpServerIsDown(member, box, () -> {
            assertThat(boxService.previewSentAt(box)).isNull();
            ship(member, box, OffsetDateTime.now(ZoneOffset.UTC));
        });

        assertThat(BoxChargingTest.charges(member)).isEmpty();
        Notification preview = preview(box);
        assertThat(preview.mailStatus).isEqualTo(MailStatus.NOT_SENT);
        assertThat(preview.mailNotSentReason).isEqualTo(MailNotSentReason.BOX_NO_LONGER_OPEN);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !MailCatcher.mailsTo(smtp, email).isEmpty());
        assertThat(MailCatcher.mailsTo(smtp, email))
                .singleElement()
                .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Your Dcbeacon box is on us"))
                .satisfies(m -> assertThat(GreenMailUtil.getBody(m)).contains("we promise to show you every box"));
    }

    @Test
    void shouldChargeABoxWeChangedOnlyIfThePreviewOfWhatShippedReachedTheMemberInTime() throws Exception {
        String email = "changed-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email);
        UUID rePreviewed = UUID.randomUUID();
        UUID shippedBeforeRePreview = UUID.randomUUID();
        OffsetDateTime firstPreviewSent = boxService.previewed(member, rePreviewed, CYCLE);
        OffsetDateTime otherFirstPreviewSent = boxService.previewed(member, shippedBeforeRePreview, CYCLE);
        double noPreviewBefore = notCharged("NO_PREVIEW");

        // box-service pulls a recalled item from both boxes and puts another in its place: revision 1 of each.
        boxService.publishAndAwait(EventType.BOX_CONTENTS_CHANGED, member, recalledAndReplaced(member, rePreviewed));
        boxService.publishAndAwait(
                EventType.BOX_CONTENTS_CHANGED, member, recalledAndReplaced(member, shippedBeforeRePreview));
        OffsetDateTime rePreviewSent = await().atMost(Duration.ofSeconds(30))
                .until(() -> boxService.previewSentAt(rePreviewed, 1), at -> at != null);

        ship(member, rePreviewed, rePreviewSent, 1);
        // Shipped after its first preview but before the preview of the contents that shipped: the member was never
        // shown this box in time. Before, the first preview alone made it chargeable.
        ship(member, shippedBeforeRePreview, otherFirstPreviewSent.plusNanos(1_000), 1);

        // Fail closed: a shipment naming a revision whose change never reached member-service (its event lost or
        // late) is not previewed, however long ago the box's first preview went out.
        UUID changeNeverSeen = UUID.randomUUID();
        OffsetDateTime unseenFirstPreviewSent = boxService.previewed(member, changeNeverSeen, CYCLE);
        ship(member, changeNeverSeen, unseenFirstPreviewSent.plusDays(30), 2);

        assertThat(firstPreviewSent).isBefore(rePreviewSent);
        assertThat(BoxChargingTest.charges(member)).containsExactlyEntriesOf(Map.of(rePreviewed, 2499L));
        assertThat(notCharged("NO_PREVIEW")).isEqualTo(noPreviewBefore + 2);
        MimeMessage changed = MailCatcher.mailsTo(smtp, email).stream()
                .filter(m -> subject(m).equals("Your next Dcbeacon box changed: what is in it now and why"))
                .findFirst()
                .orElseThrow();
        assertThat(changed.getContent().toString().replace("\r\n", "\n"))
                .contains("Cocoa oat bar was recalled by its brand, so we took it out of your box and put Sea salt"
                        + " crisps in its place.")
                .contains("Your box for " + CYCLE + " holds 1 item:\n- Sea salt crisps by Crunch & Co\n"
                        + "  Why: You like crisps")
                .contains("you pay only for a box whose contents you were shown in time");
    }

    @Test
    void shouldNeverMailAPreviewOfContentsThatChangedBeforeItWasSent() {
        String email = "superseded-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email);
        UUID box = UUID.randomUUID();
        curatedWhileTheSmtpServerIsDown(
                member,
                box,
                () -> boxService.publishAndAwait(
                        EventType.BOX_CONTENTS_CHANGED, member, recalledAndReplaced(member, box)));
        OffsetDateTime rePreviewSent =
                await().atMost(Duration.ofSeconds(30)).until(() -> boxService.previewSentAt(box, 1), at -> at != null);

        assertThat(rePreviewSent).isNotNull();
        assertThat(preview(box).mailStatus).isEqualTo(MailStatus.NOT_SENT);
        assertThat(preview(box).mailNotSentReason).isEqualTo(MailNotSentReason.SUPERSEDED);
        assertThat(MailCatcher.mailsTo(smtp, email))
                .as("only the preview of the contents as they are now")
                .singleElement()
                .satisfies(m -> assertThat(subject(m)).contains("changed"));
    }

    /**
     * Curates the box while the SMTP server refuses connections, waits until its preview's mail was tried, runs
     * {@code then}, and starts the server again.
     */
    private void curatedWhileTheSmtpServerIsDown(UUID member, UUID box, Runnable then) {
        smtp.stop();
        try {
            boxService.publishAndAwait(EventType.BOX_CURATED, member, curated(member, box, crisps()));
            await().atMost(Duration.ofSeconds(30)).until(() -> preview(box).mailAttempts >= 1);
            then.run();
        } finally {
            smtp.start();
        }
    }

    private static BoxContentsChanged recalledAndReplaced(UUID member, UUID box) {
        return new BoxContentsChanged(
                box,
                member,
                CYCLE,
                1,
                List.of(crisps()),
                "Cocoa oat bar was recalled by its brand, so we took it out of your box and put Sea salt crisps in its"
                        + " place",
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    private static String subject(MimeMessage mail) {
        try {
            return mail.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldPreviewNothingToAnErasedOrUnknownMember() {
        String email = "erased-" + UUID.randomUUID() + "@example.com";
        UUID erased = subscribed(email);
        as(erased).delete("/api/members/" + erased).then().statusCode(202);
        UUID unknown = UUID.randomUUID();
        UUID erasedBox = UUID.randomUUID();
        UUID unknownBox = UUID.randomUUID();
        UUID anchor = subscribed("anchor-" + UUID.randomUUID() + "@example.com");
        UUID anchorBox = UUID.randomUUID();

        boxService.publishAndAwait(EventType.BOX_CURATED, erased, curated(erased, erasedBox, crisps()));
        boxService.publishAndAwait(EventType.BOX_CURATED, unknown, curated(unknown, unknownBox, crisps()));
        boxService.previewed(anchor, Map.of(anchorBox, CYCLE));

        assertThat(find(erasedBox)).isEmpty();
        assertThat(find(unknownBox)).isEmpty();
        assertThat(MailCatcher.mailsTo(smtp, email)).isEmpty();
    }

    private void ship(UUID member, UUID box, OffsetDateTime shippedAt) {
        ship(member, box, shippedAt, 0);
    }

    /** The box ships with revision {@code contentsRevision} of its contents (0: as curated). */
    private void ship(UUID member, UUID box, OffsetDateTime shippedAt, int contentsRevision) {
        boxService.publishAndAwait(
                EventType.BOX_SHIPPED,
                member,
                new BoxShipped(
                        box,
                        member,
                        CYCLE,
                        shippedAt,
                        Members.subscriptionId(member),
                        "classic",
                        2499L,
                        "EUR",
                        contentsRevision,
                        null));
    }

    private static BoxCurated curated(UUID member, UUID box, BoxCurated.Item... items) {
        return new BoxCurated(
                box, member, CYCLE, List.of(items), OffsetDateTime.now(ZoneOffset.UTC), "classic", 2499L, "EUR");
    }

    private static BoxCurated.Item crisps() {
        return new BoxCurated.Item(UUID.randomUUID(), false, "Sea salt crisps", "Crunch & Co", "You like crisps");
    }

    private Notification preview(UUID box) {
        return find(box).orElseThrow();
    }

    private Optional<Notification> find(UUID box) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.find(Notification.Kind.BOX_PREVIEW, box));
    }

    private double notCharged(String reason) {
        Counter counter = registry.find("dcbeacon.ledger.boxes.not.charged")
                .tag("reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private static UUID subscribed(String email) {
        return Members.subscribed(email, "classic");
    }
}
