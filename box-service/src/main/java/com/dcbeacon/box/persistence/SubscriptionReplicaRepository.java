package com.dcbeacon.box.persistence;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.SubscriptionReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class SubscriptionReplicaRepository implements PanacheRepositoryBase<SubscriptionReplica, UUID> {

    /**
     * The member's subscription replica, or a new one holding only the member id, not yet persisted: the caller fills
     * it and persists it.
     */
    public SubscriptionReplica findOrNew(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            SubscriptionReplica created = new SubscriptionReplica();
            created.memberId = memberId;
            return created;
        });
    }

    public List<SubscriptionReplica> ofMembers(Collection<UUID> memberIds) {
        return list("memberId in ?1", memberIds);
    }

    /**
     * Up to {@code size} replicas in member id order whose id is above {@code after} (null: no lower bound, inclusive
     * {@code from} instead) and below {@code before} (null: no upper bound). Keyset paging: a page costs the same wherever
     * it is.
     */
    public List<SubscriptionReplica> page(UUID from, UUID after, UUID before, int size) {
        Sort byMember = Sort.by("memberId");
        var query = after != null
                ? (before != null
                        ? find("memberId > ?1 and memberId < ?2", byMember, after, before)
                        : find("memberId > ?1", byMember, after))
                : (before != null ? find("memberId < ?1", byMember, before) : find("memberId >= ?1", byMember, from));
        return query.range(0, size - 1).list();
    }

    public long countAbove(UUID after) {
        return count("memberId > ?1", after);
    }

    public long countBelow(UUID before) {
        return count("memberId < ?1", before);
    }

    public long countBetween(UUID after, UUID before) {
        return count("memberId > ?1 and memberId < ?2", after, before);
    }

    /**
     * Members with a live subscription whose preferences replica is missing or older than the subscription requires:
     * {@code [memberId, requiredVersion, heldVersion (null: none)]}, longest waiting first.
     */
    public List<Object[]> waitingForPreferences() {
        return getEntityManager()
                .createQuery("""
                select s.memberId, s.preferencesVersionRequired, p.version from SubscriptionReplica s
                left join PreferenceReplica p on p.memberId = s.memberId
                where s.status <> ?1 and (p.memberId is null or p.version < s.preferencesVersionRequired)
                order by s.updatedAt""", Object[].class)
                .setParameter(1, BoxEligibility.Status.CANCELLED)
                .getResultList();
    }
}
