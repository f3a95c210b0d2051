package com.dcbeacon.feedback.persistence;

import com.dcbeacon.feedback.domain.Rating;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class RatingRepository implements PanacheRepositoryBase<Rating, UUID> {

    /** The rating of one item of a box; there is at most one. */
    public Optional<Rating> findForItem(UUID boxId, UUID productId) {
        return find("boxId = ?1 and productId = ?2", boxId, productId).firstResultOptional();
    }

    /** The member's ratings, newest first. */
    public List<Rating> ofMember(UUID memberId) {
        return list("memberId = ?1 order by ratedAt desc", memberId);
    }

    /** The member's ratings, oldest first. */
    public List<Rating> ofMemberOldestFirst(UUID memberId) {
        return list("memberId = ?1 order by ratedAt", memberId);
    }

    public List<Rating> ofBrand(UUID brandId) {
        return list("brandId", brandId);
    }

    /** Removes the member id and comments; the random stand-in keeps distinct-rater counts right. */
    public void anonymize(UUID memberId, UUID standIn) {
        update("memberId = null, raterRef = ?1, comment = null where memberId = ?2", standIn, memberId);
    }
}
