package com.dcbeacon.box.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.box.curation.CuratedBox;
import com.dcbeacon.box.curation.Curator;
import com.dcbeacon.box.curation.MemberProfile;
import com.dcbeacon.box.curation.Product;
import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRuns;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A full curation of {@code benchmark.members} members (default 100,000) over {@code benchmark.products}
 * products (default 2,000) through the real service path: decide, persist, publish through the outbox. The
 * replicas are seeded straight into the database (events would only measure the broker). Prints boxes/s for the
 * decide step and end to end, peak heap, quality against each member's best box with unlimited stock, the
 * share of unfilled slots, and the time to bulk-insert as many rows with nothing else (the ceiling). Run with
 * the command in box-service/README.md; not part of the normal build.
 */
@QuarkusTest
class CurationBenchmark {

    private static final List<String> ALLERGENS = List.of("GLUTEN", "MILK", "EGGS", "PEANUTS", "TREE_NUTS", "SOYBEANS", "SESAME");
    private static final List<String> DIETS = List.of("VEGAN", "VEGETARIAN", "GLUTEN_FREE");
    private static final List<String> CATEGORIES = List.of("chips", "bars", "nuts", "sweets", "cookies", "crackers", "dried fruit",
            "popcorn", "jerky", "rice cakes", "chocolate", "pretzels");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurationRuns runs;

    @Test
    void curateAFullCycle() throws Exception {
        int memberCount = Integer.getInteger("benchmark.members", 100_000);
        int productCount = Integer.getInteger("benchmark.products", 2_000);
        Random random = new Random(42);
        // Stock in all about 1.3 times the slots to fill, spread unevenly: some products are scarce.
        int averageStock = (int) (memberCount * 10L * 13 / 10 / productCount);
        List<Product> catalogue = new ArrayList<>();
        for (int i = 0; i < productCount; i++) {
            catalogue.add(new Product(UUID.randomUUID(), new UUID(7, i % 150), "Brand " + (i % 150), "SKU-" + i, "Snack " + i,
                    CATEGORIES.get(random.nextInt(CATEGORIES.size())), pick(random, ALLERGENS, 0.5, 2), pick(random, ALLERGENS, 0.2, 1),
                    pick(random, DIETS, 0.4, 2), 1 + random.nextInt(2 * averageStock)));
        }
        List<MemberProfile> members = new ArrayList<>();
        for (int i = 0; i < memberCount; i++) {
            Map<UUID, Integer> ratings = new HashMap<>();
            if (random.nextDouble() < 0.3) {
                for (int r = 0; r < 3; r++) {
                    ratings.put(catalogue.get(random.nextInt(productCount)).productId(), 1 + random.nextInt(5));
                }
            }
            members.add(new MemberProfile(UUID.randomUUID(), List.of(4, 8, 8, 20).get(random.nextInt(4)),
                    pick(random, ALLERGENS, 0.15, 2), pick(random, DIETS, 0.1, 1), pick(random, CATEGORIES, 0.8, 3),
                    pick(random, CATEGORIES, 0.3, 1), ratings, Set.of()));
        }
        long slots = members.stream().mapToInt(MemberProfile::itemsPerBox).sum();

        long seedStart = System.nanoTime();
        seed(members, catalogue);
        double seedSeconds = seconds(seedStart);

        // Ceiling: the same number of rows a run writes (boxes and items), bulk-inserted with nothing else.
        long ceilingStart = System.nanoTime();
        long ceilingRows = bulkInsertCeiling(memberCount, slots);
        double ceilingSeconds = seconds(ceilingStart);

        // Decide step alone, on the same inputs.
        long decideStart = System.nanoTime();
        Curator.Result decided = Curator.curate("2032-01", members, catalogue, List.of());
        double decideSeconds = seconds(decideStart);

        // Quality: each member's score against the best box they could get with unlimited stock (a sample).
        Map<UUID, Product> byId = new HashMap<>();
        catalogue.forEach(p -> byId.put(p.productId(), p));
        List<Product> unlimited = catalogue.stream().map(p -> new Product(p.productId(), p.brandId(), p.brandName(), p.sku(),
                p.name(), p.category(), p.allergens(), p.mayContain(), p.dietaryTags(), Integer.MAX_VALUE)).toList();
        double sum = 0;
        double worst = 1;
        int sampled = 0;
        for (int i = 0; i < decided.boxes().size(); i += Math.max(1, memberCount / 2000)) {
            CuratedBox box = decided.boxes().get(i);
            MemberProfile member = members.get(i);
            int ideal = Curator.curate("2032-01", List.of(member), unlimited, List.of()).boxes().get(0).items().stream()
                    .mapToInt(CuratedBox.Item::score).sum();
            int actual = box.items().stream().mapToInt(CuratedBox.Item::score).sum();
            double ratio = ideal <= 0 ? 1 : Math.max(0, Math.min(1, (double) actual / ideal));
            sum += ratio;
            worst = Math.min(worst, ratio);
            sampled++;
        }

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        long runStart = System.nanoTime();
        UUID runId = runs.start(YearMonth.of(2032, 1)).id;
        CurationRun run;
        do {
            Thread.sleep(500);
            run = QuarkusTransaction.requiringNew().call(() -> CurationRun.findById(runId));
        } while ("RUNNING".equals(run.status));
        double endToEndSeconds = seconds(runStart);
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        assertThat(run.status).as(run.failure).isEqualTo("DONE");

        System.out.printf("[benchmark] %d members, %d products, %d slots (seeded in %.1f s)%n", memberCount, productCount, slots, seedSeconds);
        System.out.printf("[benchmark] decide: %.1f s, %.0f boxes/s%n", decideSeconds, memberCount / decideSeconds);
        System.out.printf("[benchmark] end to end (decide, persist, publish): %.1f s, %.0f boxes/s, peak heap %d MB%n",
                endToEndSeconds, run.boxesCurated / endToEndSeconds, peakHeap / (1024 * 1024));
        System.out.printf("[benchmark] ceiling: %d rows bulk-inserted in %.1f s; end to end is %.1fx the ceiling%n",
                ceilingRows, ceilingSeconds, endToEndSeconds / ceilingSeconds);
        System.out.printf("[benchmark] quality over %d members: average %.3f, worst %.3f of their best box with unlimited stock;"
                + " unfilled slots %.2f%% (%d of %d)%n", sampled, sum / sampled, worst, 100.0 * run.unfilledSlots / slots,
                run.unfilledSlots, slots);
    }

    private void seed(List<MemberProfile> members, List<Product> catalogue) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement sub = c.prepareStatement("insert into subscription_replica (member_id, subscription_id, plan_id,"
                    + " items_per_box, status, skipped_cycles, updated_at, price_cents) values (?, ?, 'p', ?, 'ACTIVE', '[]', now(), 2499)");
                    PreparedStatement pref = c.prepareStatement("insert into preference_replica (member_id, allergens, dietary_tags,"
                            + " liked_categories, disliked_categories, updated_at) values (?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, now())");
                    PreparedStatement rating = c.prepareStatement("insert into member_rating (member_id, product_id, stars, rated_at)"
                            + " values (?, ?, ?, now()) on conflict do nothing")) {
                int n = 0;
                for (MemberProfile m : members) {
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
                    if (++n % 2000 == 0) {
                        sub.executeBatch();
                        pref.executeBatch();
                        rating.executeBatch();
                    }
                }
                sub.executeBatch();
                pref.executeBatch();
                rating.executeBatch();
            }
            try (PreparedStatement product = c.prepareStatement("insert into catalogue_product (product_id, brand_id, brand_name, sku,"
                    + " name, category, allergens, may_contain, dietary_tags, stock, status, updated_at)"
                    + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, 'PUBLISHED', now())")) {
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
                s.execute("create temporary table ceiling_item (box_id uuid, position int, product_id uuid, reason text)");
            }
            try (PreparedStatement box = c.prepareStatement("insert into ceiling_box values (?, ?, '2032-01', 'CURATED')");
                    PreparedStatement item = c.prepareStatement("insert into ceiling_item values (?, ?, ?, 'because you like it')")) {
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

    private static Set<String> pick(Random random, List<String> from, double chance, int max) {
        Set<String> picked = new java.util.TreeSet<>();
        if (random.nextDouble() < chance) {
            int n = 1 + random.nextInt(max);
            for (int i = 0; i < n; i++) {
                picked.add(from.get(random.nextInt(from.size())));
            }
        }
        return picked;
    }

    private static String json(Set<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
