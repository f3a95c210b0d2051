package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.MemberRepository;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.payload.BoxWithdrawn;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What a member is told about a box they no longer wanted: withdrawn before it shipped, or shipped anyway and on us.
 * Each box is told of once, however often its event arrives. Runs inside the caller's transaction.
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
        notifications.dropPendingMail(Notification.Kind.BOX_PREVIEW, boxId, MailNotSentReason.BOX_NO_LONGER_OPEN);
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
     * True when the box was already found not wanted, or shipped without its preview: a later copy of its shipment is
     * not judged again.
     */
    public boolean alreadyOnUs(UUID boxId) {
        return notifications.exists(Notification.Kind.BOX_ON_US, boxId)
                || notifications.exists(Notification.Kind.BOX_NO_PREVIEW, boxId);
    }

    /** Tells the member of a box once; nobody is told of a box of an unknown or erased member. */
    void tell(UUID memberId, Notification.Kind kind, UUID boxId, String message) {
        if (members.findByIdOptional(memberId).isEmpty()) {
            LOG.infof("%s for box %s of an unknown or erased member: nobody to tell", kind, boxId);
            return;
        }
        Notification notification = Notification.of(memberId, kind, message, OffsetDateTime.now(ZoneOffset.UTC));
        notification.sourceId = boxId;
        if (!notifications.notifyOnce(notification)) {
            LOG.debugf("%s for box %s already told", kind, boxId);
        }
    }
}
