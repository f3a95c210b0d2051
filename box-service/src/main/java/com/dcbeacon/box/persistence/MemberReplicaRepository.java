package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.MemberReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class MemberReplicaRepository implements PanacheRepositoryBase<MemberReplica, UUID> {

    /**
     * The member's replica, or a new one holding only the member id, not yet persisted: the caller fills it and
     * persists it.
     */
    public MemberReplica findOrNew(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            MemberReplica created = new MemberReplica();
            created.memberId = memberId;
            return created;
        });
    }
}
