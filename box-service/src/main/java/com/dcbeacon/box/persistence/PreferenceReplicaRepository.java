package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.PreferenceReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.hibernate.jpa.HibernateHints;

@ApplicationScoped
public class PreferenceReplicaRepository implements PanacheRepositoryBase<PreferenceReplica, UUID> {

    /**
     * The member's preferences replica, or a new one holding only the member id, not yet persisted: the caller fills
     * it and persists it.
     */
    public PreferenceReplica findOrNew(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            PreferenceReplica created = new PreferenceReplica();
            created.memberId = memberId;
            return created;
        });
    }

    /**
     * The replicas of the members, read-only: a curation page reads them and never changes them, so they are neither
     * copied for nor compared at each flush of the page's transaction.
     */
    public List<PreferenceReplica> ofMembers(Collection<UUID> memberIds) {
        return find("memberId in ?1", memberIds)
                .withHint(HibernateHints.HINT_READ_ONLY, true)
                .list();
    }
}
