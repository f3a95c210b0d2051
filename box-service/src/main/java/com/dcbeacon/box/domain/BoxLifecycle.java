package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.events.payload.BoxItemSwapped;
import com.dcbeacon.platform.events.payload.BoxPacked;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A box's life after curation: the member swaps items while it is open; packing re-checks every item against
 * the member's current allergens and the product's current data and replaces what is no longer safe; shipping
 * and delivery are announced so the member is charged and can rate.
 */
@ApplicationScoped
public class BoxLifecycle {

    private final Outbox outbox;
    private final StockMovements stock;
    private final CurationMembers members;
    private final BoxRepository boxes;
    private final BoxReplacements replacements;
    private final BoxContentsChanges contents;
    private final BoxAddOns addOns;

    public BoxLifecycle(
            Outbox outbox,
            StockMovements stock,
            CurationMembers members,
            BoxRepository boxes,
            BoxReplacements replacements,
            BoxContentsChanges contents,
            BoxAddOns addOns) {
        this.outbox = outbox;
        this.stock = stock;
        this.members = members;
        this.boxes = boxes;
        this.replacements = replacements;
        this.contents = contents;
        this.addOns = addOns;
    }

    /** The box; 404 when there is none. */
    public Box require(UUID boxId) {
        return boxes.findByIdOptional(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
    }

    /** The member's boxes, newest cycle first. */
    public List<Box> ofMember(UUID memberId) {
        return boxes.ofMember(memberId);
    }

    /**
     * The box, row-locked for a change of its contents or status ({@link BoxRepository#locked}): a swap, a pack, a
     * recall pull, a withdrawal and a ship of one box run one after the other, each on the other's result.
     */
    private Box requireLocked(UUID boxId) {
        return boxes.locked(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
    }

    /** The member replaces one item of their open box by the next best safe one; 409 once packed or withdrawn. */
    @Transactional
    public Box swap(UUID boxId, UUID productId) {
        Box box = requireLocked(boxId);
        if (box.status != BoxStatus.CURATED) {
            throw ProblemException.conflict(
                    "box " + boxId + " is " + box.status + "; items can be swapped only before packing");
        }
        int position = positionOf(box, productId);
        CurationMember member = members.require(box.memberId, box.cycle, 1);
        // Lock order: the box's row (above), then the leaving product and the replacement together, in ascending id
        // order (BoxReplacements.replacement), as a curation page's commit takes product rows.
        Box.Item replacement = replacements
                .replacement(box, member, Set.of(productId))
                .orElseThrow(() -> ProblemException.conflict("no other safe item is available for this box right now"));
        box.items.set(position, replacement);
        stock.allocate(replacement.productId(), 1, box.cycle);
        stock.release(productId, 1, box.cycle, "swapped out by the member");
        boxes.flush();
        outbox.publish(
                EventType.BOX_ITEM_SWAPPED,
                box.memberId.toString(),
                new BoxItemSwapped(box.id, box.memberId, productId, replacement.productId(), now()));
        return box;
    }

    /**
     * Re-checks every item against the member's current allergens and diets and the product's current data; an item
     * that is no longer safe (or is recalled, retired or under review) is replaced (or dropped), never packed. 409 when
     * box-service cannot vouch for the member's allergies yet: the box waits rather than being packed blind.
     */
    @Transactional
    public Box pack(UUID boxId) {
        Box box = requireLocked(boxId);
        if (!box.isOpen()) { // a PACKED box may be packed again, e.g. after ship found an item no longer safe
            throw ProblemException.conflict("cannot pack box " + box.id + ": it is " + box.status);
        }
        CurationMember member = members.require(box.memberId, box.cycle, box.items.size());
        List<Box.Item> kept = new ArrayList<>();
        Set<UUID> unsafe = new HashSet<>();
        List<String> unsafeNames = new ArrayList<>();
        for (Box.Item item : box.items) {
            if (replacements.stillSafe(item, member)) {
                kept.add(item);
            } else {
                unsafe.add(item.productId());
                unsafeNames.add(item.name());
            }
        }
        box.items = new ArrayList<>(kept);
        for (UUID removed : new TreeSet<>(unsafe)) {
            // The replacement locks the leaving products with its pick, in ascending id order, before any is released.
            Optional<Box.Item> replacement = replacements.replacement(box, member, unsafe);
            stock.release(removed, 1, box.cycle, "no longer safe for the member at packing");
            replacement.ifPresent(r -> {
                box.items.add(r);
                stock.allocate(r.productId(), 1, box.cycle);
            });
        }
        // An add-on no longer allowed (an allergen declared since, a recall, a review) is dropped, never packed: the
        // member chose it, so nothing else takes its place, and it is neither shipped nor charged.
        unsafeNames.addAll(addOns.dropUnsafe(box, member));
        if (!unsafeNames.isEmpty()) {
            contents.announce(
                    box,
                    String.join(", ", unsafeNames)
                            + " no longer suited you or was no longer available when we packed your box (your"
                            + " allergies or diets, or the product, changed), so we took it out and put the next best"
                            + " safe item in its place where we had one",
                    now());
        }
        box.pack(now());
        boxes.flush();
        outbox.publish(
                EventType.BOX_PACKED,
                box.memberId.toString(),
                new BoxPacked(
                        box.id,
                        box.memberId,
                        box.items.stream().map(Box.Item::productId).toList(),
                        box.packedAt));
        return box;
    }

    @Transactional
    public Box ship(UUID boxId, String trackingNumber, String shippedBy) {
        Box box = requireLocked(boxId);
        requireStatus(box, BoxStatus.PACKED, "ship");
        // Last check before it leaves: the member's allergens or the product may have changed since packing.
        CurationMember member = members.require(box.memberId, box.cycle, box.items.size());
        for (Box.Item item : box.items) {
            if (!replacements.stillSafe(item, member)) {
                throw ProblemException.conflict(
                        "box " + box.id + " holds " + item.name() + ", which is no longer safe or "
                                + "available for this member; pack it again (packing replaces it) before shipping");
            }
        }
        addOns.unsafe(box, member).stream().findFirst().ifPresent(addOn -> {
            throw ProblemException.conflict("box " + box.id + " holds the add-on " + addOn.name()
                    + ", which is no longer safe or available for this member; pack it again (packing drops it)"
                    + " before shipping");
        });
        box.ship(trackingNumber, shippedBy, now());
        boxes.flush();
        outbox.publish(
                EventType.BOX_SHIPPED,
                box.memberId.toString(),
                new BoxShipped(
                        box.id,
                        box.memberId,
                        box.cycle,
                        box.shippedAt,
                        box.subscriptionId,
                        box.planId,
                        box.priceCents,
                        box.currency,
                        box.contentsRevision,
                        box.addOns.isEmpty()
                                ? null
                                : box.addOns.stream().map(Box.AddOn::told).toList()));
        return box;
    }

    @Transactional
    public Box deliver(UUID boxId) {
        Box box = requireLocked(boxId);
        requireStatus(box, BoxStatus.SHIPPED, "deliver");
        box.deliver(now());
        boxes.flush();
        outbox.publish(
                EventType.BOX_DELIVERED,
                box.memberId.toString(),
                new BoxDelivered(
                        box.id,
                        box.memberId,
                        box.cycle,
                        box.items.stream()
                                .map(i -> new BoxDelivered.Item(i.productId(), i.brandId(), i.sku(), i.name()))
                                .toList(),
                        box.deliveredAt));
        return box;
    }

    /** Where the product sits in the box; 404 when the box does not hold it. */
    static int positionOf(Box box, UUID productId) {
        for (int i = 0; i < box.items.size(); i++) {
            if (box.items.get(i).productId().equals(productId)) {
                return i;
            }
        }
        throw ProblemException.notFound("product " + productId + " is not in box " + box.id);
    }

    private static void requireStatus(Box box, BoxStatus expected, String action) {
        if (box.status != expected) {
            throw ProblemException.conflict(
                    "cannot " + action + " box " + box.id + ": it is " + box.status + ", not " + expected);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
