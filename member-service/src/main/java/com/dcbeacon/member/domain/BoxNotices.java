package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import com.dcbeacon.platform.events.payload.RecallNoticeIssued;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a member is told about their boxes and money: a box they no longer wanted (withdrawn before it shipped, or
 * shipped anyway and on us), a recalled product in a box they received, a credit booked. Each is told of once, however
 * often its event arrives. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class BoxNotices {

    private static final Logger LOG = Logger.getLogger(BoxNotices.class);

    private final NotificationRepository notifications;
    private final MemberRepository members;

    public BoxNotices(NotificationRepository notifications, MemberRepository members) {
        this.notifications = notifications;
        this.members = members;
    }

    public void withdrawn(BoxWithdrawn withdrawn) {
        String because = switch (withdrawn.reason()) {
            case "CYCLE_SKIPPED" -> "you skipped that month";
            case "PAUSED" -> "you paused your subscription";
            case "CANCELLED" -> "you cancelled your subscription";
            default -> "you changed your subscription";
        };
        tell(
                withdrawn.memberId(),
                Notification.Kind.BOX_WITHDRAWN,
                withdrawn.boxId(),
                "Your box for %s was withdrawn before it shipped, because %s. Nothing will be charged for it."
                        .formatted(withdrawn.cycle(), because));
        previewNoLongerDue(withdrawn.boxId());
    }

    /** The box will not ship, or already did: its preview, if still waiting for its mail, would tell of a past. */
    void previewNoLongerDue(UUID boxId) {
        notifications.dropPendingPreviewMails(boxId, MailNotSentReason.BOX_NO_LONGER_OPEN);
    }

    /** The box left before the member's change reached the warehouse: it is not charged. */
    public void onUs(UUID memberId, UUID boxId, YearMonth cycle) {
        tell(
                memberId,
                Notification.Kind.BOX_ON_US,
                boxId,
                "Your box for %s left before your change reached the warehouse. It is on us: nothing will be charged for it."
                        .formatted(cycle));
    }

    /**
     * A product in a box the member received is recalled: they are told what and why, and not to eat it. Once per box
     * and product, however many notices box-service issues for them (a product recalled twice).
     */
    public void recalled(RecallNoticeIssued notice) {
        tell(
                notice.memberId(),
                Notification.Kind.RECALL,
                UUID.nameUUIDFromBytes(
                        ("recall:" + notice.boxId() + ":" + notice.productId()).getBytes(StandardCharsets.UTF_8)),
                ("%s, which was in a box you received, is recalled by its brand: %s. Please do not eat it; throw it"
                                + " away or return it to where you bought it. If you paid for that box, we credit"
                                + " you for it, and you will get a separate message when the credit is booked.")
                        .formatted(notice.productName(), notice.reason()));
    }

    /** A credit of {@code amountCents} (in {@code currency}, null when unknown) was booked: the member is told why. */
    public void credited(UUID memberId, UUID creditId, long amountCents, String currency, String reason) {
        tell(
                memberId,
                Notification.Kind.CREDIT_GRANTED,
                creditId,
                "We credited %s%s to your account: %s. It counts against your next charges."
                        .formatted(ConsentTerms.money(amountCents), currency == null ? "" : " " + currency, reason));
    }

    /**
     * True when the box was already found not wanted, or shipped without its preview: a later copy of its shipment is
     * not judged again.
     */
    public boolean alreadyOnUs(UUID boxId) {
        return notifications.exists(Notification.Kind.BOX_ON_US, boxId)
                || notifications.exists(Notification.Kind.BOX_NO_PREVIEW, boxId);
    }

    /** {@code sourceId}: what the notice is about (a box, a recall of a product in it, a credit), told of once. */
    void tell(UUID memberId, Notification.Kind kind, UUID sourceId, String message) {
        tell(memberId, kind, sourceId, null, null, message);
    }

    /**
     * As {@link #tell(UUID, Notification.Kind, UUID, String)}, for a preview of revision {@code revision} of box
     * {@code boxId}'s contents.
     */
    void tell(UUID memberId, Notification.Kind kind, UUID sourceId, UUID boxId, Integer revision, String message) {
        if (members.findByIdOptional(memberId).isEmpty()) {
            LOG.infof("%s for %s of an unknown or erased member: nobody to tell", kind, sourceId);
            return;
        }
        Notification notification = Notification.of(memberId, kind, message, OffsetDateTime.now(ZoneOffset.UTC));
        notification.sourceId = sourceId;
        notification.boxId = boxId;
        notification.boxRevision = revision;
        if (!notifications.notifyOnce(notification)) {
            LOG.debugf("%s for %s already told", kind, sourceId);
        }
    }
}
