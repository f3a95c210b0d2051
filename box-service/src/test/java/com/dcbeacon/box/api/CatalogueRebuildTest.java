package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.StockDeltaPendingRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding a lost catalogue product from brand-service's re-announcement (a ProductUpdated with its full state): the
 * product is back, and its local stock is still the brand's stock minus this service's pending deltas, so an allocation
 * the brand has not applied yet is counted once, whether the announcement comes before or after its confirmation.
 */
@QuarkusTest
class CatalogueRebuildTest {

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    StockDeltaPendingRepository stockDeltaPendingRepository;

    @Inject
    BoxFixtures fixtures;

    @Inject
    EventCodec codec;

    @Test
    void shouldRestoreALostProductWithoutCountingAPendingAllocationTwice() {
        String category = "cr-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of("SESAME"), 50);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration("2034-07");
        assertThat(fixtures.boxOf(member, "2034-07")).isNotNull();
        assertThat(fixtures.stock(product)).isEqualTo(49);
        UUID allocation = inTx(
                () -> stockDeltaPendingRepository.find("productId", product).singleResult().deltaId);
        UUID brand = inTx(() -> catalogueProductRepository.findById(product).brandId);

        // The product's replica is lost; brand-service re-announces it before it applied the allocation (stock still
        // 50).
        inTx(() -> catalogueProductRepository.deleteById(product));
        apply(announcement(product, brand, category, 50));

        CatalogueProduct restored = inTx(() -> catalogueProductRepository.findById(product));
        assertThat(restored.name).isEqualTo("Snack " + category);
        assertThat(restored.mayContain).containsExactly("SESAME");
        assertThat(restored.status).isEqualTo(ProductStatus.PUBLISHED);
        assertThat(restored.brandStock).isEqualTo(50);
        assertThat(restored.stock)
                .as("brand stock minus the pending allocation")
                .isEqualTo(49);

        // brand-service applies the allocation, then re-announces again: still one unit gone, never two.
        apply(codec.wrap(
                EventType.PRODUCT_STOCK_CHANGED,
                "/brand-service",
                product.toString(),
                new ProductStockChanged(product, brand, "SKU", 49, OffsetDateTime.now(), allocation)));
        assertThat(fixtures.stock(product)).isEqualTo(49);
        apply(announcement(product, brand, category, 49));
        assertThat(fixtures.stock(product)).isEqualTo(49);
        assertThat(inTx(() -> stockDeltaPendingRepository.count("productId", product)))
                .isZero();
    }

    private EventEnvelope announcement(UUID product, UUID brand, String category, int stock) {
        return codec.wrap(
                EventType.PRODUCT_UPDATED,
                "/brand-service",
                product.toString(),
                new ProductData(
                        product,
                        brand,
                        "Brand " + category,
                        "SKU-" + product.toString().substring(0, 8),
                        "Snack " + category,
                        category,
                        List.of("x"),
                        List.of(),
                        List.of("SESAME"),
                        List.of(),
                        100,
                        30,
                        stock,
                        "PUBLISHED",
                        OffsetDateTime.now()));
    }

    /** Sends the event and waits until box-service applied it. */
    private void apply(EventEnvelope event) {
        fixtures.send(Topics.BRAND_EVENTS, UUID.fromString(event.subject()), event);
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> ((Number) catalogueProductRepository
                                        .getEntityManager()
                                        .createNativeQuery(
                                                "select count(*) from processed_event where consumer = 'box-service' and event_id = ?1")
                                        .setParameter(1, event.id())
                                        .getSingleResult())
                                .longValue()
                        == 1));
    }
}
