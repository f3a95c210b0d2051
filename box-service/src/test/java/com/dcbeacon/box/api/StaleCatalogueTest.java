package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxReplacements;
import com.dcbeacon.box.domain.BoxTerms;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.CurationMembers;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.box.domain.StockMovements;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.testing.Interleavings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A transaction that read the catalogue earlier (a swap's, a pack's or a recall's candidates) decides on the product as
 * it is once its row is locked: a recall committed in between is never placed, and is never undone by a stock move
 * written from the stale read.
 */
@QuarkusTest
class StaleCatalogueTest {

    @Inject
    BoxFixtures fixtures;

    @Inject
    BoxReplacements replacements;

    @Inject
    CurationMembers members;

    @Inject
    StockMovements stock;

    @Inject
    CatalogueProductRepository catalogue;

    @Test
    void shouldPassOverACandidateRecalledAfterTheCandidatesWereReadAndKeepTheRecall() {
        String category = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        UUID best = fixtures.product(category, List.of(), List.of(), 10);
        String cycle = "2035-01";

        Optional<Box.Item> picked = QuarkusTransaction.requiringNew().call(() -> {
            List<CatalogueProduct> candidates = replacements.curatableProducts();
            assertThat(candidates)
                    .as("positive anchor: the product was a candidate when read")
                    .anyMatch(p -> p.productId.equals(best));
            // A recall of the product commits after the candidates were read, before the pick.
            QuarkusTransaction.requiringNew()
                    .run(() -> catalogue.update("status = ?1 where productId = ?2", ProductStatus.RECALLED, best));
            CurationMember profile = members.require(member, cycle, 1);
            Box box = Box.curated(
                    member,
                    cycle,
                    new BoxTerms(UUID.randomUUID(), "plan", 0, "EUR", 1),
                    List.of(),
                    OffsetDateTime.now(ZoneOffset.UTC));
            Optional<Box.Item> item = replacements.replacement(box, profile, Set.of(), candidates);
            // Other stock moves of this transaction must not write the stale status back.
            stock.allocate(best, 1, cycle);
            stock.release(best, 1, cycle, "test");
            return item;
        });

        assertThat(picked.map(Box.Item::productId))
                .as("the recalled product is not picked")
                .isNotEqualTo(Optional.of(best));
        assertThat(inTx(() -> catalogue.findById(best).status))
                .as("the recall stays")
                .isEqualTo(ProductStatus.RECALLED);
        assertThat(fixtures.stock(best)).as("stock exact after the moves").isEqualTo(10);
    }

    @Test
    void shouldTakeStockFromTheRowAsItIsNotAsItWasRead() {
        String category = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of(), 10);
        String cycle = "2035-02";

        QuarkusTransaction.requiringNew().run(() -> {
            CatalogueProduct read = catalogue.findById(product);
            assertThat(read.stock).isEqualTo(10);
            // Another transaction takes 3 units after this one read the product.
            QuarkusTransaction.requiringNew().run(() -> stock.allocate(product, 3, cycle));
            stock.allocate(product, 1, cycle);
        });

        assertThat(fixtures.stock(product)).as("both allocations counted").isEqualTo(6);
    }

    @Test
    void shouldCountAnAllocationInFlightWhenTheBrandAnnouncesItsStock() throws Exception {
        String category = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of(), 10);
        String cycle = "2035-03";
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        // A curation page (or a swap) allocates 3 units and has not committed yet: it holds the product's row lock.
        CompletableFuture<Void> inFlight = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    stock.allocate(product, 3, cycle);
                    catalogue.flush();
                    allocated.countDown();
                    Interleavings.hold(commit);
                }));
        assertThat(allocated.await(30, TimeUnit.SECONDS)).isTrue();
        // The brand restocks to 20 meanwhile; its announcement is applied while the allocation is in flight.
        fixtures.send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_STOCK_CHANGED,
                new ProductStockChanged(product, UUID.randomUUID(), "SKU", 20, OffsetDateTime.now(), null));
        // The announcement's transaction waits for the product's row
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> Interleavings.sessionsWaitingForALock(catalogue.getEntityManager()) > 0);
        commit.countDown();
        inFlight.get(30, TimeUnit.SECONDS);

        await().atMost(BoxFixtures.TIMEOUT)
                .untilAsserted(() -> assertThat(inTx(() -> catalogue.findById(product).brandStock))
                        .as("positive anchor: the announcement was applied")
                        .isEqualTo(20));
        assertThat(fixtures.stock(product))
                .as("the brand's 20 less the 3 allocated and not yet confirmed")
                .isEqualTo(17);
    }
}
