package com.dcbeacon.member.persistence;

import com.dcbeacon.member.domain.Subscription;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionRepository implements PanacheRepositoryBase<Subscription, UUID> {

    public Optional<Subscription> findOpen(UUID memberId) {
        return find("memberId = ?1 and status <> com.dcbeacon.member.domain.SubscriptionStatus.CANCELLED", memberId)
                .firstResultOptional();
    }

    /** The open subscription, else the most recently cancelled one. */
    public Optional<Subscription> findCurrent(UUID memberId) {
        return findOpen(memberId)
                .or(() ->
                        find("memberId = ?1 order by startedAt desc", memberId).firstResultOptional());
    }
}
