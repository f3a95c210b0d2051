package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.DataExport;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class DataExportRepository implements PanacheRepositoryBase<DataExport, UUID> {

    /** Deletes the completed exports whose download period ended before {@code now}; answers how many. */
    public long deleteExpired(OffsetDateTime now) {
        return delete("expiresAt <= ?1", now);
    }

    /** Deletes every export of the member (erasure); answers how many. */
    public long deleteForMember(UUID memberId) {
        return delete("memberId", memberId);
    }
}
