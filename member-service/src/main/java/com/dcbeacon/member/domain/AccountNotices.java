package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What a member is told about their account itself: a cancel confirmed, a copy of their data
 * ready to download, their erasure done, an
 * invitation to the NPS survey. Each notice is written in the transaction of
 * what it tells of, once per source ({@link Notification#sourceId}), and mailed like every notification.
 */
@ApplicationScoped
public class AccountNotices {

    /** How a date is written in these notices: spelled out, in UTC, so nobody reads it in their own zone. */
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    /** A moment to the minute, in UTC. */
    static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    private static final Logger LOG = Logger.getLogger(AccountNotices.class);

    private final NotificationRepository notifications;
    private final MemberRepository members;
    private final Clock clock;

    public AccountNotices(NotificationRepository notifications, MemberRepository members, Clock clock) {
        this.notifications = notifications;
        this.members = members;
        this.clock = clock;
    }

    /** The member cancelled: when it took effect, that nothing more is charged, and how to come back. */
    void cancelled(Subscription subscription, Plan plan) {
        Notification notice = Notification.of(
                subscription.memberId,
                Notification.Kind.SUBSCRIPTION_CANCELLED,
                ("Your subscription to the %s plan is cancelled, effective at once: %s (confirmation %s). No further box"
                                + " will be sent and no further charge will be made; a box already on its way is"
                                + " not charged either.")
                        .formatted(plan.name, DAY.format(subscription.cancelledAt), subscription.confirmationId),
                now());
        notice.sourceId = subscription.confirmationId;
        notifications.notifyOnce(notice);
    }

    /** The member's export is complete: where to download it (never the data itself) and until when. */
    void exportReady(DataExport export) {
        Notification notice = Notification.of(
                export.memberId,
                Notification.Kind.DATA_EXPORT_READY,
                ("The copy of your data you asked for on %s is ready. You can download it from your account until %s;"
                                + " after that it is deleted, and you can ask for a new one at any time.")
                        .formatted(DAY.format(export.requestedAt), UNTIL.format(export.expiresAt)),
                now());
        notice.sourceId = export.id;
        notifications.notifyOnce(notice);
    }

    /**
     * Holds the confirmation of the member's erasure, in the erasure's transaction: the only notification without a
     * member, addressed on its own row, waiting until every service confirmed. Nothing when there is no address.
     */
    void erasureRequested(ErasureRequest request, String email) {
        if (email == null || email.isBlank()) {
            return;
        }
        Notification notice = Notification.of(null, Notification.Kind.ERASURE_DONE, ERASURE_UNDER_WAY, now());
        notice.sourceId = request.id;
        notice.mailTo = email;
        notice.mailStatus = MailStatus.WAITING;
        notifications.notifyOnce(notice);
    }

    /** Every service erased the member: the held confirmation is sent, saying when, and nothing of the member. */
    void erasureDone(ErasureRequest request) {
        notifications.release(
                Notification.Kind.ERASURE_DONE,
                request.id,
                ("Your Dcbeacon account and the data we held about you were erased from every part of our service on"
                                + " %s, as you asked.")
                        .formatted(DAY.format(request.completedAt)));
    }

    /**
     * feedback-service invited the member to the NPS survey: they are told, once per invitation, unless they are
     * unknown or erased, or opted out of surveys since (feedback-service decides, this is the last check).
     */
    public void npsInvited(NpsSurveyInvited invitation) {
        Optional<Member> member = members.findByIdOptional(invitation.memberId());
        if (member.isEmpty() || !member.get().surveys) {
            LOG.infof("NPS invitation %s: member unknown, erased or opted out, not told", invitation.invitationId());
            return;
        }
        Notification notice = Notification.of(
                invitation.memberId(),
                Notification.Kind.NPS_INVITATION,
                "How likely are you to recommend Dcbeacon to a friend? One question, a score from 0 to 10, and a"
                        + " comment if you like. We ask at most once every 90 days.",
                now());
        notice.sourceId = invitation.invitationId();
        notifications.notifyOnce(notice);
    }

    /** What the held confirmation says until it is released: it is never sent with this text. */
    static final String ERASURE_UNDER_WAY = "Your erasure is under way.";

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock);
    }
}
