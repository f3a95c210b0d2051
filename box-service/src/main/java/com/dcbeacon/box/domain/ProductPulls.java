package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.BoxRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A recalled or reviewed product leaves every box not yet shipped; a safe item takes its place when there is one and
 * box-service can vouch for the member, otherwise the slot stays empty (never an item chosen blind).
 */
@ApplicationScoped
public class ProductPulls {

    private final BoxRepository boxes;
    private final BoxReplacements replacements;
    private final StockMovements stock;
    private final CurationMembers members;
    private final BoxContentsChanges contents;
    private final BoxAddOns addOns;

    public ProductPulls(
            BoxRepository boxes,
            BoxReplacements replacements,
            StockMovements stock,
            CurationMembers members,
            BoxContentsChanges contents,
            BoxAddOns addOns) {
        this.boxes = boxes;
        this.replacements = replacements;
        this.stock = stock;
        this.members = members;
        this.contents = contents;
        this.addOns = addOns;
    }

    /**
     * Row-locks, in id order, every box not yet shipped that holds the product. A recall or a review takes them before
     * the product's row, as a swap or a pack takes its box before its products: the two never wait for each other in a
     * circle (see the README, "Lock order"). A box that takes the product after this read does so under the product's
     * lock, before the recall's, and is locked by {@link #fromOpenBoxes} afterwards.
     */
    public void lockOpenBoxesHolding(UUID productId) {
        boxes.openIdsHolding(productId).forEach(boxes::locked);
    }

    /**
     * Every box not yet shipped loses the product, as an item and as the member's add-on; returns how many boxes lost it
     * as an item. Runs in the caller's transaction (a recall's or review's). */
    public int fromOpenBoxes(UUID productId, String reason) {
        List<UUID> ids = boxes.openIdsHolding(productId);
        // The catalogue is read once for all the boxes; its entities see the stock each replacement takes.
        List<CatalogueProduct> candidates = replacements.curatableProducts();
        // Each box row-locked, in id order: a swap, pack, ship or withdrawal of the same box waits or is waited for,
        // and the box is pulled from only if, as it is now, it is still open and still holds the product.
        int pulled = 0;
        for (UUID id : ids) {
            Box box = boxes.locked(id).orElse(null);
            if (box == null || !box.isOpen()) {
                continue;
            }
            if (box.items.stream().anyMatch(i -> i.productId().equals(productId))) {
                pull(box, productId, reason, candidates);
                pulled++;
            }
            // The member's add-on of the product goes too: nothing takes its place, and it is never charged.
            addOns.pull(box, productId, reason).ifPresent(name -> {
                box.unpack();
                contents.announce(
                        box,
                        toldWhy(name, reason) + " (your add-on: it will not be charged)",
                        OffsetDateTime.now(ZoneOffset.UTC));
            });
        }
        return pulled;
    }

    /**
     * The product leaves the box. A PACKED box goes back to CURATED: the parcel on the shelf still holds the pulled item,
     * so it ships only after packing again. The caller holds the box's row lock.
     */
    private void pull(Box box, UUID productId, String reason, List<CatalogueProduct> candidates) {
        int position = BoxLifecycle.positionOf(box, productId);
        Optional<Box.Item> replacement = members.vouched(box.memberId, box.cycle, 1)
                .flatMap(member -> replacements.replacement(box, member, Set.of(productId), candidates));
        List<Box.Item> items = new ArrayList<>(box.items);
        String pulledName = items.get(position).name();
        stock.release(productId, 1, box.cycle, reason);
        if (replacement.isPresent()) {
            items.set(position, replacement.get());
            stock.allocate(replacement.get().productId(), 1, box.cycle);
        } else {
            items.remove(position);
        }
        box.items = items;
        box.unpack(); // a packed parcel still holds the pulled item: it must be packed again before it can ship
        contents.announce(
                box,
                toldWhy(pulledName, reason)
                        + replacement
                                .map(r -> " and put " + r.name() + " in its place")
                                .orElse("; we had no other safe item to put in its place"),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Why the product left, in the member's words; an ops user's note on a review stays internal. */
    static String toldWhy(String productName, String reason) {
        String why = reason.startsWith("recalled")
                ? "was recalled by its brand"
                : "is being checked after a safety or quality concern was raised";
        return productName + " " + why + ", so we took it out of your box";
    }
}
