package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.NpsInvitation;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class NpsInvitationRepository implements PanacheRepositoryBase<NpsInvitation, UUID> {

    /** When the member was last invited; empty if never. */
    public Optional<OffsetDateTime> lastInvitationOf(UUID memberId) {
        return find("memberId = ?1 order by invitedAt desc", memberId)
                .firstResultOptional()
                .map(i -> i.invitedAt);
    }

    /** The member's invitations, oldest first. */
    public List<NpsInvitation> ofMemberOldestFirst(UUID memberId) {
        return list("memberId = ?1 order by invitedAt", memberId);
    }

    public long deleteOfMember(UUID memberId) {
        return delete("memberId", memberId);
    }
}
