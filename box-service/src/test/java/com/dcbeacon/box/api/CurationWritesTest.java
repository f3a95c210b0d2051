package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxStatus;
import com.dcbeacon.box.domain.BoxTerms;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.platform.testing.Interleavings;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A curation page's bulk writes: new boxes with their items by COPY ({@link BoxRepository#insertAll}) and the stock of
 * every product the page takes in one statement ({@link CatalogueProductRepository#takeAll}), each read back as the
 * entity reads it.
 */
@QuarkusTest
class CurationWritesTest {

    @Inject
    BoxFixtures fixtures;

    @Inject
    BoxRepository boxes;

    @Inject
    CatalogueProductRepository catalogue;

    @Test
    void shouldWriteNewBoxesByCopyAsTheEntityReadsThemBack() {
        OffsetDateTime curatedAt = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String cycle = "2036-01";
        // Text COPY must escape (tab, newline, carriage return, backslash, its null marker) and text beyond ASCII.
        Box.Item awkward = new Box.Item(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "Brand\twith a tab",
                "SKU\\N",
                "Crisps\r\nwith a line break",
                "salty",
                "liked: salty \\ crunchy; café crème",
                true);
        Box.Item plain = new Box.Item(
                UUID.randomUUID(), UUID.randomUUID(), "Brand", "SKU-1", "Bar", "sweet", "liked: sweet", false);
        Box.Item third = new Box.Item(
                UUID.randomUUID(), UUID.randomUUID(), "Other", "SKU-2", "Nuts", "savoury", "variety", false);
        Box first = Box.curated(
                UUID.randomUUID(),
                cycle,
                new BoxTerms(UUID.randomUUID(), "plan-8", 2499, "EUR", 3),
                List.of(awkward, plain, third),
                curatedAt);
        Box second = Box.curated(
                UUID.randomUUID(),
                cycle,
                new BoxTerms(UUID.randomUUID(), "plan-4", 1299, "GBP", 1),
                List.of(plain),
                curatedAt);

        inTx(() -> {
            boxes.insertAll(List.of(first, second));
            return null;
        });

        for (Box written : List.of(first, second)) {
            Box read = inTx(() -> boxes.findById(written.id));
            assertThat(read).as("box %s", written.id).isNotNull();
            assertThat(read.memberId).isEqualTo(written.memberId);
            assertThat(read.cycle).isEqualTo(cycle);
            assertThat(read.status).isEqualTo(BoxStatus.CURATED);
            assertThat(read.subscriptionId).isEqualTo(written.subscriptionId);
            assertThat(read.planId).isEqualTo(written.planId);
            assertThat(read.priceCents).isEqualTo(written.priceCents);
            assertThat(read.currency).isEqualTo(written.currency);
            assertThat(read.curatedAt.toInstant()).isEqualTo(curatedAt.toInstant());
            assertThat(read.contentsRevision).isZero();
            assertThat(read.version).isZero();
            assertThat(read.addOns).isEmpty();
            assertThat(read.items).containsExactlyElementsOf(written.items);
        }
        // The version written is the one the entity's optimistic check expects: a change through the entity commits.
        inTx(() -> {
            boxes.locked(first.id).orElseThrow().pack(OffsetDateTime.now(ZoneOffset.UTC));
            return null;
        });
        Box packed = inTx(() -> boxes.findById(first.id));
        assertThat(packed.status).isEqualTo(BoxStatus.PACKED);
        assertThat(packed.version).isEqualTo(1);
    }

    @Test
    void shouldRefuseToCopyABoxThatIsNotNewlyCurated() {
        Box box = oneItemBox();
        box.addOns.add(new Box.AddOn(UUID.randomUUID(), "SKU-A", "Add-on", "Brand", 1, 300));
        Box packed = oneItemBox();
        packed.pack(OffsetDateTime.now(ZoneOffset.UTC));

        for (Box notNew : List.of(box, packed)) {
            Throwable refused = catchThrowable(() -> inTx(() -> {
                boxes.insertAll(List.of(notNew));
                return null;
            }));
            assertThat(Stream.iterate(refused, Objects::nonNull, Throwable::getCause))
                    .as("refused: %s", refused)
                    .anyMatch(IllegalArgumentException.class::isInstance);
            assertThat(inTx(() -> boxes.findById(notNew.id))).isNull();
        }
    }

    @Test
    void shouldTakeStockInOneStatementAndShowItToEntitiesLoadedBefore() {
        String category = "take-all-" + UUID.randomUUID().toString().substring(0, 8);
        UUID plenty = fixtures.product(category, List.of(), List.of(), 10);
        UUID scarce = fixtures.product(category, List.of(), List.of(), 2);
        UUID unknown = UUID.randomUUID();

        // Taken and rolled back: the answer shows a row short of units as negative, the rollback leaves it as it was.
        AtomicReference<Map<UUID, CatalogueProductRepository.StockTaken>> taken = new AtomicReference<>();
        Throwable rollback =
                catchThrowable(() -> QuarkusTransaction.requiringNew().run(() -> {
                    CatalogueProduct loadedBefore = catalogue.findById(plenty);
                    assertThat(loadedBefore.stock).isEqualTo(10);
                    taken.set(catalogue.takeAll(Map.of(plenty, 3, scarce, 5, unknown, 1)));
                    assertThat(loadedBefore.stock)
                            .as("an entity loaded before the take is read again")
                            .isEqualTo(7);
                    throw new RolledBack();
                }));
        assertThat(rollback).isInstanceOf(RolledBack.class);
        Map<UUID, CatalogueProductRepository.StockTaken> rolledBack = taken.get();
        assertThat(rolledBack)
                .containsOnlyKeys(plenty, scarce)
                .containsEntry(plenty, new CatalogueProductRepository.StockTaken(7, ProductStatus.PUBLISHED, false))
                .containsEntry(scarce, new CatalogueProductRepository.StockTaken(-3, ProductStatus.PUBLISHED, false));
        assertThat(fixtures.stock(plenty)).isEqualTo(10);
        assertThat(fixtures.stock(scarce)).isEqualTo(2);

        // Taken and committed.
        QuarkusTransaction.requiringNew().run(() -> catalogue.takeAll(Map.of(plenty, 4, scarce, 2)));
        assertThat(fixtures.stock(plenty)).isEqualTo(6);
        assertThat(fixtures.stock(scarce)).isZero();
    }

    @Test
    void shouldLockThePagesProductsInAscendingIdOrderBeforeTakingTheirStock() throws Exception {
        String category = "take-order-" + UUID.randomUUID().toString().substring(0, 8);
        UUID one = fixtures.product(category, List.of(), List.of(), 10);
        UUID other = fixtures.product(category, List.of(), List.of(), 10);
        UUID low = one.compareTo(other) < 0 ? one : other;
        UUID high = low.equals(one) ? other : one;
        assertThat(lockableNow(low))
                .as("positive anchor: nothing holds the lower id yet")
                .isTrue();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch highHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // Another transaction (a swap, say) holds the higher id.
            CompletableFuture<Void> holder = CompletableFuture.runAsync(
                    () -> QuarkusTransaction.requiringNew().run(() -> {
                        catalogue.lock(high);
                        highHeld.countDown();
                        Interleavings.hold(release);
                    }),
                    threads);
            assertThat(highHeld.await(30, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Map<UUID, CatalogueProductRepository.StockTaken>> take = CompletableFuture.supplyAsync(
                    () -> QuarkusTransaction.requiringNew().call(() -> catalogue.takeAll(Map.of(high, 1, low, 1))),
                    threads);
            await().atMost(BoxFixtures.TIMEOUT)
                    .until(() -> take.isDone()
                            || Interleavings.sessionsWaitingForALock(catalogue.getEntityManager(), "catalogue_product")
                                    > 0);
            assertThat(take.isDone()).as("the take waits for the higher id").isFalse();
            assertThat(lockableNow(low))
                    .as("the take holds the lower id while it waits for the higher")
                    .isFalse();

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            assertThat(take.get(30, TimeUnit.SECONDS))
                    .containsEntry(low, new CatalogueProductRepository.StockTaken(9, ProductStatus.PUBLISHED, false))
                    .containsEntry(high, new CatalogueProductRepository.StockTaken(9, ProductStatus.PUBLISHED, false));
        } finally {
            threads.shutdownNow();
        }
        assertThat(lockableNow(low)).isTrue();
    }

    private static Box oneItemBox() {
        return Box.curated(
                UUID.randomUUID(),
                "2036-02",
                new BoxTerms(UUID.randomUUID(), "plan-4", 1299, "EUR", 1),
                List.of(new Box.Item(
                        UUID.randomUUID(), UUID.randomUUID(), "Brand", "SKU", "Bar", "sweet", "liked", false)),
                OffsetDateTime.now(ZoneOffset.UTC));
    }

    /** Whether a transaction could lock the product's row at once ({@code for update nowait}) right now. */
    private boolean lockableNow(UUID product) {
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> catalogue
                            .getEntityManager()
                            .createNativeQuery(
                                    "select product_id from catalogue_product where product_id = ?1 for update nowait")
                            .setParameter(1, product)
                            .getResultList());
            return true;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof java.sql.SQLException sql && "55P03".equals(sql.getSQLState())) {
                    return false; // lock_not_available
                }
            }
            throw e;
        }
    }

    /** Ends a test's transaction with a rollback once its checks inside ran. */
    private static final class RolledBack extends RuntimeException {
        RolledBack() {
            super("rolled back on purpose", null, false, false);
        }
    }
}
