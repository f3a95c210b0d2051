package com.dcbeacon.brand.messaging;

import static com.dcbeacon.brand.Brands.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductReviewCleared;
import com.dcbeacon.platform.events.payload.ProductReviewOpened;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** box-service's reviews of a product reach the brand's and ops' product reads, from real events on the broker. */
@QuarkusTest
class ProductReviewTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String REASON = "Member reported a reaction after eating it";

    @Inject
    EventCodec codec;

    @Test
    void shouldShowTheBrandAndOpsAProductUnderReviewUntilItIsCleared() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "RV-1", 10));
        Brands.createProduct(brand, "RV-2", 10);
        String path = "/api/brands/" + brand + "/products";
        as(brand).get(path + "/RV-1").then().body("underReview", equalTo(false)).body("reviewOpenedAt", nullValue());
        UUID reviewId = UUID.randomUUID();
        OffsetDateTime openedAt = OffsetDateTime.of(2026, 11, 20, 9, 30, 0, 0, ZoneOffset.UTC);

        send(
                productId,
                EventType.PRODUCT_REVIEW_OPENED,
                new ProductReviewOpened(productId, brand, reviewId, REASON, openedAt));

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        as(brand).get(path + "/RV-1").then().statusCode(200).body("underReview", equalTo(true)));
        assertThat(reviewOpenedAt(brand, "RV-1")).isEqualTo(openedAt.toInstant());
        given().auth()
                .oauth2(TestTokens.ops())
                .get(path + "/RV-1")
                .then()
                .statusCode(200)
                .body("underReview", equalTo(true))
                .body(not(containsString(REASON)));
        as(brand).get(path + "?underReview=true").then().body("sku", contains("RV-1"));
        as(brand).get(path + "?underReview=false").then().body("sku", contains("RV-2"));

        send(
                productId,
                EventType.PRODUCT_REVIEW_CLEARED,
                new ProductReviewCleared(productId, brand, reviewId, OffsetDateTime.now()));

        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get(path + "/RV-1")
                        .then()
                        .body("underReview", equalTo(false))
                        .body("reviewOpenedAt", nullValue()));
        as(brand).get(path + "?underReview=maybe").then().statusCode(400);
    }

    @Test
    void shouldStayUnderReviewWhileAnotherReviewIsOpen() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "RV-3", 10));
        String path = "/api/brands/" + brand + "/products/RV-3";
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        OffsetDateTime firstOpened = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime secondOpened = OffsetDateTime.of(2026, 11, 2, 8, 0, 0, 0, ZoneOffset.UTC);

        send(
                productId,
                EventType.PRODUCT_REVIEW_OPENED,
                new ProductReviewOpened(productId, brand, first, REASON, firstOpened));
        send(
                productId,
                EventType.PRODUCT_REVIEW_OPENED,
                new ProductReviewOpened(productId, brand, second, REASON, secondOpened));
        send(
                productId,
                EventType.PRODUCT_REVIEW_CLEARED,
                new ProductReviewCleared(productId, brand, first, OffsetDateTime.now()));
        // A clear that overtook its open (the open was dead-lettered, then replayed) keeps that review closed.
        UUID overtaken = UUID.randomUUID();
        send(
                productId,
                EventType.PRODUCT_REVIEW_CLEARED,
                new ProductReviewCleared(productId, brand, overtaken, OffsetDateTime.now()));
        send(
                productId,
                EventType.PRODUCT_REVIEW_OPENED,
                new ProductReviewOpened(
                        productId,
                        brand,
                        overtaken,
                        REASON,
                        OffsetDateTime.of(2026, 10, 1, 8, 0, 0, 0, ZoneOffset.UTC)));
        BoxEvents.awaitHandled(productId);

        as(brand).get(path).then().body("underReview", equalTo(true));
        assertThat(reviewOpenedAt(brand, "RV-3"))
                .as("the oldest review still open")
                .isEqualTo(secondOpened.toInstant());

        send(
                productId,
                EventType.PRODUCT_REVIEW_CLEARED,
                new ProductReviewCleared(productId, brand, second, OffsetDateTime.now()));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get(path)
                        .then()
                        .body("underReview", equalTo(false))
                        .body("reviewOpenedAt", nullValue()));
    }

    private static Instant reviewOpenedAt(UUID brand, String sku) {
        String value = as(brand)
                .get("/api/brands/" + brand + "/products/" + sku)
                .then()
                .extract()
                .path("reviewOpenedAt");
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    private void send(UUID productId, EventType type, Object payload) {
        BoxEvents.send(productId, BoxEvents.event(codec, type, productId, payload));
    }
}
