package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.ProductReviewRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Products under review, from box-service's ProductReviewOpened and ProductReviewCleared: the product reads
 * {@code underReview} while any of its reviews is open, with the time the oldest open one was opened, so the brand
 * learns that members raised an allergen concern. No member data and not the report's words reach brand-service's
 * tables. Nothing is announced: box-service owns the review.
 */
@ApplicationScoped
public class ProductReviews {

    private final ProductCatalog catalog;
    private final ProductReviewRepository reviews;
    private final EntityManager em;

    public ProductReviews(ProductCatalog catalog, ProductReviewRepository reviews, EntityManager em) {
        this.catalog = catalog;
        this.reviews = reviews;
        this.em = em;
    }

    @Transactional
    public void open(UUID productId, UUID reviewId, OffsetDateTime openedAt) {
        record(productId, reviewId, "Review opened", review -> {
            if (review.openedAt == null) {
                review.openedAt = openedAt;
            }
        });
    }

    @Transactional
    public void clear(UUID productId, UUID reviewId, OffsetDateTime clearedAt) {
        record(productId, reviewId, "Review cleared", review -> {
            if (review.clearedAt == null) {
                review.clearedAt = clearedAt;
            }
        });
    }

    private void record(UUID productId, UUID reviewId, String event, Consumer<ProductReview> change) {
        catalog.namedByBoxService(productId, event + " " + reviewId).ifPresent(product -> {
            change.accept(review(product, reviewId));
            refresh(product);
        });
    }

    private ProductReview review(Product product, UUID reviewId) {
        ProductReview review = reviews.findById(reviewId);
        if (review == null) {
            review = new ProductReview();
            review.reviewId = reviewId;
            review.productId = product.id;
            reviews.persist(review);
        }
        return review;
    }

    private void refresh(Product product) {
        em.flush();
        product.reviewOpenedAt = reviews.openFor(product.id).stream()
                .map(r -> r.openedAt)
                .min(Comparator.naturalOrder())
                .orElse(null);
        product.underReview = product.reviewOpenedAt != null;
    }
}
