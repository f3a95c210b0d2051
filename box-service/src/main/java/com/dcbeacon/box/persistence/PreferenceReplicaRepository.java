package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.PreferenceReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

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

    public List<PreferenceReplica> ofMembers(Collection<UUID> memberIds) {
        return list("memberId in ?1", memberIds);
    }
}
