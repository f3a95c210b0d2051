package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.NpsResponse;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class NpsResponseRepository implements PanacheRepositoryBase<NpsResponse, UUID> {

    /** Answers given at or after {@code from} and before {@code until}, oldest first. */
    public List<NpsResponse> answeredBetween(OffsetDateTime from, OffsetDateTime until) {
        return list("answeredAt >= ?1 and answeredAt < ?2 order by answeredAt", from, until);
    }

    /** When the member last answered; empty if never. */
    public Optional<OffsetDateTime> lastAnswerOf(UUID memberId) {
        return find("memberId = ?1 order by answeredAt desc", memberId)
                .firstResultOptional()
                .map(r -> r.answeredAt);
    }

    /** The member's answers, oldest first. */
    public List<NpsResponse> ofMemberOldestFirst(UUID memberId) {
        return list("memberId = ?1 order by answeredAt", memberId);
    }

    /** Removes the member id and comments; the scores stay as anonymous counts. */
    public void anonymize(UUID memberId) {
        update("memberId = null, comment = null where memberId = ?1", memberId);
    }
}
