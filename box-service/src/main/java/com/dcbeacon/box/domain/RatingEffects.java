package com.dcbeacon.box.domain;

import com.dcbeacon.box.curation.RatingEffect;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.MemberRatingRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * "You said, we did": the ratings curation holds for a member (from feedback-service's ProductRated) and what each
 * changes in their next boxes ({@link RatingEffect}), newest first.
 */
@ApplicationScoped
public class RatingEffects {

    private final MemberRatingRepository ratings;
    private final CatalogueProductRepository catalogue;

    public RatingEffects(MemberRatingRepository ratings, CatalogueProductRepository catalogue) {
        this.ratings = ratings;
        this.catalogue = catalogue;
    }

    /** One rated product: its name and category as the catalogue replica holds them (null if it is not there). */
    public record Applied(
            UUID productId, String name, String category, int stars, OffsetDateTime ratedAt, RatingEffect effect) {}

    public List<Applied> ofMember(UUID memberId) {
        return ratings.ofMember(memberId).stream()
                .sorted(Comparator.comparing((MemberRating r) -> r.ratedAt).reversed())
                .map(r -> {
                    CatalogueProduct product = catalogue.findById(r.key.productId());
                    return new Applied(
                            r.key.productId(),
                            product == null ? null : product.name,
                            product == null ? null : product.category,
                            r.stars,
                            r.ratedAt,
                            RatingEffect.of(r.stars));
                })
                .toList();
    }
}
