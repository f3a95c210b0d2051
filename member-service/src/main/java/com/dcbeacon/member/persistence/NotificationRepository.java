package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Notification;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class NotificationRepository implements PanacheRepositoryBase<Notification, UUID> {

    public List<Notification> forMember(UUID memberId) {
        return list("memberId = ?1 order by createdAt desc", memberId);
    }

    public List<Notification> forMember(UUID memberId, int page, int size) {
        return find("memberId = ?1 order by createdAt desc", memberId)
                .page(io.quarkus.panache.common.Page.of(page, size))
                .list();
    }

    public boolean exists(Notification.Kind kind, UUID sourceId) {
        return count("kind = ?1 and sourceId = ?2", kind, sourceId) > 0;
    }

    /** Persists the notification unless one of its kind about the same source exists; false when it did. */
    public boolean notifyOnce(Notification notification) {
        if (exists(notification.kind, notification.sourceId)) {
            return false;
        }
        persist(notification);
        return true;
    }

    /** Deletes every notification of the member (erasure); answers how many. */
    public long deleteForMember(UUID memberId) {
        return delete("memberId", memberId);
    }
}
