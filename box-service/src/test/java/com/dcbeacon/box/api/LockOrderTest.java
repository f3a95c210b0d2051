package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxTerms;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.StockMovements;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.platform.testing.Interleavings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every path takes its locks in one order: box rows, then product rows in ascending id order. A member's swap and a
 * curation page's commit that take the same two products wait for each other in turn, never in a circle.
 */
@QuarkusTest
class LockOrderTest {

    @Inject
    BoxFixtures fixtures;

    @Inject
    StockMovements stock;

    @Inject
    CatalogueProductRepository catalogue;

    @Inject
    BoxRepository boxes;

    @Test
    void shouldLetASwapAndAPageCommitTakingTheSameProductsBothSucceed() throws Exception {
        String category = "lock-order-" + UUID.randomUUID().toString().substring(0, 8);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        UUID one = fixtures.product(category, List.of(), List.of(), 10);
        UUID other = fixtures.product(category, List.of(), List.of(), 10);
        // The item leaving the box sorts first: a page's commit locks it first, the swap's replacement second.
        UUID leaving = one.compareTo(other) < 0 ? one : other;
        UUID arriving = leaving.equals(one) ? other : one;
        String cycle = "2035-05";
        UUID boxId = inTx(() -> {
            CatalogueProduct p = catalogue.findById(leaving);
            Box box = Box.curated(
                    member,
                    cycle,
                    new BoxTerms(UUID.randomUUID(), "plan", 0, "EUR", 1),
                    List.of(new Box.Item(
                            p.productId, p.brandId, p.brandName, p.sku, p.name, p.category, "test", false)),
                    OffsetDateTime.now(ZoneOffset.UTC));
            boxes.persist(box);
            return box.id;
        });
        // Threads of their own: the common pool may have a single worker, which the held page would keep.
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        CountDownLatch firstLocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A curation page's commit takes its products in ascending id order; held after the first.
        CompletableFuture<Void> page = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    stock.allocate(leaving, 1, cycle);
                    catalogue.flush();
                    firstLocked.countDown();
                    Interleavings.hold(release);
                    stock.allocate(arriving, 1, cycle);
                }),
                threads);
        assertThat(firstLocked.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> swap = CompletableFuture.supplyAsync(
                () -> {
                    var answer = BoxFixtures.member(member)
                            .post("/api/boxes/" + boxId + "/items/" + leaving + "/swap")
                            .then()
                            .extract();
                    return answer.statusCode() + " " + answer.asString();
                },
                threads);
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> swap.isDone() || Interleavings.sessionsWaitingForALock(catalogue.getEntityManager()) > 0);
        assertThat(swap.isDone() ? swap.get() : "waiting")
                .as("the swap waits for the page's lock")
                .isEqualTo("waiting");
        release.countDown();

        page.get(30, TimeUnit.SECONDS); // the page commits: not chosen as a deadlock's victim
        assertThat(swap.get(30, TimeUnit.SECONDS)).as("the swap succeeds too").startsWith("200 ");
        assertThat(BoxFixtures.itemsOf(member, boxId.toString())).containsExactly(arriving.toString());
        assertThat(fixtures.stock(leaving))
                .as("taken by the page, given back by the swap")
                .isEqualTo(10);
        assertThat(fixtures.stock(arriving))
                .as("taken by the page and by the swap")
                .isEqualTo(8);
    }
}
