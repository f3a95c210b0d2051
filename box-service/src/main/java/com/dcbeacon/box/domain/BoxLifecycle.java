package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.Replacement;
import com.dcbeacon.box.curation.CurationMember;
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
    private final StockMovements stock;
    private final CurationMembers profiles;

    public BoxLifecycle(Outbox outbox, EntityManager em, StockMovements stock, CurationMembers profiles) {
        this.outbox = outbox;
        this.em = em;
        this.stock = stock;
        this.profiles = profiles;
    }

    public Box require(UUID boxId) {
        return Box.<Box>findByIdOptional(boxId).orElseThrow(() -> ProblemException.notFound("no box " + boxId));
    }

    /**
     * The box, row-locked for a change of its contents or status: a swap, a pack, a recall pull, a withdrawal and a ship
     * of one box run one after the other, each on the other's result, so no unit is released or allocated twice.
     */
    Box requireLocked(UUID boxId) {
        Box box = locked(boxId);
        if (box == null) {
            throw ProblemException.notFound("no box " + boxId);
        }
        return box;
    }

    /**
     * Takes the box's row lock ({@code select ... for update}) and returns the box as committed by whoever held the lock
     * before, or null when there is no such box. The lock is taken in SQL, not through a JPA lock mode: Hibernate's
     * follow-on locking of an entity with an element collection fails inside Hibernate (NullPointerException in
     * TableLock.applyLoadedState).
     */
    static Box locked(UUID boxId) {
        EntityManager em = Box.getEntityManager();
        if (em.createNativeQuery("select id from box where id = ?1 for update").setParameter(1, boxId).getResultList().isEmpty()) {
            return null;
        }
        Box read = em.getReference(Box.class, boxId);
        if (em.contains(read) && org.hibernate.Hibernate.isInitialized(read)) {
            em.refresh(read); // read before the lock, in this transaction: read it again
            return read;
        }
        return em.find(Box.class, boxId);
    }

    /** The member replaces one item of their open box by the next best safe one; 409 once packed or withdrawn. */
    @Transactional
    public Box swap(UUID boxId, UUID productId) {
        Box box = requireLocked(boxId);
        if (!Box.CURATED.equals(box.status)) {
            throw ProblemException.conflict("box " + boxId + " is " + box.status + "; items can be swapped only before packing");
        }
        int position = positionOf(box, productId);
        CurationMember member = profiles.require(box.memberId, box.cycle, 1);
        Box.Item replacement = replacement(box, member, Set.of(productId))
                .orElseThrow(() -> ProblemException.conflict("no other safe item is available for this box right now"));
        box.items.set(position, replacement);
        stock.allocate(replacement.productId(), 1, box.cycle);
        stock.release(productId, 1, box.cycle, "swapped out by the member");
        em.flush();
        outbox.publish(EventType.BOX_ITEM_SWAPPED, box.memberId.toString(),
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
        CurationMember member = profiles.require(box.memberId, box.cycle, box.items.size());
        List<Box.Item> kept = new ArrayList<>();
        Set<UUID> unsafe = new HashSet<>();
        for (Box.Item item : box.items) {
            CatalogueProduct product = CatalogueProduct.findById(item.productId());
            if (product != null && curatable(product) && SafetyRules.allows(member, toProduct(product))) {
                kept.add(item);
            } else {
                unsafe.add(item.productId());
            }
        }
        box.items = new ArrayList<>(kept);
        for (UUID removed : unsafe) {
            stock.release(removed, 1, box.cycle, "no longer safe for the member at packing");
            replacement(box, member, unsafe).ifPresent(r -> {
                box.items.add(r);
                stock.allocate(r.productId(), 1, box.cycle);
            });
        }
        box.status = Box.PACKED;
        box.packedAt = now();
        em.flush();
        outbox.publish(EventType.BOX_PACKED, box.memberId.toString(), new BoxPacked(box.id, box.memberId,
                box.items.stream().map(Box.Item::productId).toList(), box.packedAt));
        return box;
    }

    /**
     * A recalled or reviewed product leaves an open box; a safe item takes its place when there is one and box-service
     * can vouch for the member, otherwise the slot stays empty (never an item chosen blind). A PACKED box goes back to
     * CURATED: the parcel on the shelf still holds the pulled item, so it ships only after packing again. The caller holds
     * the box's row lock.
     */
    public void pull(Box box, UUID productId, String reason, List<CatalogueProduct> candidates) {
        int position = positionOf(box, productId);
        Optional<Box.Item> replacement = profiles.vouched(box.memberId, box.cycle, 1)
                .flatMap(member -> replacement(box, member, Set.of(productId), candidates));
        List<Box.Item> items = new ArrayList<>(box.items);
        stock.release(productId, 1, box.cycle, reason);
        if (replacement.isPresent()) {
            items.set(position, replacement.get());
            stock.allocate(replacement.get().productId(), 1, box.cycle);
        } else {
            items.remove(position);
        }
        box.items = items;
        if (Box.PACKED.equals(box.status)) {
            // The packed parcel still holds the pulled item: it must be packed again before it can ship.
            box.status = Box.CURATED;
            box.packedAt = null;
        }
    }

    @Transactional
    public Box ship(UUID boxId, String trackingNumber) {
        Box box = requireLocked(boxId);
        requireStatus(box, Box.PACKED, "ship");
        // Last check before it leaves: the member's allergens or the product may have changed since packing.
        CurationMember member = profiles.require(box.memberId, box.cycle, box.items.size());
        for (Box.Item item : box.items) {
            CatalogueProduct product = CatalogueProduct.findById(item.productId());
            if (product == null || !curatable(product) || !SafetyRules.allows(member, toProduct(product))) {
                throw ProblemException.conflict("box " + box.id + " holds " + item.name() + ", which is no longer safe or "
                        + "available for this member; pack it again (packing replaces it) before shipping");
            }
        }
        box.status = Box.SHIPPED;
        box.trackingNumber = trackingNumber;
        box.shippedAt = now();
        em.flush();
        outbox.publish(EventType.BOX_SHIPPED, box.memberId.toString(), new BoxShipped(box.id, box.memberId, box.cycle,
                box.shippedAt, box.subscriptionId, box.planId, box.priceCents, box.currency));
        return box;
    }

    @Transactional
    public Box deliver(UUID boxId) {
        Box box = requireLocked(boxId);
        requireStatus(box, Box.SHIPPED, "deliver");
        box.status = Box.DELIVERED;
        box.deliveredAt = now();
        em.flush();
        outbox.publish(EventType.BOX_DELIVERED, box.memberId.toString(), new BoxDelivered(box.id, box.memberId, box.cycle,
                box.items.stream().map(i -> new BoxDelivered.Item(i.productId(), i.brandId(), i.sku(), i.name())).toList(),
                box.deliveredAt));
        return box;
    }

    private Optional<Box.Item> replacement(Box box, CurationMember member, Set<UUID> excluded) {
        return replacement(box, member, excluded, curatableProducts());
    }

    /**
     * The best safe item to add to the box for this member, never one of {@code excluded}, from {@code candidates}
     * (managed entities, so stock taken by earlier replacements in the same transaction is seen).
     */
    private Optional<Box.Item> replacement(Box box, CurationMember member, Set<UUID> excluded, List<CatalogueProduct> candidates) {
        // The items that stay: the variety score is reckoned against them, and none of them is picked again.
        List<Product> staying = box.items.stream().filter(i -> !excluded.contains(i.productId()))
                .map(i -> CatalogueProduct.<CatalogueProduct>findById(i.productId()))
                .filter(java.util.Objects::nonNull).map(BoxLifecycle::toProduct).toList();
        Set<UUID> notAgain = new HashSet<>(excluded);
        box.items.forEach(i -> notAgain.add(i.productId()));
        List<Product> catalogue = candidates.stream().filter(p -> p.stock > 0 && curatable(p)).map(BoxLifecycle::toProduct).toList();
        return Replacement.pick(member, staying, notAgain, catalogue).map(i -> new Box.Item(i.product().productId(),
                i.product().brandId(), i.product().brandName(), i.product().sku(), i.product().name(), i.product().category(),
                i.reason(), false));
    }

    /** Products curation may place: published, in stock, not under review. */
    static List<Product> curatableCatalogue() {
        return curatableProducts().stream().map(BoxLifecycle::toProduct).toList();
    }

    static List<CatalogueProduct> curatableProducts() {
        return CatalogueProduct.list("status = 'PUBLISHED' and stock > 0 and underReview = false");
    }

    static boolean curatable(CatalogueProduct p) {
        return "PUBLISHED".equals(p.status) && !p.underReview;
    }

    static Product toProduct(CatalogueProduct p) {
        return new Product(p.productId, p.brandId, p.brandName, p.sku, p.name, p.category, Set.copyOf(p.allergens),
                Set.copyOf(p.mayContain), Set.copyOf(p.dietaryTags), p.stock);
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
