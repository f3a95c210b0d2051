package com.dcbeacon.box.domain;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.events.payload.RecallNoticeIssued;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * "Own your mistakes": a damaged, incomplete or wrong box is credited at once without questions, and a recall
 * pulls the product from every box not yet shipped and, for shipped ones, tells the member and credits them.
 */
@ApplicationScoped
public class BoxRemedies {

    public static final Duration REPORT_WINDOW = Duration.ofDays(30);
    public static final Set<String> WHOLE_BOX = Set.of("DAMAGED", "ALLERGEN_CONCERN");
    public static final Set<String> PER_ITEM = Set.of("MISSING_ITEMS", "WRONG_ITEMS");
    private static final Logger LOG = Logger.getLogger(BoxRemedies.class);

    private final Outbox outbox;
    private final BoxLifecycle lifecycle;
    private final ProductReviews reviews;

    public BoxRemedies(Outbox outbox, BoxLifecycle lifecycle, ProductReviews reviews) {
        this.outbox = outbox;
        this.lifecycle = lifecycle;
        this.reviews = reviews;
    }

    @Transactional
    public BoxIssue report(UUID boxId, String type, List<UUID> productIds, String note) {
        Box box = lifecycle.require(boxId);
        // Serialises reports on one box, so two issues at once cannot together credit more than it cost.
        Box.getEntityManager().lock(box, LockModeType.PESSIMISTIC_WRITE);
        OffsetDateTime now = now();
        if (!Box.DELIVERED.equals(box.status) || box.deliveredAt.plus(REPORT_WINDOW).isBefore(now)) {
            throw ProblemException.conflict("issues can be reported for a delivered box, within 30 days of delivery");
        }
        if (BoxIssue.count("boxId = ?1 and type = ?2", boxId, type) > 0) {
            throw ProblemException.conflict("a " + type + " issue was already reported and credited for this box");
        }
        List<UUID> items = productIds == null ? List.of() : productIds.stream().distinct().toList();
        if (items.stream().anyMatch(p -> box.items.stream().noneMatch(i -> i.productId().equals(p)))) {
            throw ProblemException.invalidField("productIds", "must be items of box " + boxId);
        }
        if (PER_ITEM.contains(type) && items.isEmpty()) {
            throw ProblemException.invalidField("productIds", "name the missing or wrong items");
        }
        // Credits for one box never exceed what it cost: a second issue gets at most what is left.
        long credit = Math.min(WHOLE_BOX.contains(type) ? box.priceCents : share(box, items.size()), creditLeft(box));
        BoxIssue issue = new BoxIssue();
        issue.id = UUID.randomUUID();
        issue.boxId = boxId;
        issue.memberId = box.memberId;
        issue.type = type;
        issue.productIds = new ArrayList<>(items);
        issue.note = note == null || note.isBlank() ? null : note.trim();
        issue.creditCents = credit;
        issue.createdAt = now;
        issue.persist();
        if ("ALLERGEN_CONCERN".equals(type)) {
            // Which item caused it is the member's to say; when they cannot, every item of the box is reviewed.
            (items.isEmpty() ? box.items.stream().map(Box.Item::productId).distinct().toList() : items)
                    .forEach(productId -> reviews.open(productId, boxId, "allergen concern reported by a member"));
        }
        if (credit > 0) {
            outbox.publish(EventType.CREDIT_GRANTED, box.memberId.toString(), new CreditGranted(issue.id, box.memberId, boxId,
                    credit, creditReason(type, box.cycle), now));
        }
        return issue;
    }

    /** Runs in the inbox transaction of the ProductRecalled event. */
    public void recalled(UUID productId, String reason) {
        reviews.pullFromOpenBoxes(productId, "recalled");
        for (Box box : Box.<Box>list("select distinct b from Box b join b.items i where i.productId = ?1 and b.status in ?2",
                productId, Set.of(Box.SHIPPED, Box.DELIVERED))) {
            Box.Item item = box.items.stream().filter(i -> i.productId().equals(productId)).findFirst().orElseThrow();
            OffsetDateTime now = now();
            outbox.publish(EventType.RECALL_NOTICE_ISSUED, box.memberId.toString(), new RecallNoticeIssued(UUID.randomUUID(),
                    box.memberId, box.id, productId, item.name(), reason, now));
            if (BoxIssue.count("boxId = ?1 and type = 'RECALL'", box.id) == 0) {
                BoxIssue issue = new BoxIssue();
                issue.id = UUID.randomUUID();
                issue.boxId = box.id;
                issue.memberId = box.memberId;
                issue.type = "RECALL";
                issue.productIds = new ArrayList<>(List.of(productId));
                issue.creditCents = Math.min(share(box, 1), creditLeft(box));
                issue.createdAt = now;
                issue.persist();
                if (issue.creditCents > 0) {
                    outbox.publish(EventType.CREDIT_GRANTED, box.memberId.toString(), new CreditGranted(issue.id, box.memberId,
                        box.id, issue.creditCents, "Recalled: " + item.name(), now));
                }
            }
            LOG.infof("Recall of %s: member of shipped box %s told and credited", productId, box.id);
        }
    }

    /** What may still be credited for the box: its price minus every credit already granted for it, in cents. */
    static long creditLeft(Box box) {
        Number credited = BoxIssue.getEntityManager()
                .createQuery("select coalesce(sum(i.creditCents), 0) from BoxIssue i where i.boxId = ?1", Number.class)
                .setParameter(1, box.id).getSingleResult();
        return Math.max(0, box.priceCents - credited.longValue());
    }

    /** The items' share of the box price, rounded half up; at least a cent. */
    static long share(Box box, int items) {
        if (box.items.isEmpty()) {
            return 0;
        }
        return Math.max(1, BigDecimal.valueOf(box.priceCents).multiply(BigDecimal.valueOf(items))
                .divide(BigDecimal.valueOf(box.items.size()), 0, RoundingMode.HALF_UP).longValue());
    }

    private static String creditReason(String type, String cycle) {
        return switch (type) {
            case "DAMAGED" -> "Box for " + cycle + " arrived damaged";
            case "MISSING_ITEMS" -> "Items missing from the box for " + cycle;
            case "WRONG_ITEMS" -> "Wrong items in the box for " + cycle;
            default -> "Allergen concern about the box for " + cycle;
        };
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
