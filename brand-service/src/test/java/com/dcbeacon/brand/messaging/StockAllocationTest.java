package com.dcbeacon.brand.messaging;

import static com.dcbeacon.brand.Brands.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Curation's allocations lower the stock once each, from real events on the broker. */
@QuarkusTest
class StockAllocationTest {

    @Inject
    EventCodec codec;

    @Test
    void shouldLowerStockOncePerAllocation() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "SA-1", 100));
        String allocation = codec.write(codec.wrap(EventType.STOCK_ALLOCATED, "/box-service", productId.toString(),
                new StockAllocated(UUID.randomUUID(), productId, YearMonth.now().plusMonths(1).toString(), 30, OffsetDateTime.now())));

        KafkaTestClient.send(Topics.BOX_EVENTS, productId.toString(), allocation);
        KafkaTestClient.send(Topics.BOX_EVENTS, productId.toString(), allocation);
        KafkaTestClient.send(Topics.BOX_EVENTS, productId.toString(), "marker");
        KafkaTestClient.await(Topics.deadLetter(Topics.BOX_EVENTS, "brand-service"), r -> productId.toString().equals(r.key()),
                Duration.ofSeconds(30)).orElseThrow();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> as(brand).get("/api/brands/" + brand + "/products/SA-1")
                .then().body("stock", equalTo(70)));
    }
}
