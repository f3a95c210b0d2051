package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.boxesWith;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.StockDeltaPending;
import com.dcbeacon.box.domain.StockMovements;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.StockDeltaPendingRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Local stock is the brand's last announced stock minus the deltas brand-service has not yet applied. */
@QuarkusTest
class StockReconciliationTest {

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    StockDeltaPendingRepository stockDeltaPendingRepository;

    @Inject
    BoxFixtures fixtures;

    @Inject
    StockMovements stockMovements;

    @Inject
    io.quarkus.scheduler.Scheduler scheduler;

    @Test
    void shouldKeepLocalStockAtBrandStockMinusAllocationsNotYetApplied() {
        String cycle = "2034-01";
        String category = "st-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(
                category, List.of(), List.of(), 1000); // plenty: every run curates every member of the test database
        List<UUID> fans = fansOf(category, 3);

        fixtures.runCuration(cycle);

        assertThat(fans)
                .allSatisfy(fan ->
                        assertThat(itemsOf(fan, fixtures.boxOf(fan, cycle))).containsExactly(product.toString()));
        int k = (int) boxesWith(product, cycle);
        // One allocation per product and cycle once the run is done, or a few if the periodic announcement of pending
        // deltas ran while it went on: together they are exactly the units in boxes.
        fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                product,
                d -> cycle.equals(d.get("cycle").asText()));
        await().atMost(TIMEOUT)
                .until(() -> allocations(product, cycle).stream()
                                .mapToInt(d -> d.get("units").asInt())
                                .sum()
                        == k);
        List<JsonNode> allocations = allocations(product, cycle);
        assertThat(catalogue(product).stock).isEqualTo(1000 - k);
        assertThat(pending(product))
                .extracting(d -> d.deltaId, d -> d.units)
                .containsExactlyInAnyOrderElementsOf(allocations.stream()
                        .map(d -> org.assertj.core.groups.Tuple.tuple(
                                UUID.fromString(d.get("allocationId").asText()),
                                d.get("units").asInt()))
                        .toList());

        // The brand restocks to 1500 before brand-service has applied the allocations.
        CatalogueProduct before = catalogue(product);
        fixtures.send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_STOCK_CHANGED,
                new ProductStockChanged(product, before.brandId, before.sku, 1500, OffsetDateTime.now(), null));
        await().atMost(TIMEOUT).until(() -> catalogue(product).brandStock == 1500);
        assertThat(catalogue(product).stock).isEqualTo(1500 - k);

        // brand-service applies each allocation and says so: nothing is counted twice.
        int brandStock = 1500;
        for (JsonNode allocation : allocations) {
            brandStock -= allocation.get("units").asInt();
            brandApplied(before, brandStock, allocation);
        }
        await().atMost(TIMEOUT)
                .until(() -> catalogue(product).brandStock == 1500 - k
                        && pending(product).isEmpty());
        assertThat(catalogue(product).stock).isEqualTo(1500 - k);
    }

    /**
     * A curation page's allocations are pending and not announced until the run is done (or a run that died is picked
     * up by the periodic announcement, which may also be the one announcing here): then one StockAllocated per product
     * and cycle carries their sum, and the
     * product's pending deltas are that one delta per cycle. The local stock is lowered from the start and never moves
     * while deltas are merged; brand-service's confirmation of the merged delta clears it.
     */
    @Test
    void shouldAnnounceAPagesAllocationsOncePerProductAndCycleWithTheirSum() {
        String category = "an-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of(), 100);
        UUID other = fixtures.product(category, List.of(), List.of(), 100);
        // Three pages' allocations, in one transaction, announced by this test alone: the periodic announcement could
        // take some of the rows while this one takes the others.
        scheduler.pause(StockMovements.ANNOUNCEMENT);
        try {
            inTx(() -> {
                stockMovements.allocateAnnouncedLater(java.util.Map.of(product, 2, other, 1), "2042-01");
                stockMovements.allocateAnnouncedLater(java.util.Map.of(product, 3), "2042-01");
                stockMovements.allocateAnnouncedLater(java.util.Map.of(product, 1), "2042-02");
                return null;
            });
            assertThat(catalogue(product).stock).as("lowered at once").isEqualTo(94);

            stockMovements.announcePending();
        } finally {
            scheduler.resume(StockMovements.ANNOUNCEMENT);
        }

        JsonNode january = fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                product,
                d -> "2042-01".equals(d.get("cycle").asText()));
        fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                product,
                d -> "2042-02".equals(d.get("cycle").asText()));
        fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                other,
                d -> "2042-01".equals(d.get("cycle").asText()));
        assertThat(january.get("units").asInt())
                .as("the two pages' units of the cycle")
                .isEqualTo(5);
        assertThat(allocations(product, "2042-01"))
                .as("one event for the cycle")
                .hasSize(1);
        assertThat(pending(product))
                .extracting(d -> d.cycle, d -> d.units, d -> d.announced)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("2042-01", 5, true),
                        org.assertj.core.groups.Tuple.tuple("2042-02", 1, true));
        assertThat(pending(product))
                .extracting(d -> d.deltaId)
                .contains(UUID.fromString(january.get("allocationId").asText()));
        assertThat(catalogue(product).stock).as("unchanged by the announcement").isEqualTo(94);

        // brand-service applies the merged delta and says so.
        CatalogueProduct before = catalogue(product);
        brandApplied(before, 95, january);
        await().atMost(TIMEOUT).until(() -> pending(product).size() == 1);
        assertThat(catalogue(product).stock)
                .as("the brand's 95 less the one unit it has not applied")
                .isEqualTo(94);
    }

    /**
     * A curation run announces its pages' stock itself before it is done: with the periodic announcement paused, every
     * delta of the run is announced once the run is DONE, the product's summed in one delta.
     */
    @Test
    void shouldAnnounceARunsStockBeforeTheRunIsDone() {
        String cycle = "2042-04";
        scheduler.pause(StockMovements.ANNOUNCEMENT);
        try {
            UUID product = curatedToFans(cycle, 2);

            assertThat(pending(product))
                    .as("positive anchor: the run's units are pending")
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.announced).isTrue());
            assertThat(pending(product).stream().mapToInt(d -> d.units).sum())
                    .isEqualTo((int) boxesWith(product, cycle));
        } finally {
            scheduler.resume(StockMovements.ANNOUNCEMENT);
        }
    }

    /**
     * A run that died after committing a page never announces the page's deltas itself: the periodic announcement (every
     * second in tests, 30 s by default) does, with nothing else calling it. Until then the units are pending and out
     * of the local stock.
     */
    @Test
    void shouldAnnounceTheDeltasOfARunThatDiedPeriodically() {
        String category = "died-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of(), 50);
        inTx(() -> stockMovements.allocateAnnouncedLater(java.util.Map.of(product, 4), "2042-03"));
        assertThat(catalogue(product).stock)
                .as("taken from the local stock at once")
                .isEqualTo(46);

        JsonNode announced = fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                product,
                d -> "2042-03".equals(d.get("cycle").asText()));

        assertThat(announced.get("units").asInt()).isEqualTo(4);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(pending(product))
                        .extracting(d -> d.deltaId, d -> d.units, d -> d.announced)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(
                                UUID.fromString(announced.get("allocationId").asText()), 4, true)));
        assertThat(catalogue(product).stock).as("unchanged by the announcement").isEqualTo(46);
    }

    /**
     * The run's own announcement fails (PostgreSQL refuses every {@code StockAllocated} outbox row, a trigger installed
     * here): the run is still DONE with its boxes, its deltas stay pending, unannounced and out of the local stock, and
     * nothing is told to brand-service. Once the database takes the rows again, the periodic announcement tells
     * brand-service the run's units, summed, with no one calling it.
     */
    @Test
    void shouldLeaveTheStockOfARunWhoseAnnouncementFailedToThePeriodicAnnouncement() {
        String cycle = "2042-05";
        UUID product;
        scheduler.pause(StockMovements.ANNOUNCEMENT);
        try {
            refuseStockAllocatedRows(true);
            product = curatedToFans(cycle, 3); // waits for DONE: a FAILED run would time out there

            assertThat(refusedStockAllocatedRows())
                    .as("positive anchor: the run did try to announce, and PostgreSQL refused")
                    .isPositive();
            long boxed = boxesWith(product, cycle);
            assertThat(pending(product))
                    .as("the run's units wait, none announced")
                    .isNotEmpty()
                    .allSatisfy(d -> assertThat(d.announced).isFalse());
            assertThat(pending(product).stream().mapToInt(d -> d.units).sum()).isEqualTo((int) boxed);
            assertThat(catalogue(product).stock)
                    .as("out of the local stock all the same")
                    .isEqualTo(1000 - (int) boxed);
            assertThat(allocations(product, cycle))
                    .as("nothing told to brand-service yet")
                    .isEmpty();
        } finally {
            try {
                refuseStockAllocatedRows(false);
            } finally {
                scheduler.resume(StockMovements.ANNOUNCEMENT);
            }
        }

        JsonNode announced = fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                product,
                d -> cycle.equals(d.get("cycle").asText()));
        long boxed = boxesWith(product, cycle);
        assertThat(announced.get("units").asInt()).isEqualTo((int) boxed);
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(pending(product))
                        .extracting(d -> d.units, d -> d.announced)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple((int) boxed, true)));
        assertThat(catalogue(product).stock).as("unchanged by the announcement").isEqualTo(1000 - (int) boxed);
        assertThat(allocations(product, cycle))
                .as("one event for the cycle: the refused announcements told brand-service nothing")
                .hasSize(1);
    }

    /** {@code count} new subscribers of one-item boxes who like {@code category}. */
    private List<UUID> fansOf(String category, int count) {
        return java.util.stream.Stream.generate(() -> fixtures.subscriber(1, List.of(), List.of(category)))
                .limit(count)
                .toList();
    }

    /**
     * A new product, 1,000 in stock, in a category of its own with {@code count} fans, curated for {@code cycle} (the
     * run awaited until DONE) into each fan's box; returns the product.
     */
    private UUID curatedToFans(String cycle, int count) {
        String category = "fan-" + UUID.randomUUID().toString().substring(0, 8);
        UUID product = fixtures.product(category, List.of(), List.of(), 1000);
        List<UUID> fans = fansOf(category, count);
        fixtures.runCuration(cycle);
        assertThat(fans)
                .allSatisfy(fan ->
                        assertThat(itemsOf(fan, fixtures.boxOf(fan, cycle))).containsExactly(product.toString()));
        return product;
    }

    /**
     * Installs or drops a trigger that makes PostgreSQL refuse any {@code StockAllocated} outbox row, counting each
     * refusal in a sequence (which a rollback does not undo).
     */
    private void refuseStockAllocatedRows(boolean refuse) {
        List<String> statements = refuse
                ? List.of("create sequence if not exists test_refused_stock_allocated", """
                        create or replace function test_refuse_stock_allocated() returns trigger language plpgsql as $$
                        begin
                            if new.event_type = 'StockAllocated' then
                                perform nextval('test_refused_stock_allocated');
                                raise exception 'injected fault, StockAllocated refused';
                            end if;
                            return new;
                        end $$""", """
                        create or replace trigger test_refuse_stock_allocated before insert on outbox_event
                            for each row execute function test_refuse_stock_allocated()""")
                : List.of(
                        "drop trigger if exists test_refuse_stock_allocated on outbox_event",
                        "drop function if exists test_refuse_stock_allocated()",
                        "drop sequence if exists test_refused_stock_allocated");
        inTx(() -> {
            statements.forEach(sql -> stockDeltaPendingRepository
                    .getEntityManager()
                    .createNativeQuery(sql)
                    .executeUpdate());
            return null;
        });
    }

    /** How many {@code StockAllocated} outbox rows the trigger refused so far. */
    private long refusedStockAllocatedRows() {
        return inTx(() -> ((Number) stockDeltaPendingRepository
                        .getEntityManager()
                        .createNativeQuery(
                                "select case when is_called then last_value else 0 end from test_refused_stock_allocated")
                        .getSingleResult())
                .longValue());
    }

    /** brand-service's ProductStockChanged after it applied {@code allocation}, with its stock now. */
    private void brandApplied(CatalogueProduct product, int brandStock, JsonNode allocation) {
        fixtures.send(
                Topics.BRAND_EVENTS,
                product.productId,
                EventType.PRODUCT_STOCK_CHANGED,
                new ProductStockChanged(
                        product.productId,
                        product.brandId,
                        product.sku,
                        brandStock,
                        OffsetDateTime.now(),
                        UUID.fromString(allocation.get("allocationId").asText())));
    }

    private List<JsonNode> allocations(UUID product, String cycle) {
        return fixtures.published(
                EventType.STOCK_ALLOCATED,
                d -> product.toString().equals(d.get("productId").asText())
                        && cycle.equals(d.get("cycle").asText()));
    }

    @Test
    void shouldPublishOneAllocationAndOneReleaseForASwap() {
        String cycle = "2034-03";
        String category = "sw-" + UUID.randomUUID().toString().substring(0, 8);
        UUID first = fixtures.product(category, List.of(), List.of(), 10);
        UUID second = fixtures.product(category, List.of(), List.of(), 10);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration(cycle);
        String box = fixtures.boxOf(member, cycle);
        String out = itemsOf(member, box).get(0);
        String in = out.equals(first.toString()) ? second.toString() : first.toString();
        fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED, out, d -> cycle.equals(d.get("cycle").asText()));
        int outStock = fixtures.stock(UUID.fromString(out));
        int inStock = fixtures.stock(UUID.fromString(in));
        Instant swapStarted = Instant.now();

        List<String> after = member(member)
                .post("/api/boxes/" + box + "/items/" + out + "/swap")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.productId", String.class);

        assertThat(after).as("the other product of the liked category").containsExactly(in);
        fixtures.awaitPublished(
                EventType.STOCK_RELEASED, out, d -> cycle.equals(d.get("cycle").asText()));
        fixtures.awaitPublished(
                EventType.STOCK_ALLOCATED,
                in,
                d -> cycle.equals(d.get("cycle").asText())
                        && !at(d, "allocatedAt").isBefore(swapStarted));
        List<JsonNode> allocations = fixtures.published(
                EventType.STOCK_ALLOCATED,
                d -> cycle.equals(d.get("cycle").asText())
                        && !at(d, "allocatedAt").isBefore(swapStarted));
        List<JsonNode> releases = fixtures.published(
                EventType.STOCK_RELEASED,
                d -> cycle.equals(d.get("cycle").asText())
                        && !at(d, "releasedAt").isBefore(swapStarted));
        assertThat(allocations).singleElement().satisfies(a -> {
            assertThat(a.get("productId").asText()).isEqualTo(in);
            assertThat(a.get("units").asInt()).isEqualTo(1);
        });
        assertThat(releases).singleElement().satisfies(r -> {
            assertThat(r.get("productId").asText()).isEqualTo(out);
            assertThat(r.get("units").asInt()).isEqualTo(1);
            assertThat(r.get("reason").asText()).isEqualTo("swapped out by the member");
        });
        assertThat(fixtures.stock(UUID.fromString(out))).isEqualTo(outStock + 1);
        assertThat(fixtures.stock(UUID.fromString(in))).isEqualTo(inStock - 1);
    }

    private static Instant at(JsonNode data, String field) {
        return OffsetDateTime.parse(data.get(field).asText()).toInstant();
    }

    private CatalogueProduct catalogue(UUID product) {
        return inTx(() -> catalogueProductRepository.findById(product));
    }

    private List<StockDeltaPending> pending(UUID product) {
        return inTx(() -> stockDeltaPendingRepository.list("productId", product));
    }
}
