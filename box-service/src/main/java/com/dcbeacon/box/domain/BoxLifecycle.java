package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.Curator;
import com.dcbeacon.box.curation.MemberProfile;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.box.curation.SafetyRules;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.events.payload.BoxItemSwapped;
import com.dcbeacon.platform.events.payload.BoxPacked;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A box's life after curation: the member swaps items while it is open; packing re-checks every item against
 * the member's current allergens and the product's current data and replaces what is no longer safe; shipping
 * and delivery are announced so the member is charged and can rate.
 */
@ApplicationScoped
public class BoxLifecycle {

    private final Outbox outbox;
    private final EntityManager em;

    public BoxLifecycle(Outbox outbox, EntityManager em) {
        this.outbox = outbox;
        this.em = em;
    }

    public Box require(UUID boxId) {
        return Box.<Box>findByIdOptional(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
    }

    /** The member replaces one item of their open box by the next best safe one. */
    @Transactional
    public Box swap(UUID boxId, UUID productId) {
        Box box = require(boxId);
        if (!Box.CURATED.equals(box.status)) {
            throw ProblemException.conflict("box " + boxId + " is " + box.status + "; items can be swapped only before packing");
        }
        int position = positionOf(box, productId);
        Box.Item replacement = replacement(box, Set.of(productId))
                .orElseThrow(() -> ProblemException.conflict("no other safe item is available for this box right now"));
        box.items.set(position, replacement);
        adjustStock(replacement.productId(), -1);
        adjustStock(productId, +1);
        em.flush();
        outbox.publish(EventType.BOX_ITEM_SWAPPED, box.memberId.toString(),
                new BoxItemSwapped(box.id, box.memberId, productId, replacement.productId(), now()));
        return box;
    }

    /** Re-checks every item; an item that is no longer safe is replaced (or dropped), never packed. */
    @Transactional
    public Box pack(UUID boxId) {
        Box box = require(boxId);
        requireStatus(box, Box.CURATED, "pack");
        MemberProfile member = profile(box.memberId, box.items.size());
        List<Box.Item> kept = new ArrayList<>();
        Set<UUID> unsafe = new HashSet<>();
        for (Box.Item item : box.items) {
            CatalogueProduct product = CatalogueProduct.findById(item.productId());
            if (product != null && "PUBLISHED".equals(product.status) && SafetyRules.allows(member, toProduct(product))) {
                kept.add(item);
            } else {
                unsafe.add(item.productId());
            }
        }
        box.items = new ArrayList<>(kept);
        for (UUID removed : unsafe) {
            replacement(box, unsafe).ifPresent(r -> {
                box.items.add(r);
                adjustStock(r.productId(), -1);
            });
            adjustStock(removed, +1);
        }
        box.status = Box.PACKED;
        box.packedAt = now();
        em.flush();
        outbox.publish(EventType.BOX_PACKED, box.memberId.toString(), new BoxPacked(box.id, box.memberId,
                box.items.stream().map(Box.Item::productId).toList(), box.packedAt));
        return box;
    }

    /** A recalled product leaves an unshipped box; a safe item takes its place when there is one. */
    public void replaceRecalled(Box box, UUID productId) {
        int position = positionOf(box, productId);
        Optional<Box.Item> replacement = replacement(box, Set.of(productId));
        List<Box.Item> items = new ArrayList<>(box.items);
        if (replacement.isPresent()) {
            items.set(position, replacement.get());
            adjustStock(replacement.get().productId(), -1);
        } else {
            items.remove(position);
        }
        box.items = items;
    }

    @Transactional
    public Box ship(UUID boxId, String trackingNumber) {
        Box box = require(boxId);
        requireStatus(box, Box.PACKED, "ship");
        box.status = Box.SHIPPED;
        box.trackingNumber = trackingNumber;
        box.shippedAt = now();
        em.flush();
        outbox.publish(EventType.BOX_SHIPPED, box.memberId.toString(), new BoxShipped(box.id, box.memberId, box.cycle, box.shippedAt, null, null, box.priceCents, null));
        return box;
    }

    @Transactional
    public Box deliver(UUID boxId) {
        Box box = require(boxId);
        requireStatus(box, Box.SHIPPED, "deliver");
        box.status = Box.DELIVERED;
        box.deliveredAt = now();
        em.flush();
        outbox.publish(EventType.BOX_DELIVERED, box.memberId.toString(), new BoxDelivered(box.id, box.memberId, box.cycle,
                box.items.stream().map(i -> new BoxDelivered.Item(i.productId(), i.brandId(), i.sku(), i.name())).toList(),
                box.deliveredAt));
        return box;
    }

    private Optional<Box.Item> replacement(Box box, Set<UUID> excluded) {
        Set<UUID> inBox = box.items.stream().map(Box.Item::productId).collect(Collectors.toSet());
        MemberProfile base = profile(box.memberId, 1);
        Set<UUID> notAgain = new HashSet<>(base.recentlyReceived());
        notAgain.addAll(inBox);
        notAgain.addAll(excluded);
        MemberProfile member = new MemberProfile(base.memberId(), 1, base.allergens(), base.dietaryTags(),
                base.likedCategories(), base.dislikedCategories(), base.ratings(), notAgain);
        List<Product> catalogue = CatalogueProduct.<CatalogueProduct>list("status = 'PUBLISHED' and stock > 0").stream()
                .map(BoxLifecycle::toProduct).toList();
        CuratedBox pick = Curator.curate(box.cycle, List.of(member), catalogue, List.of()).boxes().get(0);
        return pick.items().stream().findFirst().map(i -> new Box.Item(i.product().productId(), i.product().brandId(),
                i.product().brandName(), i.product().sku(), i.product().name(), i.product().category(), i.reason(), false));
    }

    /** The member's current profile from the replicas; recently received covers the last three cycles. */
    private static MemberProfile profile(UUID memberId, int items) {
        PreferenceReplica p = PreferenceReplica.findById(memberId);
        Map<UUID, Integer> ratings = new HashMap<>();
        MemberRating.<MemberRating>list("key.memberId", memberId).forEach(r -> ratings.put(r.key.productId(), r.stars));
        return new MemberProfile(memberId, items, p == null ? Set.of() : Set.copyOf(p.allergens),
                p == null ? Set.of() : Set.copyOf(p.dietaryTags), p == null ? Set.of() : Set.copyOf(p.likedCategories),
                p == null ? Set.of() : Set.copyOf(p.dislikedCategories), ratings, Set.of());
    }

    static Product toProduct(CatalogueProduct p) {
        return new Product(p.productId, p.brandId, p.brandName, p.sku, p.name, p.category, Set.copyOf(p.allergens),
                Set.copyOf(p.mayContain), Set.copyOf(p.dietaryTags), p.stock);
    }

    private static void adjustStock(UUID productId, int delta) {
        CatalogueProduct product = CatalogueProduct.findById(productId);
        if (product != null) {
            product.stock = Math.max(0, product.stock + delta);
        }
    }

    private static int positionOf(Box box, UUID productId) {
        for (int i = 0; i < box.items.size(); i++) {
            if (box.items.get(i).productId().equals(productId)) {
                return i;
            }
        }
        throw ProblemException.notFound("product " + productId + " is not in box " + box.id);
    }

    private static void requireStatus(Box box, String expected, String action) {
        if (!expected.equals(box.status)) {
            throw ProblemException.conflict("cannot " + action + " box " + box.id + ": it is " + box.status + ", not " + expected);
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
