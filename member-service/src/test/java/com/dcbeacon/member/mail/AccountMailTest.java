package com.dcbeacon.member.mail;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The mails about the member's account itself, received by a real SMTP server. */
@QuarkusTest
class AccountMailTest {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    @MailCatcher.Inject
    GreenMail smtp;

    @Inject
    NotificationMailSender sender;

    @Inject
    NotificationRepository notifications;

    @Test
    void shouldConfirmACancelOnceWithItsDateAndTheWayBack() throws Exception {
        String email = "cancel-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.subscribed(email, "classic");

        String confirmation = as(member)
                .body("{}")
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200)
                .extract()
                .path("confirmationId");
        // A second cancel answers the same confirmation and confirms nothing twice.
        as(member)
                .body("{}")
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(200);

        await().atMost(TIMEOUT).until(() -> mailsTo(email).size() == 1);
        sender.sendDue();
        List<MimeMessage> mails = mailsTo(email);
        assertThat(mails).hasSize(1);
        Notification told = onlyNotificationOf(member, Notification.Kind.SUBSCRIPTION_CANCELLED);
        assertThat(told.mailStatus).isEqualTo(MailStatus.SENT);
        MimeMessage mail = mails.getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your Dcbeacon subscription is cancelled");
        assertThat(mail.getMessageID()).isEqualTo(NotificationMails.messageId(told.id));
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Hello Ada Lovelace")
                .contains("Classic plan is cancelled, effective at once")
                .contains(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH)
                        .format(LocalDate.now(ZoneOffset.UTC)))
                .contains(confirmation)
                .contains("no further charge will be made")
                .contains("You get this e-mail because you cancelled")
                .contains("https://portal.dcbeacon.example/account/subscription/reactivation")
                .contains("https://portal.dcbeacon.example/account/settings/communication");
    }

    List<Notification> notificationsOf(UUID member, Notification.Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> notifications.forMember(member)).stream()
                .filter(n -> n.kind == kind)
                .toList();
    }

    Notification onlyNotificationOf(UUID member, Notification.Kind kind) {
        List<Notification> all = notificationsOf(member, kind);
        assertThat(all).hasSize(1);
        return all.getFirst();
    }

    List<MimeMessage> mailsTo(String email) {
        return MailCatcher.mailsTo(smtp, email);
    }
}
