package com.dcbeacon.box.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.box.curation.BoxQuality;
import com.dcbeacon.box.curation.CurationMember;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.box.curation.SnackWorld;
import com.dcbeacon.box.domain.Box;
import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import com.dcbeacon.box.domain.CurationRuns;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CurationRunRepository;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A full curation of {@code benchmark.members} members (default 100,000) over {@code benchmark.products}
 * products (default 2,000) through the real service path: read pages, decide, persist, publish through the outbox.
 * The replicas are seeded straight into the database (events would only measure the broker). Prints boxes/s end to
 * end, the peak heap used and peak RSS of this JVM during the run (run it with the pod's heap cap, see
 * box-service/README.md), quality against each member's best box with unlimited stock, the share of unfilled slots,
 * the time to bulk-insert as many rows into two narrow temporary tables with nothing else (the narrow ceiling), and
 * the time to bulk-insert copies of the very rows the run inserted, events included ({@link OwnRowsCeiling}). Kafka runs in its own JVM and PostgreSQL
 * as its own processes (platform/testing), so this JVM's figures are the service's plus the test harness's. Not part
 * of the normal build.
 */
@QuarkusTest
class CurationBenchmark {

    @Inject
    BoxRepository boxRepository;

    @Inject
    CurationRunRepository curationRunRepository;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurationRuns runs;

    @Test
    void curateAFullCycle() throws Exception {
        int memberCount = Integer.getInteger("benchmark.members", 100_000);
        int productCount = Integer.getInteger("benchmark.products", 2_000);
        // Stock in all about 1.3 times the slots to fill, spread unevenly: some products are scarce.
        SnackWorld world = new SnackWorld(42, memberCount, productCount);
        List<Product> catalogue = world.catalogue();
        // Members are generated and seeded a chunk at a time, so the benchmark itself holds only the quality sample.
        int sampleEvery = Math.max(1, memberCount / 2000);
        List<CurationMember> sample = new ArrayList<>();
        long slots = 0;
        long seedStart = System.nanoTime();
        seedCatalogue(catalogue);
        List<CurationMember> chunk = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            CurationMember member = world.nextMember();
            slots += member.itemsPerBox();
            if (i % sampleEvery == 0) {
                sample.add(member);
            }
            chunk.add(member);
            if (chunk.size() == 2000 || i == memberCount - 1) {
                seedMembers(chunk);
                chunk.clear();
            }
        }
        double seedSeconds = seconds(seedStart);

        // Ceiling: the same number of rows a run writes (boxes and items), bulk-inserted with nothing else.
        long ceilingStart = System.nanoTime();
        long ceilingRows = bulkInsertCeiling(memberCount, slots);
        double ceilingSeconds = seconds(ceilingStart);

        System.gc();
        MemoryUse memory = MemoryUse.start();
        long runStart = System.nanoTime();
        Instant runStartedAt = Instant.now();
        UUID runId = runs.start(YearMonth.of(2032, 1)).id;
        CurationRun run;
        do {
            Thread.sleep(500);
            run = QuarkusTransaction.requiringNew().call(() -> curationRunRepository.findById(runId));
        } while (run.status == CurationRunStatus.RUNNING);
        double endToEndSeconds = seconds(runStart);
        MemoryUse.Peaks peaks = memory.stop();
        assertThat(run.status).as(run.failure).isEqualTo(CurationRunStatus.DONE);

        // Quality: each sampled member's box against the best box they could get with unlimited stock.
        BoxQuality quality = new BoxQuality(catalogue);
        double[] ratios = new double[sample.size()];
        int bestAtMostZero = 0;
        for (int i = 0; i < sample.size(); i++) {
            CurationMember member = sample.get(i);
            ratios[i] = quality.ratio(member, boxItems(member));
            if (quality.idealScore(member) <= 0) {
                bestAtMostZero++;
            }
        }
        BoxQuality.Distribution distribution = BoxQuality.Distribution.of(ratios);

        // Ceiling of the run's own rows: copies of exactly the rows it inserted, bulk-inserted with nothing else.
        OwnRowsCeiling.Result own = OwnRowsCeiling.measure(dataSource, "2032-01", runStartedAt);

        System.out.printf(
                "[benchmark] %d members, %d products, %d slots (seeded in %.1f s); JDK %s, %d cores, max heap %d MiB%n",
                memberCount,
                productCount,
                slots,
                seedSeconds,
                Runtime.version(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        System.out.printf(
                "[benchmark] end to end (read pages, decide, persist, publish): %.1f s, %.0f boxes/s%n",
                endToEndSeconds, run.counts.boxesCurated / endToEndSeconds);
        System.out.printf(
                "[benchmark] during the run: heap used peak %d MiB (sampled every 50 ms; sum of the heap pools' peaks %d MiB),"
                        + " heap used before %d MiB, RSS peak %s (before %s)%n",
                peaks.heapUsed() / MIB,
                peaks.poolPeaks() / MIB,
                peaks.heapBefore() / MIB,
                mib(peaks.rssPeak()),
                mib(peaks.rssBefore()));
        System.out.printf(
                "[benchmark] narrow ceiling: %d rows into two temporary 4-column tables in %.2f s; end to end is %.1fx it%n",
                ceilingRows, ceilingSeconds, endToEndSeconds / ceilingSeconds);
        System.out.printf(
                "[benchmark] own-rows ceiling: copies of the run's %d rows (%s; %d MiB as COPY text) into logged tables"
                        + " like the run's, one transaction: COPY %.2f s, multi-row batches %.2f s; end to end is %.1fx"
                        + " the faster (%s)%n",
                own.rows(),
                own.rowsPerTable(),
                own.bytes() / MIB,
                own.copySeconds(),
                own.batchSeconds(),
                endToEndSeconds / own.seconds(),
                own.fastestPath());
        System.out.printf(
                "[benchmark] quality (box score / best box with unlimited stock): %s; %d of them have a best box"
                        + " scoring 0 or less (counted as 1); unfilled slots %.2f%% (%d of %d)%n",
                distribution,
                bestAtMostZero,
                100.0 * run.counts.unfilledSlots / slots,
                run.counts.unfilledSlots,
                slots);
    }

    private static final long MIB = 1024 * 1024;

    private static String mib(long bytes) {
        return bytes < 0 ? "unknown" : bytes / MIB + " MiB";
    }

    /** The member's box as curated, its products in the order they were picked. */
    private List<UUID> boxItems(CurationMember member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> boxRepository
                        .find("memberId = ?1 and cycle = ?2", member.memberId(), "2032-01")
                        .firstResultOptional()
                        .map(b -> b.items.stream().map(Box.Item::productId).toList())
                        .orElse(List.of()));
    }

    /**
     * Heap and resident set of this JVM while a run goes: heap used sampled every 50 ms, the heap pools' peak usage
     * (reset at the start; their sum over-states a little, pools peak at different moments) and the kernel's peak RSS
     * ({@code VmHWM}, reset at the start through {@code /proc/self/clear_refs} where the kernel allows it).
     */
    private static final class MemoryUse {
        record Peaks(long heapUsed, long poolPeaks, long heapBefore, long rssPeak, long rssBefore) {}

        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final long heapBefore = memory.getHeapMemoryUsage().getUsed();
        private final long rssBefore = status("VmRSS");
        private final java.util.concurrent.atomic.AtomicLong heapPeak = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong rssPeak = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;
        private final Thread sampler = new Thread(this::sample, "benchmark-memory-sampler");
        private boolean hwmReset;

        static MemoryUse start() {
            MemoryUse use = new MemoryUse();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            try {
                java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/self/clear_refs"), "5");
                use.hwmReset = true;
            } catch (java.io.IOException | RuntimeException e) {
                use.hwmReset = false; // VmHWM then covers the whole JVM's life: still an upper bound
            }
            use.sampler.setDaemon(true);
            use.sampler.start();
            return use;
        }

        private void sample() {
            while (running) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                rssPeak.accumulateAndGet(status("VmRSS"), Math::max);
                java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
            }
        }

        Peaks stop() throws InterruptedException {
            running = false;
            sampler.join();
            long pools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
            long hwm = status("VmHWM");
            System.out.printf(
                    "[benchmark] VmHWM %s (%s), VmRSS sampled peak %s%n",
                    mib(hwm),
                    hwmReset ? "reset when the run started" : "over the JVM's whole life: could not reset",
                    mib(rssPeak.get()));
            return new Peaks(heapPeak.get(), pools, heapBefore, Math.max(hwm, rssPeak.get()), rssBefore);
        }

        /** A {@code kB} figure of /proc/self/status in bytes, or -1 where there is none. */
        private static long status(String field) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                    if (line.startsWith(field + ":")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                return -1;
            }
            return -1;
        }
    }

    private void seedMembers(List<CurationMember> members) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement sub = c.prepareStatement(
                            "insert into subscription_replica (member_id, subscription_id, plan_id,"
                                    + " items_per_box, status, skipped_cycles, updated_at, price_cents) values (?, ?, 'p', ?, 'ACTIVE', '[]', now(), 2499)");
                    PreparedStatement pref = c.prepareStatement(
                            "insert into preference_replica (member_id, allergens, dietary_tags,"
                                    + " liked_categories, disliked_categories, updated_at) values (?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, now())");
                    PreparedStatement rating =
                            c.prepareStatement("insert into member_rating (member_id, product_id, stars, rated_at)"
                                    + " values (?, ?, ?, now()) on conflict do nothing")) {
                for (CurationMember m : members) {
                    sub.setObject(1, m.memberId());
                    sub.setObject(2, UUID.randomUUID());
                    sub.setInt(3, m.itemsPerBox());
                    sub.addBatch();
                    pref.setObject(1, m.memberId());
                    pref.setString(2, json(m.allergens()));
                    pref.setString(3, json(m.dietaryTags()));
                    pref.setString(4, json(m.likedCategories()));
                    pref.setString(5, json(m.dislikedCategories()));
                    pref.addBatch();
                    for (var r : m.ratings().entrySet()) {
                        rating.setObject(1, m.memberId());
                        rating.setObject(2, r.getKey());
                        rating.setInt(3, r.getValue());
                        rating.addBatch();
                    }
                }
                sub.executeBatch();
                pref.executeBatch();
                rating.executeBatch();
            }
            c.commit();
        }
    }

    private void seedCatalogue(List<Product> catalogue) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement product =
                    c.prepareStatement("insert into catalogue_product (product_id, brand_id, brand_name, sku,"
                            + " name, category, allergens, may_contain, dietary_tags, stock, brand_stock, status, updated_at)"
                            + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, 'PUBLISHED', now())")) {
                for (Product p : catalogue) {
                    product.setObject(1, p.productId());
                    product.setObject(2, p.brandId());
                    product.setString(3, p.brandName());
                    product.setString(4, p.sku());
                    product.setString(5, p.name());
                    product.setString(6, p.category());
                    product.setString(7, json(p.allergens()));
                    product.setString(8, json(p.mayContain()));
                    product.setString(9, json(p.dietaryTags()));
                    product.setInt(10, p.stock());
                    product.setInt(11, p.stock());
                    product.addBatch();
                }
                product.executeBatch();
            }
            c.commit();
        }
    }

    private long bulkInsertCeiling(int boxes, long items) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("create temporary table ceiling_box (id uuid, member_id uuid, cycle text, status text)");
                s.execute(
                        "create temporary table ceiling_item (box_id uuid, position int, product_id uuid, reason text)");
            }
            try (PreparedStatement box =
                            c.prepareStatement("insert into ceiling_box values (?, ?, '2032-01', 'CURATED')");
                    PreparedStatement item =
                            c.prepareStatement("insert into ceiling_item values (?, ?, ?, 'because you like it')")) {
                long perBox = items / boxes;
                for (int i = 0; i < boxes; i++) {
                    UUID id = UUID.randomUUID();
                    box.setObject(1, id);
                    box.setObject(2, UUID.randomUUID());
                    box.addBatch();
                    for (int p = 0; p < perBox; p++) {
                        item.setObject(1, id);
                        item.setInt(2, p);
                        item.setObject(3, UUID.randomUUID());
                        item.addBatch();
                    }
                    if (i % 1000 == 999) {
                        box.executeBatch();
                        item.executeBatch();
                    }
                }
                box.executeBatch();
                item.executeBatch();
            }
            c.commit();
            return boxes + items;
        }
    }

    private static String json(Set<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
