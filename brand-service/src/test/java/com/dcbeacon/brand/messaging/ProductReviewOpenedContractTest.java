package com.dcbeacon.brand.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductReviewOpened;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class ProductReviewOpenedContractTest extends BoxEventsContract {

    @Override
    protected EventEnvelope validEvent(UUID productId) {
        UUID brandId = storeProduct(productId);
        return codec.wrap(
                EventType.PRODUCT_REVIEW_OPENED,
                "/box-service",
                productId.toString(),
                new ProductReviewOpened(
                        productId, brandId, UUID.randomUUID(), "allergen concern", OffsetDateTime.now()));
    }

    /** Open reviews of the product, counted only while the product reads under review. */
    @Override
    protected long effectCount(UUID productId) {
        return product(productId).underReview ? reviews(productId, "r.clearedAt is null") : 0;
    }
}
