package com.dcbeacon.member.domain;

import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.payload.BoxCurated;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The preview of a member's box: what is in it and why, mailed before it ships, once per box however often its
 * BoxCurated arrives. A box is charged only if its preview's mail was sent in time ({@link BoxChargePolicy}); a box
 * that shipped without one is on us, and the member is told so. Runs inside the caller's transaction.
 */
@ApplicationScoped
public class BoxPreviews {

    private final NotificationRepository notifications;
    private final BoxNotices notices;

    public BoxPreviews(NotificationRepository notifications, BoxNotices notices) {
        this.notifications = notifications;
        this.notices = notices;
    }

    /** Writes the preview of a curated box; nothing for an erased or unknown member. */
    public void curated(BoxCurated curated) {
        notices.tell(curated.memberId(), Notification.Kind.BOX_PREVIEW, curated.boxId(), message(curated));
    }

    /** When the preview of {@code boxId} was mailed; empty when it was not (yet), or there is none. */
    public Optional<OffsetDateTime> sentAt(UUID boxId) {
        return notifications
                .find(Notification.Kind.BOX_PREVIEW, boxId)
                .map(n -> n.mailStatus == MailStatus.SENT ? n.mailSentAt : null);
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
    static String message(BoxCurated curated) {
        String items = curated.items().stream().map(BoxPreviews::line).collect(Collectors.joining("\n"));
        return "Your box for %s holds %d item%s:\n%s"
                .formatted(
                        curated.cycle(), curated.items().size(), curated.items().size() == 1 ? "" : "s", items);
    }

    private static String line(BoxCurated.Item item) {
        String what = item.name() == null ? "A product (see its details in your account)" : item.name();
        String brand = item.brandName() == null ? "" : " by " + item.brandName();
        String sponsored = item.sponsored() ? " [sponsored: the brand pays for this sample]" : "";
        String why = item.reason() == null ? "" : "\n  Why: " + item.reason();
        return "- " + what + brand + sponsored + why;
    }
}
