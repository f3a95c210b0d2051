package com.dcbeacon.brand.messaging;

import static com.dcbeacon.brand.Brands.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.testing.Interleavings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A stock delta and a brand's edit of the same product, interleaved for real (each holds its transaction open at the
 * point where the other must pass): neither the edit nor the delta is lost, whichever of the two reads first.
 */
@QuarkusTest
class StockDeltaRaceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String CYCLE = YearMonth.now().plusMonths(1).toString();

    @Inject
    EventCodec codec;

    @Inject
    ProductCatalog catalog;

    @Inject
    EntityManager em;

    private final ExecutorService brandSide = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        brandSide.shutdownNow();
    }

    @Test
    void shouldApplyADeltaReadBeforeAnEditCommittedOnTheEditedStock() throws Exception {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "RACE-1", 100));
        CountDownLatch edited = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> edit = onTheBrandsSide(() -> {
            catalog.update(brand, "RACE-1", edit("RACE-1", "Renamed Crisps", 50));
            edited.countDown();
            Interleavings.hold(commit);
        });
        assertThat(edited.await(30, TimeUnit.SECONDS)).isTrue();

        // The edit holds the product's row: the delta reads the stock before the edit (100) and then waits on the row.
        BoxEvents.send(productId, allocation(productId, 30));
        await().atMost(TIMEOUT).until(() -> Interleavings.sessionsWaitingForALock(em, "update product ") > 0);
        commit.countDown();
        edit.get(30, TimeUnit.SECONDS);

        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get("/api/brands/" + brand + "/products/RACE-1")
                        .then()
                        .statusCode(200)
                        .body("name", equalTo("Renamed Crisps"))
                        .body("stock", equalTo(20)));
    }

    @Test
    void shouldRejectAnEditThatReadTheProductBeforeADeltaWasApplied() throws Exception {
        UUID brand = Brands.onboard();
        UUID productId = UUID.fromString(Brands.createProduct(brand, "RACE-2", 100));
        CountDownLatch read = new CountDownLatch(1);
        CountDownLatch write = new CountDownLatch(1);
        Future<?> edit = onTheBrandsSide(() -> {
            catalog.require(brand, "RACE-2");
            read.countDown();
            Interleavings.hold(write);
            catalog.update(brand, "RACE-2", edit("RACE-2", "Renamed Crisps", 100));
        });
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();

        BoxEvents.send(productId, allocation(productId, 30));
        await().atMost(TIMEOUT)
                .untilAsserted(() -> as(brand)
                        .get("/api/brands/" + brand + "/products/RACE-2")
                        .then()
                        .body("stock", equalTo(70)));
        write.countDown();

        assertThat(failedWith(edit, OptimisticLockException.class))
                .as("the edit fails as stale instead of writing its stock over the delta")
                .isTrue();
        as(brand)
                .get("/api/brands/" + brand + "/products/RACE-2")
                .then()
                .body("name", equalTo("Chili Crisps"))
                .body("stock", equalTo(70));
    }

    /** Runs the brand's side in a transaction of its own, on a thread of its own. */
    private Future<?> onTheBrandsSide(Runnable work) {
        return brandSide.submit(() -> QuarkusTransaction.requiringNew().run(work));
    }

    private static boolean failedWith(Future<?> future, Class<? extends Throwable> type) throws Exception {
        try {
            future.get(30, TimeUnit.SECONDS);
            return false;
        } catch (ExecutionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static ProductInput edit(String sku, String name, int stock) {
        return new ProductInput(
                sku,
                name,
                "chips",
                "Hot",
                List.of("potato", "chili"),
                List.of(),
                List.of(),
                List.of("VEGAN"),
                120L,
                40,
                stock);
    }

    private String allocation(UUID productId, int units) {
        return BoxEvents.event(
                codec,
                EventType.STOCK_ALLOCATED,
                productId,
                new StockAllocated(UUID.randomUUID(), productId, CYCLE, units, OffsetDateTime.now()));
    }
}
