package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.CurationRuns;
import com.dcbeacon.box.domain.CurationShard;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.CurationShardRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * One cycle curated by three replicas at once, each with its own replica id (this process's own, which starts the run
 * and writes the plan, and two more on threads of their own), and a replica that dies in the middle of its shard.
 */
@QuarkusTest
@TestProfile(ShardedCurationTest.ThreeShards.class)
class ShardedCurationTest {

    public static class ThreeShards implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcbeacon.curation.shards", "3", "dcbeacon.curation.batch-size", "2");
        }
    }

    @Inject
    BoxFixtures fixtures;

    @Inject
    CurationRuns curationRuns;

    @Inject
    CurationShardRepository shardRepository;

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    CampaignReplicaRepository campaignReplicaRepository;

    @Inject
    com.dcbeacon.box.persistence.SubscriptionReplicaRepository subscriptionReplicaRepository;

    @AfterEach
    void release() {
        PagedCurationTest.onPageDecided = null;
        fixtures.retireMembers();
    }

    @Test
    void shouldBoxEveryMemberOnceWithThreeReplicasCuratingOneCycleAtOnce() {
        String cycle = "2036-01";
        String category = "shards-" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> allergic = new ArrayList<>();
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            UUID member = fixtures.subscriber(2, i % 3 == 0 ? List.of("PEANUTS") : List.of(), List.of(category));
            members.add(member);
            if (i % 3 == 0) {
                allergic.add(member);
            }
        }
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            products.add(fixtures.product(category, i < 2 ? List.of("PEANUTS") : List.of(), List.of(), 9));
        }
        UUID sponsored = products.get(5);
        UUID brand = inTx(() -> catalogueProductRepository.findById(sponsored).brandId);
        fixtures.send(
                Topics.BRAND_EVENTS,
                sponsored,
                EventType.CAMPAIGN_CREATED,
                new CampaignCreated(
                        UUID.randomUUID(),
                        brand,
                        sponsored,
                        "SKU",
                        cycle,
                        4,
                        1,
                        OffsetDateTime.now(java.time.ZoneOffset.UTC)));
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> inTx(() -> campaignReplicaRepository.count("productId", sponsored) == 1));

        // Each replica holds its first page until all three hold one: three shards are curated at the same time.
        CyclicBarrier allThree = new CyclicBarrier(3);
        Set<Thread> holding = ConcurrentHashMap.newKeySet();
        AtomicInteger broken = new AtomicInteger();
        PagedCurationTest.onPageDecided = page -> {
            if (page.cycle().equals(cycle) && holding.add(Thread.currentThread())) {
                try {
                    allThree.await(60, TimeUnit.SECONDS);
                } catch (Exception e) {
                    broken.incrementAndGet();
                }
            }
        };
        String runId = start(cycle);
        List<Thread> replicas = List.of(replica(runId, "replica-b"), replica(runId, "replica-c"));
        JsonPath run = awaitDone(runId);
        for (Thread replica : replicas) {
            await().atMost(BoxFixtures.TIMEOUT).until(() -> !replica.isAlive());
        }

        assertThat(broken.get()).as("three replicas held a page at once").isZero();
        List<CurationShard> shards = inTx(() -> shardRepository.ofRun(UUID.fromString(runId)));
        assertThat(shards).hasSize(4).allSatisfy(s -> assertThat(s.status).isEqualTo(CurationShard.Status.DONE));
        assertThat(shards.stream().filter(s -> !s.leftover).map(s -> s.owner).distinct())
                .as("each of the three shards run by another replica")
                .hasSize(3)
                .contains("replica-b", "replica-c");
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        for (UUID member : allergic) {
            assertThat(BoxFixtures.itemsOf(member, fixtures.boxOf(member, cycle)))
                    .as("no peanuts for " + member)
                    .isNotEmpty()
                    .allSatisfy(item ->
                            assertThat(BoxFixtures.allergensAndTraces(item)).doesNotContain("PEANUTS"));
        }
        fixtures.assertStockExact(products, 9, cycle);
        assertThat(run.getInt("campaignFulfilment.'" + brand + "'.committed")).isEqualTo(4);
        assertThat(run.getInt("campaignFulfilment.'" + brand + "'.placed")).isEqualTo(4);
        assertThat(run.getInt("membersDone")).isEqualTo(run.getInt("membersTotal"));
        assertThat(run.getInt("boxesCurated")).isGreaterThanOrEqualTo(members.size());
    }

    @Test
    void shouldFinishTheShardOfAReplicaThatDiedMidShardWithEveryMemberBoxedOnce() {
        String cycle = "2036-06";
        String category = "died-" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(fixtures.subscriber(2, List.of(), List.of(category)));
        }
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(fixtures.product(category, List.of(), List.of(), 10));
        }
        // replica-b dies after committing its shard's first page: its shard's lease goes to a dead pod whose heart
        // stopped long ago, so replica-b's next commit is refused and the shard is claimed again. The process's own
        // replica holds its first page until then, so that replica-b has a shard to die in.
        CountDownLatch died = new CountDownLatch(1);
        AtomicReference<UUID> deadShard = new AtomicReference<>();
        AtomicInteger pagesOfB = new AtomicInteger();
        Set<Thread> held = ConcurrentHashMap.newKeySet();
        PagedCurationTest.onPageDecided = page -> {
            if (!page.cycle().equals(cycle)) {
                return;
            }
            if (Thread.currentThread().getName().equals("replica-b")) {
                if (pagesOfB.incrementAndGet() == 2) {
                    deadShard.set(QuarkusTransaction.requiringNew().call(() -> {
                        CurationShard shard = shardRepository
                                .find("runId = ?1 and owner = 'replica-b'", page.runId())
                                .singleResult();
                        shard.owner = "a pod that was SIGKILLed";
                        shard.heartbeatAt =
                                OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
                        return shard.id;
                    }));
                    died.countDown();
                }
            } else if (held.add(Thread.currentThread())) {
                try {
                    died.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        String runId = start(cycle);
        Thread b = replica(runId, "replica-b");
        awaitDone(runId);
        await().atMost(BoxFixtures.TIMEOUT).until(() -> !b.isAlive());

        assertThat(deadShard.get()).as("replica-b died in its shard").isNotNull();
        CurationShard takenOver = inTx(() -> shardRepository.findById(deadShard.get()));
        assertThat(takenOver.status).isEqualTo(CurationShard.Status.DONE);
        assertThat(takenOver.attempts)
                .as("claimed again after its replica died")
                .isEqualTo(2);
        assertThat(takenOver.owner).isNotEqualTo("a pod that was SIGKILLed");
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        fixtures.assertStockExact(products, 10, cycle);
    }

    /**
     * Scarce stock forces a member boxless in its shard: the member's only safe product has one unit, and the plan gives
     * it to another shard, whose members may not eat it. The leftover pass, over every member in pages of two, boxes
     * the member with that unit on its first page, where a share of the one unit in proportion to every member after
     * it would round to nothing.
     */
    @Test
    @Disabled("Needs a database of its own: it sets every other product's stock to 0 and counts the members left"
            + " boxless across the whole run, so the active members other test classes leave in the shared database"
            + " (boxless once their products are gone) fail it, and later classes find their products sold out. Green"
            + " when run alone; to be moved to a world of its own (its own member range and catalogue).")
    void shouldBoxInTheLeftoverPassAMemberItsShardLeftBoxless() throws Exception {
        String category = "boxless-" + UUID.randomUUID().toString().substring(0, 6);
        // Nothing else in the catalogue for the member to fall back on.
        inTx(() -> catalogueProductRepository.update("stock = 0 where category <> ?1", category));
        UUID only = fixtures.product(category, List.of("PEANUTS"), List.of(), 1);
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            others.add(fixtures.product(category, List.of("SESAME"), List.of(), 20));
        }
        // Four members in each of the two last shards; the member left boxless goes to the first.
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(fixtures.subscriber(idAt("60000000"), 2, List.of("PEANUTS"), List.of(category)));
            members.add(fixtures.subscriber(idAt("c0000000"), 2, List.of("PEANUTS"), List.of(category)));
        }
        // A cycle whose pages start in the first shard, at the member: the leftover pass reads it on its first page,
        // with every other member after it. Its plan gives the first shard none of the one unit, and a page's share of
        // that unit in proportion to the members after it would round to nothing.
        java.lang.reflect.Method share = com.dcbeacon.box.curation.PagedCuration.class.getDeclaredMethod(
                "share", String.class, int.class, long.class, long.class, UUID.class, int.class, String.class);
        share.setAccessible(true);
        List<com.dcbeacon.box.curation.ShardPlan.Range> ranges = com.dcbeacon.box.curation.ShardPlan.ranges(3);
        long[] counted = ranges.stream()
                .mapToLong(r -> inTx(() -> subscriptionReplicaRepository.countIn(r.from(), null, r.to())))
                .toArray();
        long all = java.util.Arrays.stream(counted).sum() + 1;
        String cycle = null;
        UUID first = null;
        for (int month = 0; month < 1200 && cycle == null; month++) {
            String candidate = java.time.YearMonth.of(2040, 1).plusMonths(month).toString();
            UUID start = UUID.nameUUIDFromBytes(("curation pages " + candidate).getBytes(StandardCharsets.UTF_8));
            if (start.compareTo(UUID.fromString("40000000-0000-0000-0000-000000000000")) >= 0
                    || start.getMostSignificantBits() < 0) {
                continue;
            }
            long[] planned = counted.clone();
            planned[0]++;
            int firstShard = com.dcbeacon.box.curation.ShardPlan.split(
                            candidate, Map.of(only, 1), planned, "shard stock")
                    .get(0)
                    .get(only);
            int firstPage = (int) share.invoke(null, candidate, 1, 2L, all, only, 0, "stock");
            if (firstShard == 0 && firstPage == 0) {
                cycle = candidate;
                first = start;
            }
        }
        assertThat(cycle)
                .as("a cycle that leaves the member boxless in its shard")
                .isNotNull();
        UUID boxless = fixtures.subscriber(first, 2, List.of("SESAME"), List.of(category));
        members.add(boxless);

        String runId = start(cycle);
        awaitDone(runId);

        List<CurationShard> shards = inTx(() -> shardRepository.ofRun(UUID.fromString(runId)));
        assertThat(shards.stream()
                        .filter(s -> !s.leftover)
                        .mapToInt(s -> s.membersBoxless)
                        .sum())
                .as("left boxless by its shard")
                .isEqualTo(1);
        assertThat(BoxFixtures.itemsOf(boxless, fixtures.boxOf(boxless, cycle)))
                .as("the leftover pass gave it the one unit")
                .containsExactly(only.toString());
        String finished = cycle;
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, finished))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        fixtures.assertStockExact(List.of(only), 1, cycle);
        fixtures.assertStockExact(others, 20, cycle);
    }

    /**
     * A brand lowers its stock while the run goes: once the first shard's first page is decided, every product keeps
     * the first shard's share and one unit more. The shards that start after take what there is, not their share (a
     * product out of stock leaves the catalogue, but one unit left does not): no stock below zero, every unit
     * accounted for.
     */
    @Test
    void shouldNeverPlaceMoreThanTheStockThereIsWhenAShardStartsAfterTheStockFell() {
        String cycle = "2036-09";
        String category = "fell-" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            members.add(fixtures.subscriber(2, List.of(), List.of(category)));
        }
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(fixtures.product(category, List.of(), List.of(), 6));
        }
        Map<UUID, Integer> lowered = new ConcurrentHashMap<>();
        PagedCurationTest.onPageDecided = page -> {
            if (page.cycle().equals(cycle) && lowered.isEmpty()) {
                QuarkusTransaction.requiringNew().run(() -> {
                    CurationShard first = shardRepository
                            .find("runId = ?1 and status = ?2", page.runId(), CurationShard.Status.RUNNING)
                            .singleResult();
                    for (UUID product : products) {
                        int left = first.stockShare.getOrDefault(product.toString(), 0) + 1;
                        catalogueProductRepository.findById(product).stock = left;
                        lowered.put(product, left);
                    }
                });
            }
        };
        String runId = start(cycle);
        awaitDone(runId);

        assertThat(lowered).as("stock lowered during the run").hasSize(products.size());
        long placed = 0;
        for (UUID product : products) {
            long inBoxes = BoxFixtures.boxesWith(product, cycle);
            placed += inBoxes;
            assertThat(fixtures.stock(product))
                    .as("stock of " + product)
                    .isEqualTo(lowered.get(product) - (int) inBoxes)
                    .isNotNegative();
        }
        assertThat(placed).as("positive anchor: stock was taken").isPositive();
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                        .as("boxes of " + member)
                        .isLessThanOrEqualTo(1));
    }

    /** A random member id whose first eight hex digits are {@code prefix}. */
    private static UUID idAt(String prefix) {
        return UUID.fromString(prefix + UUID.randomUUID().toString().substring(8));
    }

    private static String start(String cycle) {
        return BoxFixtures.ops()
                .body("{\"cycle\":\"" + cycle + "\"}")
                .post("/api/curation-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
    }

    /** A replica of its own on a thread of its own, joining the run. */
    private Thread replica(String runId, String name) {
        Thread replica = new Thread(() -> curationRuns.join(UUID.fromString(runId), name), name);
        replica.start();
        return replica;
    }

    private static JsonPath awaitDone(String runId) {
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> "DONE"
                        .equals(BoxFixtures.ops()
                                .get("/api/curation-runs/" + runId)
                                .then()
                                .extract()
                                .path("status")));
        return BoxFixtures.ops()
                .get("/api/curation-runs/" + runId)
                .then()
                .extract()
                .jsonPath();
    }
}
