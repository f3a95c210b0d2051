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
        return find("memberId = ?1 order by createdAt desc", memberId).page(io.quarkus.panache.common.Page.of(page, size)).list();
    }
}
