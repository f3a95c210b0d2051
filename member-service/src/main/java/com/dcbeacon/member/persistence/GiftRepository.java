package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Gift;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class GiftRepository implements PanacheRepositoryBase<Gift, UUID> {

    /** The gift with this (normalised) code, row-locked: two claims of one code take turns. */
    public Optional<Gift> lockByCode(String code) {
        return find("claimCode", code).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Gift> lock(UUID id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /**
     * Records a box of one of the cycles of the gift the member claimed: {@code open} when curated, closed when shipped
     * or withdrawn. Closed stays closed whatever arrives later; nothing for a box of a cycle no gift of theirs pays for.
     * Of two gifts of theirs for the cycle (one ended, another claimed after it), the box is the one claimed last: it
     * pays for the subscription the box is curated for.
     */
    public void recordBox(UUID memberId, UUID boxId, String cycle, boolean open) {
        getEntityManager()
                .createNativeQuery("""
                        insert into gift_box (box_id, gift_id, cycle, open)
                        select ?1, g.id, ?2, ?3 from gift g
                        where g.recipient_id = ?4 and g.status = 'CLAIMED' and ?2 between g.first_cycle and g.last_cycle
                        order by g.claimed_at desc, g.id
                        limit 1
                        on conflict (box_id) do update set open = gift_box.open and excluded.open""")
                .setParameter(1, boxId)
                .setParameter(2, cycle)
                .setParameter(3, open)
                .setParameter(4, memberId)
                .executeUpdate();
    }

    /** The gifts the member bought, newest first. */
    public List<Gift> boughtBy(UUID buyerId) {
        return list("buyerId = ?1 order by purchasedAt desc, id", buyerId);
    }

    /**
     * Up to {@code limit} unclaimed gifts whose claim expired by {@code now}, row-locked; rows another transaction
     * holds are skipped, so instances running the same job never take the same gift.
     */
    @SuppressWarnings("unchecked")
    public List<Gift> lockExpiredUnclaimed(OffsetDateTime now, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        select * from gift
                        where status = 'UNCLAIMED' and claim_expires_at <= ?1
                        order by claim_expires_at, id
                        limit ?2
                        for update skip locked""", Gift.class)
                .setParameter(1, now)
                .setParameter(2, limit)
                .getResultList();
    }

    /** Erasure: the member is no longer named as buyer or recipient of any gift. */
    public void forget(UUID memberId) {
        update("buyerId = null where buyerId = ?1", memberId);
        update("recipientId = null where recipientId = ?1", memberId);
    }
}
