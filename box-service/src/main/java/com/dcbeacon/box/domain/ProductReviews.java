package com.dcbeacon.box.domain;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductReviewCleared;
import com.dcbeacon.platform.events.payload.ProductReviewOpened;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
    private final BoxLifecycle lifecycle;

    public ProductReviews(Outbox outbox, BoxLifecycle lifecycle) {
        this.outbox = outbox;
        this.lifecycle = lifecycle;
    }

    /** Opens a review of {@code productId} unless one is open; runs in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(UUID productId, UUID boxId, String reason) {
        CatalogueProduct product = CatalogueProduct.findById(productId, LockModeType.PESSIMISTIC_WRITE);
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
        review.persist();
        outbox.publish(EventType.PRODUCT_REVIEW_OPENED, productId.toString(),
                new ProductReviewOpened(productId, product.brandId, review.id, reason, review.openedAt));
        int pulled = pullFromOpenBoxes(productId, "under review: " + reason);
        LOG.infof("Product %s under review (%s): pulled from %d open boxes", product.sku, reason, pulled);
    }

    /** Ops clear a review: the product may be curated again. 404 when the product has no open review. */
    @Transactional
    public ProductReview clear(UUID productId, String clearedBy) {
        ProductReview review = openReview(productId)
                .orElseThrow(() -> ProblemException.notFound("product " + productId + " has no open review"));
        review.clearedAt = now();
        review.clearedBy = clearedBy;
        CatalogueProduct product = CatalogueProduct.findById(productId, LockModeType.PESSIMISTIC_WRITE);
        if (product != null) {
            product.underReview = false;
        }
        outbox.publish(EventType.PRODUCT_REVIEW_CLEARED, productId.toString(),
                new ProductReviewCleared(productId, review.brandId, review.id, review.clearedAt));
        return review;
    }

    public List<ProductReview> open() {
        return ProductReview.list("clearedAt is null order by openedAt desc");
    }

    /** Every box not yet shipped loses the product; returns how many. Also used for recalls. */
    public int pullFromOpenBoxes(UUID productId, String reason) {
        List<UUID> ids = Box.getEntityManager().createQuery("select distinct b.id from Box b join b.items i"
                + " where i.productId = ?1 and b.status in ?2 order by b.id", UUID.class)
                .setParameter(1, productId).setParameter(2, Set.of(Box.CURATED, Box.PACKED)).getResultList();
        // The catalogue is read once for all the boxes; its entities see the stock each replacement takes.
        List<CatalogueProduct> candidates = BoxLifecycle.curatableProducts();
        // Each box row-locked, in id order: a swap, pack, ship or withdrawal of the same box waits or is waited for,
        // and the box is pulled from only if, as it is now, it is still open and still holds the product.
        int pulled = 0;
        for (UUID id : ids) {
            Box box = BoxLifecycle.locked(id);
            if (box != null && box.isOpen() && box.items.stream().anyMatch(i -> i.productId().equals(productId))) {
                lifecycle.pull(box, productId, reason, candidates);
                pulled++;
            }
        }
        return pulled;
    }

    private static Optional<ProductReview> openReview(UUID productId) {
        return ProductReview.<ProductReview>find("productId = ?1 and clearedAt is null", productId).firstResultOptional();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
