package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.BoxIssue;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class BoxIssueRepository implements PanacheRepositoryBase<BoxIssue, UUID> {

    public boolean reported(UUID boxId, BoxIssue.Type type) {
        return count("boxId = ?1 and type = ?2", boxId, type) > 0;
    }

    /** Every credit granted for the box so far, in cents. */
    public long creditedFor(UUID boxId) {
        return getEntityManager()
                .createQuery("select coalesce(sum(i.creditCents), 0) from BoxIssue i where i.boxId = ?1", Number.class)
                .setParameter(1, boxId)
                .getSingleResult()
                .longValue();
    }

    /** Deletes every issue the member reported; returns how many. */
    public long deleteOfMember(UUID memberId) {
        return delete("memberId", memberId);
    }

    /** Issues newest first, of one type or (null) of every type. */
    public List<BoxIssue> newestFirst(BoxIssue.Type type) {
        return type == null ? list("order by createdAt desc") : list("type = ?1 order by createdAt desc", type);
    }
}
