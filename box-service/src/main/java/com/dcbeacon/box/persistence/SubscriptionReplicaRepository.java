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
     * Up to {@code size} replicas in member id order whose id is at least {@code atLeast}, above {@code after} and below
     * {@code below} (each null: no such bound). Keyset paging: a page costs the same wherever it is.
     */
    public List<SubscriptionReplica> page(UUID atLeast, UUID after, UUID below, int size) {
        Bounds bounds = Bounds.of(atLeast, after, below);
        var query = bounds.where().isEmpty()
                ? findAll(Sort.by("memberId"))
                : find(bounds.where(), Sort.by("memberId"), bounds.values());
        return query.range(0, size - 1).list();
    }

    /** Replicas whose member id is at least {@code atLeast}, above {@code after} and below {@code below} (null: none). */
    public long countIn(UUID atLeast, UUID after, UUID below) {
        Bounds bounds = Bounds.of(atLeast, after, below);
        return bounds.where().isEmpty() ? count() : count(bounds.where(), bounds.values());
    }

    private record Bounds(String where, Object[] values) {
        static Bounds of(UUID atLeast, UUID after, UUID below) {
            List<String> conditions = new java.util.ArrayList<>();
            List<Object> values = new java.util.ArrayList<>();
            for (var bound : java.util.Arrays.asList(
                    java.util.Map.entry(">=", java.util.Optional.ofNullable(atLeast)),
                    java.util.Map.entry(">", java.util.Optional.ofNullable(after)),
                    java.util.Map.entry("<", java.util.Optional.ofNullable(below)))) {
                bound.getValue().ifPresent(id -> {
                    values.add(id);
                    conditions.add("memberId " + bound.getKey() + " ?" + values.size());
                });
            }
            return new Bounds(String.join(" and ", conditions), values.toArray());
        }
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
