package com.dcbeacon.brand.messaging;

import com.dcbeacon.brand.domain.ProductReviews;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductReviewCleared;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class ProductReviewClearedContractTest extends BoxEventsContract {

    @Inject
    ProductReviews productReviews;

    /** A product with an open review, and the event clearing it. */
    @Override
    protected EventEnvelope validEvent(UUID productId) {
        UUID brandId = storeProduct(productId);
        UUID reviewId = UUID.randomUUID();
        productReviews.open(productId, reviewId, OffsetDateTime.now());
        return codec.wrap(
                EventType.PRODUCT_REVIEW_CLEARED,
                "/box-service",
                productId.toString(),
                new ProductReviewCleared(productId, brandId, reviewId, OffsetDateTime.now()));
    }

    /** Cleared reviews of the product, counted only once the product no longer reads under review. */
    @Override
    protected long effectCount(UUID productId) {
        return product(productId).underReview ? 0 : reviews(productId, "r.clearedAt is not null");
    }
}
