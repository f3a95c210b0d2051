package com.dcbeacon.member.mail;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.events.payload.RecallNoticeIssued;
import com.dcbeacon.platform.testing.TestTokens;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

@QuarkusTest
class NotificationMailTest {

    @MailCatcher.Inject
    GreenMail smtp;

    @Inject
    TestPlans plans;

    @Inject
    NotificationMailSender sender;

    @Inject
    NotificationRepository notifications;

    @Inject
    BoxServiceEvents boxService;

    @Test
    void shouldMailAnAnnouncedPriceChangeOnceToTheSubscriber() throws Exception {
        String email = "price-" + UUID.randomUUID() + "@example.com";
        // A plan of its own: a member joining a plan with a change announced is told of it at once (another mail)
        String plan = plans.create(5499);
        UUID member = subscribed(email, plan);
        LocalDate effective = LocalDate.now(ZoneOffset.UTC)
                .plusDays(400 + ThreadLocalRandom.current().nextInt(2_000));
        int newPriceCents = 6_000 + ThreadLocalRandom.current().nextInt(4_000);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"newPriceCents\":" + newPriceCents + ",\"effectiveOn\":\"" + effective + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/" + plan + "/price-changes")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        sender.sendDue(); // a further run finds nothing left to send
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        MimeMessage mail = mails.getFirst();
        Notification notice = onlyNotificationOf(member);
        assertThat(mail.getSubject()).isEqualTo("The price of your Dcbeacon plan is changing");
        assertThat(mail.getMessageID()).isEqualTo(NotificationMails.messageId(notice.id));
        assertThat(mail.getHeader("Auto-Submitted")).containsExactly("auto-generated");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Hello Ada Lovelace")
                .contains(notice.message)
                .contains("%d.%02d EUR on %s".formatted(newPriceCents / 100, newPriceCents % 100, effective))
                .contains("https://portal.dcbeacon.example/account/subscription")
                .contains("https://portal.dcbeacon.example/account/settings/communication")
                .contains("You get this e-mail because you subscribe to this plan");
        assertThat(notice.mailStatus).isEqualTo(MailStatus.SENT);
        assertThat(notice.mailAttempts).isEqualTo(1);
        assertThat(notice.mailSentAt).isNotNull();
    }

    /**
     * Several workers send at once, yet one member's mails arrive in the order they were written: eight notices of one
     * member, written in one transaction, are mailed once each and oldest first. Without the per-member rule the four
     * workers take four of them at once and the SMTP server receives them in whatever order their sends finish.
     */
    @Test
    void shouldMailAMembersNoticesOnceEachAndOldestFirstWhileWorkersSendAtOnce() throws Exception {
        String email = "order-" + UUID.randomUUID() + "@example.com";
        UUID member = signUp(email);
        OffsetDateTime first = OffsetDateTime.now(ZoneOffset.UTC);
        int count = 8;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                notifications.persist(Notification.of(
                        member,
                        Notification.Kind.BOX_ON_US,
                        "Notice number " + i + " of " + count + ".",
                        first.plusNanos(1_000L * i)));
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() >= count);
        sender.sendDue(); // a further run finds nothing left to send
        List<String> bodies =
                mailsTo(email).stream().map(GreenMailUtil::getBody).toList();
        assertThat(bodies).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(bodies.get(i)).as("mail %d", i).contains("Notice number " + i + " of " + count + ".");
        }
        assertThat(notificationsOf(member, Notification.Kind.BOX_ON_US))
                .hasSize(count)
                .allSatisfy(n -> {
                    assertThat(n.mailStatus).isEqualTo(MailStatus.SENT);
                    assertThat(n.mailAttempts).isEqualTo(1);
                });
    }

    @Test
    void shouldSendAMailOnceTheSmtpServerIsBack() throws Exception {
        String email = "outage-" + UUID.randomUUID() + "@example.com";
        UUID member = signUp(email);
        smtp.stop();
        UUID notificationId;
        try {
            notificationId = QuarkusTransaction.requiringNew().call(() -> {
                Notification n = Notification.of(
                        member,
                        Notification.Kind.BOX_ON_US,
                        "Your box for 2026-12 is on us.",
                        OffsetDateTime.now(ZoneOffset.UTC));
                notifications.persist(n);
                return n.id;
            });
            sender.sendDue();
            await().atMost(Duration.ofSeconds(30)).until(() -> notification(notificationId).mailAttempts >= 2);
            Notification waiting = notification(notificationId);
            assertThat(waiting.mailStatus).isEqualTo(MailStatus.PENDING);
            assertThat(waiting.mailLastError).isNotBlank();
            assertThat(waiting.mailNextAttemptAt).isNotNull();
        } finally {
            smtp.start();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> notification(notificationId).mailStatus == MailStatus.SENT);
        sender.sendDue();
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        assertThat(mails.getFirst().getSubject()).isEqualTo("Your Dcbeacon box is on us");
        assertThat(mails.getFirst().getMessageID()).isEqualTo(NotificationMails.messageId(notificationId));
        assertThat(GreenMailUtil.getBody(mails.getFirst())).contains("Your box for 2026-12 is on us.");
        assertThat(notification(notificationId).mailLastError).isNotBlank();
    }

    @Test
    void shouldTellAMemberOfARecalledProductOnceAndByMail() throws Exception {
        String email = "recall-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email, plans.create(2499));
        UUID box = UUID.randomUUID();
        UUID product = UUID.randomUUID();
        RecallNoticeIssued notice = recall(member, box, product, "Sea Salt Crisps", "undeclared peanut");
        boxService.publishAndAwait(EventType.RECALL_NOTICE_ISSUED, member, notice);
        // The same recall noticed again (the brand recalled the product twice): told once.
        boxService.publishAndAwait(
                EventType.RECALL_NOTICE_ISSUED,
                member,
                recall(member, box, product, "Sea Salt Crisps", "undeclared peanut"));

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        Notification told = onlyNotificationOf(member, Notification.Kind.RECALL);
        assertThat(told.message)
                .contains("Sea Salt Crisps")
                .contains("undeclared peanut")
                .contains("do not eat it");
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Recall: do not eat a product from your Dcbeacon box");
        assertThat(GreenMailUtil.getBody(mail)).contains(told.message).contains("your safety comes first");

        // Positive anchor for "once": another product of the same box is its own recall.
        boxService.publishAndAwait(
                EventType.RECALL_NOTICE_ISSUED,
                member,
                recall(member, box, UUID.randomUUID(), "Chili Cashews", "glass fragments"));
        assertThat(notificationsOf(member, Notification.Kind.RECALL)).hasSize(2);
    }

    @Test
    void shouldTellAMemberOfEachCreditBookedAndOfNoneThatBookedNothing() throws Exception {
        String email = "credit-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email, plans.create(2499));
        // A credit for a box that was never charged books nothing (the cap): nothing to tell.
        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(
                        UUID.randomUUID(),
                        member,
                        UUID.randomUUID(),
                        500,
                        "Box arrived damaged",
                        OffsetDateTime.now(ZoneOffset.UTC)));
        assertThat(notificationsOf(member, Notification.Kind.CREDIT_GRANTED)).isEmpty();

        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body("{\"amountCents\":1250,\"reason\":\"Late delivery in December\"}")
                .post("/api/members/" + member + "/ledger/credits")
                .then()
                .statusCode(201);

        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() == 1);
        Notification told = onlyNotificationOf(member, Notification.Kind.CREDIT_GRANTED);
        assertThat(told.message).contains("12.50 EUR").contains("Late delivery in December");
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("A credit on your Dcbeacon account");
        assertThat(GreenMailUtil.getBody(mail))
                .contains(told.message)
                .contains("https://portal.dcbeacon.example/account/ledger");
    }

    private Notification notification(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.findById(id));
    }

    /** A notice as box-service issues one for each shipped box holding the recalled product. */
    private static RecallNoticeIssued recall(UUID member, UUID box, UUID product, String name, String reason) {
        return new RecallNoticeIssued(
                UUID.randomUUID(), member, box, product, name, reason, OffsetDateTime.now(ZoneOffset.UTC));
    }

    private List<Notification> notificationsOf(UUID member, Notification.Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.forMember(member)).stream()
                .filter(n -> n.kind == kind)
                .toList();
    }

    private Notification onlyNotificationOf(UUID member, Notification.Kind kind) {
        List<Notification> all = notificationsOf(member, kind);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private Notification onlyNotificationOf(UUID member) {
        List<Notification> all = QuarkusTransaction.requiringNew().call(() -> notifications.forMember(member));
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    private List<MimeMessage> mailsTo(String email) {
        return MailCatcher.mailsTo(smtp, email);
    }

    private static UUID signUp(String email) {
        String id = given().contentType(ContentType.JSON)
                .body(Members.signUpJson(email))
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    private static UUID subscribed(String email, String planId) {
        UUID id = signUp(email);
        as(id).body("{\"planId\":\"" + planId + "\"}")
                .post("/api/members/" + id + "/subscription")
                .then()
                .statusCode(201);
        return id;
    }
}
