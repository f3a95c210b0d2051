package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.BoxIssueRepository;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.events.payload.RecallNoticeIssued;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
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
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * "Own your mistakes": a damaged, incomplete or wrong box is credited at once without questions, and a recall
 * pulls the product from every box not yet shipped and, for shipped ones, tells the member and credits them.
 */
@ApplicationScoped
public class BoxRemedies {

    public static final Duration REPORT_WINDOW = Duration.ofDays(30);
    public static final Set<BoxIssue.Type> WHOLE_BOX = Set.of(BoxIssue.Type.DAMAGED, BoxIssue.Type.ALLERGEN_CONCERN);
    public static final Set<BoxIssue.Type> PER_ITEM = Set.of(BoxIssue.Type.MISSING_ITEMS, BoxIssue.Type.WRONG_ITEMS);
    private static final Logger LOG = Logger.getLogger(BoxRemedies.class);

    private final Outbox outbox;
    private final ProductReviews reviews;
    private final ProductPulls pulls;
    private final BoxRepository boxes;
    private final BoxIssueRepository issues;

    public BoxRemedies(
            Outbox outbox, ProductReviews reviews, ProductPulls pulls, BoxRepository boxes, BoxIssueRepository issues) {
        this.outbox = outbox;
        this.reviews = reviews;
        this.pulls = pulls;
        this.boxes = boxes;
        this.issues = issues;
    }

    /** Issues newest first, of one type or (null) of every type. */
    public List<BoxIssue> issues(BoxIssue.Type type) {
        return issues.newestFirst(type);
    }

    /**
     * The member's report of a problem with a delivered box, credited at once: the whole price for DAMAGED and
     * ALLERGEN_CONCERN, the items' share for MISSING_ITEMS and WRONG_ITEMS, never beyond what the box cost minus what was
     * already credited for it. 409 outside 30 days of delivery or for a second report of a type; 400 when
     * {@code productIds} are not items of the box, or are missing for a per-item type.
     */
    @Transactional
    public BoxIssue report(UUID boxId, BoxIssue.Type type, List<UUID> productIds, String note) {
        // Row-locked: serialises reports on one box, so two issues at once cannot together credit more than it cost.
        Box box = boxes.locked(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
        OffsetDateTime now = now();
        if (box.status != BoxStatus.DELIVERED
                || box.deliveredAt.plus(REPORT_WINDOW).isBefore(now)) {
            throw ProblemException.conflict("issues can be reported for a delivered box, within 30 days of delivery");
        }
        if (issues.reported(boxId, type)) {
            throw ProblemException.conflict("a " + type + " issue was already reported and credited for this box");
        }
        List<UUID> items =
                productIds == null ? List.of() : productIds.stream().distinct().toList();
        if (items.stream()
                .anyMatch(p -> box.items.stream().noneMatch(i -> i.productId().equals(p))
                        && box.addOns.stream().noneMatch(a -> a.productId().equals(p)))) {
            throw ProblemException.invalidField("productIds", "must be items or add-ons of box " + boxId);
        }
        if (PER_ITEM.contains(type) && items.isEmpty()) {
            throw ProblemException.invalidField("productIds", "name the missing or wrong items");
        }
        // Credits for one box never exceed what it cost: a second issue gets at most what is left.
        long credit = Math.min(WHOLE_BOX.contains(type) ? box.totalCents() : share(box, items), creditLeft(box));
        BoxIssue issue = new BoxIssue();
        issue.id = UUID.randomUUID();
        issue.boxId = boxId;
        issue.memberId = box.memberId;
        issue.type = type;
        issue.productIds = new ArrayList<>(items);
        issue.note = note == null || note.isBlank() ? null : note.trim();
        issue.creditCents = credit;
        issue.createdAt = now;
        issues.persist(issue);
        if (type == BoxIssue.Type.ALLERGEN_CONCERN) {
            // Which item caused it is the member's to say; when they cannot, every item and add-on of the box is
            // reviewed.
            (items.isEmpty()
                            ? Stream.concat(
                                            box.items.stream().map(Box.Item::productId),
                                            box.addOns.stream().map(Box.AddOn::productId))
                                    .distinct()
                                    .toList()
                            : items)
                    .forEach(productId -> reviews.open(productId, boxId, "allergen concern reported by a member"));
        }
        if (credit > 0) {
            outbox.publish(
                    EventType.CREDIT_GRANTED,
                    box.memberId.toString(),
                    new CreditGranted(
                            issue.id, box.memberId, boxId, credit, creditReason(type, box.cycle), now, type.name()));
        }
        return issue;
    }

    /**
     * Runs in the inbox transaction of the ProductRecalled event, before the product's row is locked for its status:
     * lock order, boxes before products.
     */
    public void recalling(UUID productId) {
        pulls.lockOpenBoxesHolding(productId);
    }

    /** Runs in the inbox transaction of the ProductRecalled event. */
    public void recalled(UUID productId, String reason) {
        pulls.fromOpenBoxes(productId, "recalled");
        for (Box box : boxes.shippedHolding(productId)) {
            // The product shipped as an item, as the member's add-on, or both: told by its name, credited for both.
            String name = Stream.concat(
                            box.items.stream()
                                    .filter(i -> i.productId().equals(productId))
                                    .map(Box.Item::name),
                            box.addOns.stream()
                                    .filter(a -> a.productId().equals(productId))
                                    .map(Box.AddOn::name))
                    .findFirst()
                    .orElseThrow();
            OffsetDateTime now = now();
            outbox.publish(
                    EventType.RECALL_NOTICE_ISSUED,
                    box.memberId.toString(),
                    new RecallNoticeIssued(UUID.randomUUID(), box.memberId, box.id, productId, name, reason, now));
            if (!issues.reported(box.id, BoxIssue.Type.RECALL)) {
                BoxIssue issue = new BoxIssue();
                issue.id = UUID.randomUUID();
                issue.boxId = box.id;
                issue.memberId = box.memberId;
                issue.type = BoxIssue.Type.RECALL;
                issue.productIds = new ArrayList<>(List.of(productId));
                issue.creditCents = Math.min(share(box, List.of(productId)), creditLeft(box));
                issue.createdAt = now;
                issues.persist(issue);
                if (issue.creditCents > 0) {
                    outbox.publish(
                            EventType.CREDIT_GRANTED,
                            box.memberId.toString(),
                            new CreditGranted(
                                    issue.id,
                                    box.memberId,
                                    box.id,
                                    issue.creditCents,
                                    "Recalled: " + name,
                                    now,
                                    BoxIssue.Type.RECALL.name()));
                }
            }
            LOG.infof("Recall of %s: member of shipped box %s told and credited", productId, box.id);
        }
    }

    /**
     * What may still be credited for the box: what it cost (its price and its add-ons) minus every credit already granted
     * for it, in cents.
     */
    private long creditLeft(Box box) {
        return Math.max(0, box.totalCents() - issues.creditedFor(box.id));
    }

    /**
     * What the named products cost in the box: the items' share of the box price, plus the price of each named product's
     * add-on (a product both an item and an add-on counts both).
     */
    static long share(Box box, List<UUID> productIds) {
        long items = productIds.stream()
                .filter(p -> box.items.stream().anyMatch(i -> i.productId().equals(p)))
                .count();
        long addOns = box.addOns.stream()
                .filter(a -> productIds.contains(a.productId()))
                .mapToLong(Box.AddOn::cents)
                .sum();
        return (items == 0 ? 0 : share(box, (int) items)) + addOns;
    }

    /** The items' share of the box price, rounded half up; at least a cent. */
    static long share(Box box, int items) {
        if (box.items.isEmpty()) {
            return 0;
        }
        return Math.max(
                1,
                BigDecimal.valueOf(box.priceCents)
                        .multiply(BigDecimal.valueOf(items))
                        .divide(BigDecimal.valueOf(box.items.size()), 0, RoundingMode.HALF_UP)
                        .longValue());
    }

    private static String creditReason(BoxIssue.Type type, String cycle) {
        return switch (type) {
            case DAMAGED -> "Box for " + cycle + " arrived damaged";
            case MISSING_ITEMS -> "Items missing from the box for " + cycle;
            case WRONG_ITEMS -> "Wrong items in the box for " + cycle;
            default -> "Allergen concern about the box for " + cycle;
        };
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
