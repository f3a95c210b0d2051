package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.FollowUp;
import com.dcbeacon.feedback.domain.FollowUpStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class FollowUpRepository implements PanacheRepositoryBase<FollowUp, UUID> {

    /** One page of the follow-ups in that status, the earliest due first. */
    public List<FollowUp> withStatus(FollowUpStatus status, int page, int size) {
        return find("status = ?1 order by dueAt", status)
                .page(Page.of(page, size))
                .list();
    }

    /** Removes the member id and comments from the member's follow-ups. */
    public void anonymize(UUID memberId) {
        update("memberId = null, comment = null where memberId = ?1", memberId);
    }
}
