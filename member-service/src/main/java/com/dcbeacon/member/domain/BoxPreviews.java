package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.payload.BoxContentsChanged;
import com.dcbeacon.platform.events.payload.BoxCurated;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The preview of a member's box: what is in it and why, mailed before it ships, once per box however often its
 * BoxCurated arrives. A box is charged only if its preview's mail was sent in time ({@link BoxChargePolicy}); a box
 * that shipped without one is on us, and the member is told so. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class BoxPreviews {

    private final NotificationRepository notifications;
    private final BoxNotices notices;
    private final Duration previewLead;

    public BoxPreviews(
            NotificationRepository notifications,
            BoxNotices notices,
            @ConfigProperty(name = "dcbeacon.box-preview.lead", defaultValue = "P5D") Duration previewLead) {
        this.notifications = notifications;
        this.notices = notices;
        this.previewLead = previewLead;
    }

    /** The box the member was last shown, and until when they can change it ({@link BoxChargePolicy#changesUntil}). */
    public record ChangeWindow(UUID boxId, int revision, OffsetDateTime changesUntil) {}

    /**
     * The member's newest preview of a box, once its mail was sent: until then (or when its mail was not sent, e.g. a
     * withdrawn box's) nothing, since the lead runs from the mail. A change of the contents starts a new preview, so
     * the window is always that of the contents the member was shown last.
     */
    public Optional<ChangeWindow> changeWindow(Optional<SubscriptionRepository.NewestPreview> newestPreview) {
        return newestPreview
                .filter(n -> n.mailStatus() == MailStatus.SENT && n.mailSentAt() != null)
                .map(n -> new ChangeWindow(
                        n.boxId(),
                        n.boxRevision() == null ? 0 : n.boxRevision(),
                        BoxChargePolicy.changesUntil(n.mailSentAt(), previewLead)));
    }

    /** Writes the preview of a curated box; nothing for an erased or unknown member. */
    public void curated(BoxCurated curated) {
        notices.tell(
                curated.memberId(),
                Notification.Kind.BOX_PREVIEW,
                curated.boxId(),
                curated.boxId(),
                0,
                message(curated.cycle(), curated.items()));
    }

    /**
     * box-service changed the box's contents (not the member): the member gets a preview of the box as it is now, and
     * an earlier preview still waiting for its mail is not sent, since it shows contents that will not ship.
     */
    public void contentsChanged(BoxContentsChanged changed) {
        notifications.dropPendingPreviewMails(changed.boxId(), MailNotSentReason.SUPERSEDED);
        notices.tell(
                changed.memberId(),
                Notification.Kind.BOX_CHANGED,
                revisionSource(changed.boxId(), changed.revision()),
                changed.boxId(),
                changed.revision(),
                changed.reason() + ".\n\n" + message(changed.cycle(), changed.items()));
    }

    /**
     * When the preview of revision {@code revision} of the box's contents (0: as curated, see BoxShipped) was mailed;
     * empty when it was not (yet), or there is none.
     */
    public Optional<OffsetDateTime> sentAt(UUID boxId, int revision) {
        Optional<Notification> preview = revision == 0
                ? notifications.find(Notification.Kind.BOX_PREVIEW, boxId)
                : notifications.find(Notification.Kind.BOX_CHANGED, revisionSource(boxId, revision));
        return preview.map(n -> n.mailStatus == MailStatus.SENT ? n.mailSentAt : null);
    }

    /** What a preview of a changed box is about: the box and the revision, so each change is told of once. */
    public static UUID revisionSource(UUID boxId, int revision) {
        return UUID.nameUUIDFromBytes(("box-contents:" + boxId + ":" + revision).getBytes(StandardCharsets.UTF_8));
    }

    /** The box shipped without a preview sent in time: it is on us, and a preview not mailed yet never is. */
    public void shippedWithoutPreview(UUID memberId, UUID boxId, YearMonth cycle) {
        notices.tell(
                memberId,
                Notification.Kind.BOX_NO_PREVIEW,
                boxId,
                ("Your box for %s shipped before our preview of it reached you in time, so you could not check or change"
                                + " it. It is on us: nothing will be charged for it.")
                        .formatted(cycle));
        notices.previewNoLongerDue(boxId);
    }

    /** The portal's and the mail's text of the preview: each item with its reason, sponsored items labelled. */
    static String message(String cycle, List<BoxCurated.Item> contents) {
        String items = contents.stream().map(BoxPreviews::line).collect(Collectors.joining("\n"));
        return "Your box for %s holds %d item%s:\n%s"
                .formatted(cycle, contents.size(), contents.size() == 1 ? "" : "s", items);
    }

    private static String line(BoxCurated.Item item) {
        String what = item.name() == null ? "A product (see its details in your account)" : item.name();
        String brand = item.brandName() == null ? "" : " by " + item.brandName();
        String sponsored = item.sponsored() ? " [sponsored: the brand pays for this sample]" : "";
        String why = item.reason() == null ? "" : "\n  Why: " + item.reason();
        return "- " + what + brand + sponsored + why;
    }
}
