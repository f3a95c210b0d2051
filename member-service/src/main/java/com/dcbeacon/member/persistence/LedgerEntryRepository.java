package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.LedgerEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class LedgerEntryRepository implements PanacheRepositoryBase<LedgerEntry, UUID> {

    public List<LedgerEntry> forMember(UUID memberId) {
        return list("memberId = ?1 order by at, id", memberId);
    }

    /** {@code size} of the member's entries from {@code offset} on, oldest first (the order of {@link #forMember}). */
    public List<LedgerEntry> forMember(UUID memberId, int offset, int size) {
        return getEntityManager()
                .createQuery("from LedgerEntry e where e.memberId = ?1 order by e.at, e.id", LedgerEntry.class)
                .setParameter(1, memberId)
                .setFirstResult(offset)
                .setMaxResults(size)
                .getResultList();
    }

    /** How many entries the member has, and their balance in cents (credits minus charges). */
    public Totals totals(UUID memberId) {
        Object[] row = getEntityManager()
                .createQuery(
                        "select count(e), coalesce(sum(case when e.type = ?2"
                                + " then e.amountCents else -e.amountCents end), 0) from LedgerEntry e where e.memberId = ?1",
                        Object[].class)
                .setParameter(1, memberId)
                .setParameter(2, LedgerEntry.Type.CREDIT)
                .getSingleResult();
        return new Totals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    public record Totals(long entries, long balanceCents) {}

    /** Deletes every entry of the member (erasure); answers how many. */
    public long deleteForMember(UUID memberId) {
        return delete("memberId", memberId);
    }

    public boolean booked(LedgerEntry.Type type, UUID sourceId) {
        return count("type = ?1 and sourceId = ?2", type, sourceId) > 0;
    }

    /** Books the entry unless one for the same source exists; false when it already did (a redelivery). */
    public boolean bookOnce(LedgerEntry entry) {
        if (booked(entry.type, entry.sourceId)) {
            return false;
        }
        persist(entry);
        return true;
    }

    /**
     * The member's charge for the box, locked until the transaction ends: credits for one box (from events and from
     * ops) take turns, so together they never pass the charge.
     */
    public Optional<LedgerEntry> lockCharge(UUID memberId, UUID boxId) {
        return find("type = ?1 and sourceId = ?2 and memberId = ?3", LedgerEntry.Type.CHARGE, boxId, memberId)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .firstResultOptional();
    }

    public long creditedFor(UUID memberId, UUID boxId) {
        return getEntityManager()
                .createQuery(
                        "select coalesce(sum(e.amountCents), 0) from LedgerEntry e"
                                + " where e.type = ?1 and e.boxId = ?2 and e.memberId = ?3",
                        Long.class)
                .setParameter(1, LedgerEntry.Type.CREDIT)
                .setParameter(2, boxId)
                .setParameter(3, memberId)
                .getSingleResult();
    }

    /** What was credited for the box by credits answering one of these issue types. */
    public long creditedFor(UUID memberId, UUID boxId, Collection<String> issueTypes) {
        return getEntityManager()
                .createQuery(
                        "select coalesce(sum(e.amountCents), 0) from LedgerEntry e"
                                + " where e.type = ?1 and e.boxId = ?2 and e.memberId = ?3 and e.issueType in ?4",
                        Long.class)
                .setParameter(1, LedgerEntry.Type.CREDIT)
                .setParameter(2, boxId)
                .setParameter(3, memberId)
                .setParameter(4, issueTypes)
                .getSingleResult();
    }
}
