package com.dcbeacon.feedback.domain;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.feedback.persistence.RatingRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** Members rate what they received; box-service acts on every rating (1–2 stars: never again). */
@ApplicationScoped
public class Ratings {

    private final DeliveredBoxRepository boxes;
    private final RatingRepository ratings;
    private final Outbox outbox;

    public Ratings(DeliveredBoxRepository boxes, RatingRepository ratings, Outbox outbox) {
        this.boxes = boxes;
        this.ratings = ratings;
        this.outbox = outbox;
    }

    @Transactional
    public Rating rate(UUID memberId, UUID boxId, UUID productId, int stars, String comment) {
        DeliveredBox box = boxes.findOfMember(boxId, memberId)
                .orElseThrow(() -> ProblemException.invalidField(
                        "boxId",
                        "no delivered box " + boxId + " of yours: items can be rated once their box has arrived"));
        DeliveredBox.Item item = box.item(productId)
                .orElseThrow(() -> ProblemException.invalidField("productId", "was not in box " + boxId));
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Rating rating = ratings.findForItem(boxId, productId).orElseGet(() -> {
            Rating created = new Rating();
            created.id = UUID.randomUUID();
            created.memberId = memberId;
            created.raterRef = memberId;
            created.boxId = boxId;
            created.productId = productId;
            created.brandId = item.brandId();
            created.sku = item.sku();
            created.cycle = box.cycle;
            return created;
        });
        rating.stars = stars;
        rating.comment = comment == null || comment.isBlank() ? null : comment.trim();
        rating.ratedAt = now;
        ratings.persist(rating);
        outbox.publish(
                EventType.PRODUCT_RATED,
                memberId.toString(),
                new ProductRated(rating.id, memberId, boxId, productId, stars, now));
        return rating;
    }

    /** The member's ratings, newest first. */
    public List<Rating> ofMember(UUID memberId) {
        return ratings.ofMember(memberId);
    }
}
