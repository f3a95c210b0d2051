package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.MemberReplica;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.UUID;

@ApplicationScoped
public class MemberReplicaRepository implements PanacheRepositoryBase<MemberReplica, UUID> {

    /**
     * The member's replica, created empty when this is the first of their events to arrive: no event of a member is
     * dropped for coming before the registration.
     */
    public MemberReplica findOrCreate(UUID memberId) {
        return findByIdOptional(memberId).orElseGet(() -> {
            MemberReplica member = new MemberReplica();
            member.memberId = memberId;
            member.replicatedAt = OffsetDateTime.now();
            persist(member);
            return member;
        });
    }
}
