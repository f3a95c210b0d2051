package com.dcbeacon.box.domain;

import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.ProductReviewRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductReviewCleared;
import com.dcbeacon.platform.events.payload.ProductReviewOpened;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * An allergen concern puts a product under review at once: it leaves every box not yet shipped (a safe item takes its
 * place, as on a recall), curation and packing skip it, and brand-service (the brand) and ops are told by event, until
 * ops clear it. Brands never learn which member reported.
 */
@ApplicationScoped
public class ProductReviews {

    private static final Logger LOG = Logger.getLogger(ProductReviews.class);

    private final Outbox outbox;
    private final ProductPulls pulls;
    private final CatalogueProductRepository catalogue;
    private final ProductReviewRepository reviews;

    public ProductReviews(
            Outbox outbox, ProductPulls pulls, CatalogueProductRepository catalogue, ProductReviewRepository reviews) {
        this.outbox = outbox;
        this.pulls = pulls;
        this.catalogue = catalogue;
        this.reviews = reviews;
    }

    /** Opens a review of {@code productId} unless one is open; runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID productId, UUID boxId, String reason) {
        pulls.lockOpenBoxesHolding(productId); // lock order: boxes, then the product
        CatalogueProduct product = catalogue.lock(productId);
        if (product == null || product.underReview) {
            return;
        }
        product.underReview = true;
        ProductReview review = new ProductReview();
        review.id = UUID.randomUUID();
        review.productId = productId;
        review.brandId = product.brandId;
        review.boxId = boxId;
        review.reason = reason;
        review.openedAt = now();
        reviews.persist(review);
        outbox.publish(
                EventType.PRODUCT_REVIEW_OPENED,
                productId.toString(),
                new ProductReviewOpened(productId, product.brandId, review.id, reason, review.openedAt));
        int pulled = pulls.fromOpenBoxes(productId, "under review: " + reason);
        LOG.infof("Product %s under review (%s): pulled from %d open boxes", product.sku, reason, pulled);
    }

    /** Ops clear a review: the product may be curated again. 404 when the product has no open review. */
    @Transactional
    public ProductReview clear(UUID productId, String clearedBy) {
        ProductReview review = reviews.openFor(productId)
                .orElseThrow(() -> ProblemException.notFound("product " + productId + " has no open review"));
        review.clearedAt = now();
        review.clearedBy = clearedBy;
        CatalogueProduct product = catalogue.lock(productId);
        if (product != null) {
            product.underReview = false;
        }
        outbox.publish(
                EventType.PRODUCT_REVIEW_CLEARED,
                productId.toString(),
                new ProductReviewCleared(productId, review.brandId, review.id, review.clearedAt));
        return review;
    }

    /** Open reviews, newest first. */
    public List<ProductReview> open() {
        return reviews.open();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
