package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxStatus;
import com.dcbeacon.platform.persistence.CopyRows;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.hibernate.Session;

@ApplicationScoped
public class BoxRepository implements PanacheRepositoryBase<Box, UUID> {

    /*
     * Fixed sets of statuses are bound one parameter per status, never as one list parameter: Hibernate translates a
     * query with a list parameter to SQL again on every call (the SQL depends on the list's length), which on a
     * consumer's path per event was a tenth of its CPU.
     */

    /** The columns a new box is written with ({@link #insertAll}); the others keep their defaults (null, or 0). */
    private static final List<String> BOX_COLUMNS = List.of(
            "id",
            "member_id",
            "cycle",
            "status",
            "subscription_id",
            "plan_id",
            "price_cents",
            "currency",
            "curated_at",
            "contents_revision",
            "version");

    private static final List<String> ITEM_COLUMNS = List.of(
            "box_id",
            "position",
            "product_id",
            "brand_id",
            "brand_name",
            "sku",
            "name",
            "category",
            "reason",
            "sponsored");

    /**
     * Writes new boxes with their items in the current transaction, all boxes with one {@code COPY} and all their items
     * with another ({@link CopyRows}), never through the persistence context: a curation page writes hundreds of boxes
     * it never changes again in the same transaction (read a box again to change it). Writes what the entity maps for a
     * newly curated box (its status, terms, curation time, contents revision, version; items in list order as
     * {@code position} 0, 1, ...).
     *
     * @throws IllegalArgumentException if a box is not newly curated: another status than CURATED, add-ons, or a
     *     packing, shipping, delivery or withdrawal already recorded
     */
    public void insertAll(List<Box> newBoxes) {
        if (newBoxes.isEmpty()) {
            return;
        }
        CopyRows boxRows = new CopyRows("box", BOX_COLUMNS);
        CopyRows itemRows = new CopyRows("box_item", ITEM_COLUMNS);
        for (Box box : newBoxes) {
            if (box.status != BoxStatus.CURATED
                    || !box.addOns.isEmpty()
                    || box.packedAt != null
                    || box.shippedAt != null
                    || box.shippedBy != null
                    || box.trackingNumber != null
                    || box.deliveredAt != null
                    || box.withdrawnAt != null
                    || box.withdrawalReason != null) {
                throw new IllegalArgumentException("not a newly curated box: " + box.id);
            }
            boxRows.row(
                    box.id,
                    box.memberId,
                    box.cycle,
                    box.status,
                    box.subscriptionId,
                    box.planId,
                    box.priceCents,
                    box.currency,
                    box.curatedAt,
                    box.contentsRevision,
                    box.version);
            for (int position = 0; position < box.items.size(); position++) {
                Box.Item item = box.items.get(position);
                itemRows.row(
                        box.id,
                        position,
                        item.productId(),
                        item.brandId(),
                        item.brandName(),
                        item.sku(),
                        item.name(),
                        item.category(),
                        item.reason(),
                        item.sponsored());
            }
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            boxRows.copyInto(connection);
            itemRows.copyInto(connection);
        });
    }

    /**
     * Takes the box's row lock ({@code select ... for update}) and returns the box as committed by whoever held the lock
     * before, or empty when there is no such box. A swap, a pack, a recall pull, a withdrawal and a ship of one box so run
     * one after the other, each on the other's result, and no unit is released or allocated twice. The lock is taken in
     * SQL, not through a JPA lock mode: Hibernate's follow-on locking of an entity with an element collection fails inside
     * Hibernate (NullPointerException in TableLock.applyLoadedState).
     */
    public Optional<Box> locked(UUID boxId) {
        EntityManager em = getEntityManager();
        if (em.createNativeQuery("select id from box where id = ?1 for update")
                .setParameter(1, boxId)
                .getResultList()
                .isEmpty()) {
            return Optional.empty();
        }
        Box read = em.getReference(Box.class, boxId);
        if (em.contains(read) && org.hibernate.Hibernate.isInitialized(read)) {
            em.refresh(read); // read before the lock, in this transaction: read it again
            return Optional.of(read);
        }
        return Optional.ofNullable(em.find(Box.class, boxId));
    }

    /** The member's boxes, newest cycle first. */
    public List<Box> ofMember(UUID memberId) {
        return list("memberId = ?1 order by cycle desc", memberId);
    }

    /** The member's boxes, oldest cycle first. */
    public List<Box> ofMemberOldestFirst(UUID memberId) {
        return list("memberId = ?1 order by cycle", memberId);
    }

    /** Ids of the member's boxes, in id order (the order locks are taken in). */
    public List<UUID> idsOfMember(UUID memberId) {
        return getEntityManager()
                .createQuery("select b.id from Box b where b.memberId = ?1 order by b.id", UUID.class)
                .setParameter(1, memberId)
                .getResultList();
    }

    /** Ids of the member's boxes not yet shipped, in id order. */
    public List<UUID> openIdsOfMember(UUID memberId) {
        return getEntityManager()
                .createQuery(
                        "select b.id from Box b where b.memberId = ?1 and b.status in (?2, ?3) order by b.id",
                        UUID.class)
                .setParameter(1, memberId)
                .setParameter(2, BoxStatus.CURATED)
                .setParameter(3, BoxStatus.PACKED)
                .getResultList();
    }

    /** Ids of the boxes not yet shipped that hold the product, in id order. */
    public List<UUID> openIdsHolding(UUID productId) {
        return getEntityManager()
                .createQuery(
                        "select distinct b.id from Box b left join b.items i left join b.addOns a"
                                + " where (i.productId = ?1 or a.productId = ?1) and b.status in (?2, ?3) order by b.id",
                        UUID.class)
                .setParameter(1, productId)
                .setParameter(2, BoxStatus.CURATED)
                .setParameter(3, BoxStatus.PACKED)
                .getResultList();
    }

    /** Shipped or delivered boxes that hold the product, as an item or as the member's add-on. */
    public List<Box> shippedHolding(UUID productId) {
        return list(
                "select distinct b from Box b left join b.items i left join b.addOns a"
                        + " where (i.productId = ?1 or a.productId = ?1) and b.status in (?2, ?3)",
                productId,
                BoxStatus.SHIPPED,
                BoxStatus.DELIVERED);
    }

    /** Which of {@code memberIds} already have a live (not withdrawn) box for the cycle. */
    public List<UUID> boxedMembers(Collection<UUID> memberIds, String cycle) {
        return getEntityManager()
                .createQuery(
                        "select b.memberId from Box b where b.memberId in ?1 and b.cycle = ?2 and b.status <> ?3",
                        UUID.class)
                .setParameter(1, memberIds)
                .setParameter(2, cycle)
                .setParameter(3, BoxStatus.WITHDRAWN)
                .getResultList();
    }

    /** Live boxes of the members in any of {@code cycles}. */
    public List<Box> liveOf(Collection<UUID> memberIds, Collection<String> cycles) {
        return list("memberId in ?1 and cycle in ?2 and status <> ?3", memberIds, cycles, BoxStatus.WITHDRAWN);
    }

    /** Sponsored items in live boxes of the cycle, by product id. */
    public Map<UUID, Integer> sponsoredPlaced(String cycle) {
        Map<UUID, Integer> placed = new HashMap<>();
        getEntityManager()
                .createQuery("""
                select i.productId, count(i) from Box b join b.items i
                where b.cycle = ?1 and b.status <> ?2 and i.sponsored = true group by i.productId""", Object[].class)
                .setParameter(1, cycle)
                .setParameter(2, BoxStatus.WITHDRAWN)
                .getResultList()
                .forEach(r -> placed.put((UUID) r[0], ((Number) r[1]).intValue()));
        return placed;
    }
}
