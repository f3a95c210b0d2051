package com.dcbeacon.member.mail;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
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
    NotificationMailSender sender;

    @Inject
    NotificationRepository notifications;

    @Test
    void shouldMailAnAnnouncedPriceChangeOnceToTheSubscriber() throws Exception {
        String email = "price-" + UUID.randomUUID() + "@example.com";
        UUID member = subscribed(email, "office");
        // Far ahead and random, so it clashes with no other test's announcement for this plan
        LocalDate effective = LocalDate.now(ZoneOffset.UTC)
                .plusDays(400 + ThreadLocalRandom.current().nextInt(2_000));
        int newPriceCents = 6_000 + ThreadLocalRandom.current().nextInt(4_000);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"newPriceCents\":" + newPriceCents + ",\"effectiveOn\":\"" + effective + "\"}")
                .post("/api/plans/office/price-changes")
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

    private Notification notification(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.findById(id));
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
