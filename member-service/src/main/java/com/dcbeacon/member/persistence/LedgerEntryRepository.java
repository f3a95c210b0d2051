package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.LedgerEntry;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class LedgerEntryRepository implements PanacheRepositoryBase<LedgerEntry, UUID> {

    public List<LedgerEntry> forMember(UUID memberId) {
        return list("memberId = ?1 order by at, id", memberId);
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
}
