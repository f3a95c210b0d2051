package com.dcbeacon.member.mail;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.MailCatcher;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.domain.MailStatus;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.DataExportRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import com.dcbeacon.platform.events.payload.MemberDataExportPart;
import com.dcbeacon.platform.events.payload.MemberErasureConfirmed;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Inject
    DataExportRepository exports;

    @Inject
    BoxServiceEvents events;

    @Inject
    ObjectMapper mapper;

    @Inject
    MovableClock clock;

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

    @Test
    void shouldTellWhereAndUntilWhenACompletedExportCanBeDownloadedWithoutItsData() throws Exception {
        String email = "export-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.subscribed(email, "classic");
        UUID export = UUID.fromString(as(member)
                .post("/api/members/" + member + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .path("exportId"));

        part(member, export, "box-service", Map.of("boxes", List.of()));
        // Positive anchor: the part was applied, and one section still missing tells nothing yet.
        assertThat(notificationsOf(member, Notification.Kind.DATA_EXPORT_READY)).isEmpty();
        part(member, export, "feedback-service", Map.of("ratings", List.of()));
        // The same part again (redelivered under a new id) completes nothing twice.
        part(member, export, "feedback-service", Map.of("ratings", List.of()));

        await().atMost(TIMEOUT).until(() -> mailsTo(email).size() == 1);
        sender.sendDue();
        assertThat(mailsTo(email)).hasSize(1);
        Notification told = onlyNotificationOf(member, Notification.Kind.DATA_EXPORT_READY);
        OffsetDateTime expiresAt = OffsetDateTime.parse(as(member)
                .get("/api/members/" + member + "/exports/" + export)
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETE"))
                .extract()
                .path("expiresAt"));
        OffsetDateTime completedAt = QuarkusTransaction.requiringNew().call(() -> exports.findById(export).completedAt);
        assertThat(expiresAt.toInstant()).isEqualTo(completedAt.plusDays(30).toInstant());
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Your Dcbeacon data is ready to download");
        String body = GreenMailUtil.getBody(mail);
        assertThat(body)
                .contains("Hello Ada Lovelace")
                .contains(told.message)
                .contains("https://portal.dcbeacon.example/account/data/exports/" + export)
                .contains(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
                        .format(expiresAt.withOffsetSameInstant(ZoneOffset.UTC)))
                .contains("You get this e-mail because you asked for a copy");
        // Never the data itself: no address, no e-mail, no plan, no attachment.
        assertThat(body).doesNotContain("1 Main St").doesNotContain(email).doesNotContain("classic");
        assertThat(mail.getContentType()).startsWith("text/plain");

        // Once its period is over the export is gone, for the member and then from the database.
        clock.set(expiresAt.toInstant());
        try {
            as(member)
                    .get("/api/members/" + member + "/exports/" + export)
                    .then()
                    .statusCode(404);
            QuarkusTransaction.requiringNew().run(() -> exports.deleteExpired(OffsetDateTime.now(clock)));
            assertThat(QuarkusTransaction.requiringNew().call(() -> exports.findByIdOptional(export)))
                    .isEmpty();
        } finally {
            clock.reset();
        }
    }

    @Test
    void shouldConfirmAnErasureOnceWhenEveryServiceErasedThenForgetTheAddressAndSendNothingMore() throws Exception {
        String email = "erasure-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.subscribed(email, "classic");
        UUID erasure = UUID.fromString(as(member)
                .delete("/api/members/" + member)
                .then()
                .statusCode(202)
                .extract()
                .path("erasureId"));

        // Held, addressed on its own row only, until every service confirmed: not sent while box-service has not.
        Notification held = erasureNotice(erasure);
        assertThat(held.memberId).isNull();
        assertThat(held.mailTo).isEqualTo(email);
        assertThat(held.mailStatus).isEqualTo(MailStatus.WAITING);
        confirm(member, erasure, "feedback-service");
        sender.sendDue();
        assertThat(erasureNotice(erasure).mailStatus).isEqualTo(MailStatus.WAITING);
        assertThat(mailsTo(email)).isEmpty();

        confirm(member, erasure, "box-service");
        await().atMost(TIMEOUT).until(() -> mailsTo(email).size() == 1);
        // The last confirmation redelivered under a new id, a second erasure request, events naming the erased member
        // still in flight: none sends anything more.
        confirm(member, erasure, "box-service");
        as(member).delete("/api/members/" + member).then().statusCode(202);
        events.publishAndAwait(
                EventType.BOX_WITHDRAWN,
                member,
                new BoxWithdrawn(
                        UUID.randomUUID(), member, "2030-01", "CANCELLED", OffsetDateTime.now(ZoneOffset.UTC)));
        sender.sendDue();

        MimeMessage mail = mailsTo(email).getFirst();
        Notification sent = erasureNotice(erasure);
        assertThat(mail.getSubject()).isEqualTo("Your Dcbeacon data is erased");
        assertThat(mail.getMessageID()).isEqualTo(NotificationMails.messageId(sent.id));
        String body = GreenMailUtil.getBody(mail);
        assertThat(body)
                .startsWith("Your Dcbeacon account and the data we held about you were erased")
                .contains("It is the last e-mail we send to this address")
                .contains("https://portal.dcbeacon.example/privacy");
        assertThat(body)
                .doesNotContain("Hello")
                .doesNotContain("Ada")
                .doesNotContain("Lovelace")
                .doesNotContain(email)
                .doesNotContain(member.toString())
                .doesNotContain("1 Main St")
                .doesNotContain("Classic");
        assertThat(sent.mailStatus).isEqualTo(MailStatus.SENT);
        assertThat(sent.mailTo).isNull();
        assertThat(sent.memberId).isNull();
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> notifications
                                .find("mailTo = ?1 or memberId = ?2", email, member)
                                .count()))
                .isZero();
        assertThat(mailsTo(email)).hasSize(1);
    }

    @Test
    void shouldInviteToTheSurveyOncePerInvitationAndNotAMemberWhoOptedOut() throws Exception {
        String email = "nps-" + UUID.randomUUID() + "@example.com";
        UUID member = Members.subscribed(email, "classic");
        NpsSurveyInvited invitation =
                new NpsSurveyInvited(UUID.randomUUID(), member, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC));
        invited(member, invitation);
        // feedback-service's outbox published it again after a crash (a new event id): told once.
        invited(member, invitation);

        await().atMost(TIMEOUT).until(() -> mailsTo(email).size() == 1);
        sender.sendDue();
        assertThat(mailsTo(email)).hasSize(1);
        Notification told = onlyNotificationOf(member, Notification.Kind.NPS_INVITATION);
        assertThat(told.sourceId).isEqualTo(invitation.invitationId());
        MimeMessage mail = mailsTo(email).getFirst();
        assertThat(mail.getSubject()).isEqualTo("One question about Dcbeacon");
        assertThat(GreenMailUtil.getBody(mail))
                .contains("Hello Ada Lovelace")
                .contains(told.message)
                .contains("https://portal.dcbeacon.example/account/survey")
                .contains("https://portal.dcbeacon.example/account/settings/communication")
                .contains("You get this e-mail because a box of yours arrived");

        // Opted out since feedback-service decided: not told. Anchor: the event was applied.
        as(member)
                .body("{\"marketingEmails\":false,\"surveys\":false}")
                .put("/api/members/" + member + "/communication-preferences")
                .then()
                .statusCode(200);
        invited(
                member,
                new NpsSurveyInvited(UUID.randomUUID(), member, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC)));
        assertThat(notificationsOf(member, Notification.Kind.NPS_INVITATION)).hasSize(1);
    }

    private void invited(UUID member, NpsSurveyInvited invitation) {
        events.publishAndAwait(
                Topics.FEEDBACK_EVENTS, "feedback-service", EventType.NPS_SURVEY_INVITED, member, invitation);
    }

    private Notification erasureNotice(UUID erasure) {
        return QuarkusTransaction.requiringNew()
                .call(() -> notifications
                        .find(Notification.Kind.ERASURE_DONE, erasure)
                        .orElseThrow());
    }

    private void confirm(UUID member, UUID erasure, String service) {
        events.publishAndAwait(
                Topics.MEMBER_DATA_RIGHTS,
                service,
                EventType.MEMBER_ERASURE_CONFIRMED,
                member,
                new MemberErasureConfirmed(erasure, member, service, OffsetDateTime.now(ZoneOffset.UTC)));
    }

    private void part(UUID member, UUID export, String service, Object data) {
        events.publishAndAwait(
                Topics.MEMBER_DATA_RIGHTS,
                service,
                EventType.MEMBER_DATA_EXPORT_PART,
                member,
                new MemberDataExportPart(export, member, service, mapper.valueToTree(data)));
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
