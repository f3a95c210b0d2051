package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.MemberReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class MemberReplicaRepository implements PanacheRepositoryBase<MemberReplica, UUID> {

    /**
     * The member's replica, or a new one holding only the member id, not yet persisted: the caller fills it and
     * persists it. Whichever of the member's events comes first creates it; none is dropped for coming before the
     * registration.
     */
    public MemberReplica findOrNew(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            MemberReplica created = new MemberReplica();
            created.memberId = memberId;
            created.replicatedAt = OffsetDateTime.now();
            return created;
        });
    }
}
