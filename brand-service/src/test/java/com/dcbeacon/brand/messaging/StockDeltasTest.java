package com.dcbeacon.brand.messaging;

import static com.dcbeacon.brand.Brands.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.events.payload.StockReleased;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** box-service's allocations and releases move the stock exactly, once each, from real events on the broker. */
@QuarkusTest
class StockDeltasTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CYCLE = YearMonth.now().plusMonths(1).toString();

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldReturnTheStockExactlyWhenAnAllocationIsReleased() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "SD-1", 100));
        UUID allocationId = UUID.randomUUID();
        UUID releaseId = UUID.randomUUID();

        BoxEvents.send(productId, allocation(allocationId, productId, 30));
        await().atMost(TIMEOUT).untilAsserted(() -> stock(brand, "SD-1", 70));
        BoxEvents.send(productId, release(releaseId, productId, 30));
        await().atMost(TIMEOUT).untilAsserted(() -> stock(brand, "SD-1", 100));

        assertThat(stockChanged(productId, allocationId))
                .extracting(ProductStockChanged::appliedDelta, ProductStockChanged::stock)
                .containsExactly(allocationId, 70);
        assertThat(stockChanged(productId, releaseId))
                .extracting(ProductStockChanged::appliedDelta, ProductStockChanged::stock)
                .containsExactly(releaseId, 100);
    }

    @Test
    void shouldApplyEachDeltaOnceAndAnnounceItWithTheDeltaItApplied() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "SD-2", 100));
        UUID allocationId = UUID.randomUUID();
        UUID releaseId = UUID.randomUUID();
        String allocation = allocation(allocationId, productId, 30);
        String release = release(releaseId, productId, 10);

        BoxEvents.send(productId, allocation);
        BoxEvents.send(productId, allocation);
        BoxEvents.send(productId, release);
        BoxEvents.send(productId, release);
        BoxEvents.awaitHandled(productId);

        as(brand).get("/api/brands/" + brand + "/products/SD-2").then().body("stock", equalTo(80));
        ProductStockChanged allocated = stockChanged(productId, allocationId);
        assertThat(allocated.appliedDelta()).isEqualTo(allocationId);
        assertThat(allocated.brandId()).isEqualTo(brand);
        assertThat(allocated.stock()).isEqualTo(70);
        assertThat(stockChanged(productId, releaseId).stock()).isEqualTo(80);
        List<UUID> announced = Published.all(Topics.BRAND_EVENTS).stream()
                .filter(r -> productId.toString().equals(r.key()))
                .filter(r -> "ProductStockChanged".equals(KafkaTestClient.header(r, "ce_type")))
                .map(r -> codec.payload(codec.read(r.value()), ProductStockChanged.class)
                        .appliedDelta())
                .toList();
        assertThat(announced).as("one announcement per delta, in order").containsExactly(allocationId, releaseId);
    }

    @Test
    void shouldAnnounceTheBrandsOwnStockChangeWithoutADelta() {
        UUID brand = Brands.onboard();
        String productId = Brands.createProduct(brand, "SD-3", 100);
        as(brand)
                .body("{\"units\":40}")
                .put("/api/brands/" + brand + "/products/SD-3/stock")
                .then()
                .statusCode(200);

        var record = KafkaTestClient.await(
                        Topics.BRAND_EVENTS,
                        r -> productId.equals(r.key())
                                && "ProductStockChanged".equals(KafkaTestClient.header(r, "ce_type")),
                        TIMEOUT)
                .orElseThrow();
        assertThat(record.value()).contains("\"stock\":40").doesNotContain("appliedDelta");
    }

    @Test
    void shouldCountOversoldUnitsAndPayThemBackBeforeTheStockRises() {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "SD-4", 10));
        double oversoldBefore = oversold();
        UUID allocationId = UUID.randomUUID();

        BoxEvents.send(productId, allocation(allocationId, productId, 30));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get("/api/brands/" + brand + "/products/SD-4")
                        .then()
                        .body("stock", equalTo(0))
                        .body("oversoldUnits", equalTo(20)));
        assertThat(oversold()).isEqualTo(oversoldBefore + 20);
        assertThat(stockChanged(productId, allocationId).stock())
                .as("announced although the figure stayed 0")
                .isZero();
        RestAssured.get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("dcbeacon_stock_oversold_units_total"));

        BoxEvents.send(productId, release(UUID.randomUUID(), productId, 25));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get("/api/brands/" + brand + "/products/SD-4")
                        .then()
                        .body("stock", equalTo(5))
                        .body("oversoldUnits", equalTo(0)));
        BoxEvents.send(productId, release(UUID.randomUUID(), productId, 5));
        await().atMost(TIMEOUT).untilAsserted(() -> stock(brand, "SD-4", 10));
    }

    private String allocation(UUID allocationId, UUID productId, int units) {
        return BoxEvents.event(
                codec,
                EventType.STOCK_ALLOCATED,
                productId,
                new StockAllocated(allocationId, productId, CYCLE, units, OffsetDateTime.now()));
    }

    private String release(UUID releaseId, UUID productId, int units) {
        return BoxEvents.event(
                codec,
                EventType.STOCK_RELEASED,
                productId,
                new StockReleased(releaseId, productId, CYCLE, units, "item swapped out", OffsetDateTime.now()));
    }

    private static void stock(UUID brand, String sku, int units) {
        as(brand)
                .get("/api/brands/" + brand + "/products/" + sku)
                .then()
                .statusCode(200)
                .body("stock", equalTo(units));
    }

    /** The ProductStockChanged that applied this delta, as published on brand-events. */
    private ProductStockChanged stockChanged(UUID productId, UUID delta) {
        return KafkaTestClient.await(
                        Topics.BRAND_EVENTS,
                        r -> productId.toString().equals(r.key())
                                && "ProductStockChanged".equals(KafkaTestClient.header(r, "ce_type"))
                                && r.value().contains(delta.toString()),
                        TIMEOUT)
                .map(r -> codec.payload(codec.read(r.value()), ProductStockChanged.class))
                .orElseThrow(() -> new AssertionError("no ProductStockChanged applying " + delta));
    }

    private double oversold() {
        return registry.find("dcbeacon.stock.oversold.units").counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
