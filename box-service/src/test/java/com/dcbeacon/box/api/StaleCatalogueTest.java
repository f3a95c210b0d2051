package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.BoxReplacements;
import com.dcbeacon.box.domain.BoxTerms;
import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.CurationMembers;
import com.dcbeacon.box.domain.ProductStatus;
import com.dcbeacon.box.domain.StockMovements;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
}
