package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.PreferenceReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class PreferenceReplicaRepository implements PanacheRepositoryBase<PreferenceReplica, UUID> {

    public List<PreferenceReplica> ofMembers(Collection<UUID> memberIds) {
        return list("memberId in ?1", memberIds);
    }
}
