package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import com.dcbeacon.box.domain.CurationRuns;
import com.dcbeacon.box.domain.CurationShard;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.CurationShardRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CampaignCreated;
import com.dcbeacon.platform.testing.Interleavings;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
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
    com.dcbeacon.box.persistence.CurationRunRepository curationRunRepository;

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    CampaignReplicaRepository campaignReplicaRepository;

    @Inject
    com.dcbeacon.box.persistence.SubscriptionReplicaRepository subscriptionReplicaRepository;

    @AfterEach
    void release() {
        PagedCurationTest.onPageDecided = null;
        PagedCurationTest.onPageCommitted = null;
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
        // Four members in each shard: pages of two, so every shard has a page after its first.
        List<UUID> members = new ArrayList<>();
        for (String prefix : List.of("10000000", "60000000", "c0000000")) {
            for (int i = 0; i < 4; i++) {
                members.add(fixtures.subscriber(idAt(prefix), 2, List.of(), List.of(category)));
            }
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
        PagedCurationTest.onPageDecided = replicaB(cycle, died, page -> {
            if (pagesOfB.incrementAndGet() == 2) {
                deadShard.set(QuarkusTransaction.requiringNew().call(() -> {
                    CurationShard shard = shardRepository
                            .find(
                                    "runId = ?1 and owner = 'replica-b' and status = ?2",
                                    page.runId(),
                                    CurationShard.Status.RUNNING)
                            .singleResult();
                    shard.owner = "a pod that was SIGKILLed";
                    shard.heartbeatAt =
                            OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
                    return shard.id;
                }));
                died.countDown();
            }
        });
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
     * it to another shard, whose members may not eat it. The leftover pass, over the members still without a box in pages of
     * two, boxes the member with that unit on its first page, where a share of the one unit in proportion to the members
     * after it would round to nothing. A world of its own in the shared database: the member requires diets only this
     * test's one product carries, and the rest of the catalogue and other classes' members are left as they are.
     */
    @Test
    void shouldBoxInTheLeftoverPassAMemberItsShardLeftBoxless() throws Exception {
        String category = "boxless-" + UUID.randomUUID().toString().substring(0, 6);
        // The only other halal and kosher products (PagedCurationTest's) contain sesame, which this member is allergic
        // to.
        List<String> diets = List.of("HALAL", "KOSHER");
        UUID only = fixtures.product(category, List.of("PEANUTS"), List.of(), diets, 1);
        // Ample, and varied enough that members of other classes left in the database never need the one unit.
        List<UUID> others = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            others.add(fixtures.product(category, List.of("SESAME"), List.of(), 40));
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
        String cycle = null;
        UUID first = null;
        for (int month = 0; month < 1200 && cycle == null; month++) {
            java.time.YearMonth candidate = java.time.YearMonth.of(2040, 1).plusMonths(month);
            UUID start = UUID.nameUUIDFromBytes(("curation pages " + candidate).getBytes(StandardCharsets.UTF_8));
            if (start.compareTo(UUID.fromString("40000000-0000-0000-0000-000000000000")) >= 0
                    || start.getMostSignificantBits() < 0) {
                continue;
            }
            long[] planned = ranges.stream()
                    .mapToLong(
                            r -> inTx(() -> subscriptionReplicaRepository.countIn(candidate, r.from(), null, r.to())))
                    .toArray();
            planned[0]++;
            long all = java.util.Arrays.stream(planned).sum();
            int firstShard = com.dcbeacon.box.curation.ShardPlan.split(
                            candidate.toString(), Map.of(only, 1), planned, "shard stock")
                    .get(0)
                    .get(only);
            int firstPage = (int) share.invoke(null, candidate.toString(), 1, 2L, all, only, 0, "stock");
            if (firstShard == 0 && firstPage == 0) {
                cycle = candidate.toString();
                first = start;
            }
        }
        assertThat(cycle)
                .as("a cycle that leaves the member boxless in its shard")
                .isNotNull();
        UUID boxless = fixtures.subscriber(first, 2, List.of("SESAME"), diets, List.of(category));
        // The leftover pass's page (the second page to read the member) is held: every member has been read, the run
        // is not done.
        AtomicInteger pagesWithBoxless = new AtomicInteger();
        CountDownLatch leftoverDecided = new CountDownLatch(1);
        CountDownLatch leftoverGoes = new CountDownLatch(1);
        PagedCurationTest.onPageDecided = page -> {
            if (page.members().contains(boxless) && pagesWithBoxless.incrementAndGet() == 2) {
                leftoverDecided.countDown();
                Interleavings.hold(leftoverGoes);
            }
        };

        String runId = start(cycle);
        JsonPath beforeLeftover;
        try {
            assertThat(leftoverDecided.await(30, TimeUnit.SECONDS)).isTrue();
            beforeLeftover = BoxFixtures.ops()
                    .get("/api/curation-runs/" + runId)
                    .then()
                    .extract()
                    .jsonPath();
        } finally {
            leftoverGoes.countDown();
        }
        JsonPath done = awaitDone(runId);
        // Every member read, and the run still RUNNING: a client waits for DONE, not for membersDone to reach
        // membersTotal, or it misses what the leftover pass boxes.
        assertThat(beforeLeftover.getString("status")).isEqualTo("RUNNING");
        assertThat(beforeLeftover.getInt("membersDone")).isEqualTo(beforeLeftover.getInt("membersTotal"));
        assertThat(done.getInt("membersDone")).isEqualTo(beforeLeftover.getInt("membersDone"));
        assertThat(done.getInt("boxesCurated"))
                .as("boxes once the leftover pass committed")
                .isEqualTo(beforeLeftover.getInt("boxesCurated") + 1);

        List<CurationShard> shards = inTx(() -> shardRepository.ofRun(UUID.fromString(runId)));
        assertThat(shards.get(0).stockShare.getOrDefault(only.toString(), 0))
                .as("the member's shard got none of its only safe product")
                .isZero();
        assertThat(BoxFixtures.itemsOf(boxless, fixtures.boxOf(boxless, cycle)))
                .as("the leftover pass gave it the one unit")
                .containsExactly(only.toString());
        // The pass reads only the members the shards left without a box (this one and any of other classes' members
        // no product suits), not again every member they boxed: in pages of one over a few hundred members, reading
        // them all took a third of a run across three processes.
        CurationShard leftover = shards.get(shards.size() - 1);
        CurationRun run = inTx(() -> curationRunRepository.findById(UUID.fromString(runId)));
        long boxedInCycle = BoxFixtures.liveBoxesOf(cycle);
        assertThat(leftover.leftover).isTrue();
        assertThat(leftover.counts.membersDone)
                .as("members the leftover pass read")
                .isEqualTo(run.counts.membersTotal - boxedInCycle + leftover.counts.boxesCurated)
                .isLessThan(run.counts.membersTotal);
        String finished = cycle;
        members.add(boxless);
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, finished))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        fixtures.assertStockExact(List.of(only), 1, cycle);
        assertThat(others)
                .allSatisfy(product -> assertThat(fixtures.stock(product))
                        .as("stock of " + product)
                        .isEqualTo(40 - (int) BoxFixtures.boxesWith(product, finished)));
    }

    /**
     * Cancelled and paused members in a shard's range are neither read nor counted: the shard's members, and with them
     * its share of the stock, are the members the run can box.
     */
    @Test
    void shouldGiveAShardTheShareOfTheMembersItCanBox() {
        java.time.YearMonth cycle = java.time.YearMonth.of(2036, 11);
        String category = "boxable-" + UUID.randomUUID().toString().substring(0, 6);
        UUID product = fixtures.product(category, List.of(), List.of(), 500);
        com.dcbeacon.box.curation.ShardPlan.Range first =
                com.dcbeacon.box.curation.ShardPlan.ranges(3).get(0);
        long before = inTx(() -> subscriptionReplicaRepository.countIn(cycle, first.from(), null, first.to()));
        List<UUID> active = new ArrayList<>();
        List<UUID> cancelled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            active.add(fixtures.subscriber(idAt("10000000"), 2, List.of(), List.of(category)));
        }
        for (int i = 0; i < 4; i++) {
            cancelled.add(fixtures.subscriber(idAt("20000000"), 2, List.of(), List.of(category)));
        }
        fixtures.cancel(cancelled);
        UUID paused = fixtures.subscriber(idAt("30000000"), 2, List.of(), List.of(category));
        fixtures.send(
                Topics.MEMBER_EVENTS,
                paused,
                EventType.SUBSCRIPTION_PAUSED,
                new com.dcbeacon.platform.events.payload.SubscriptionPaused(
                        paused, UUID.randomUUID(), null, OffsetDateTime.now(), 0));
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> inTx(() -> subscriptionReplicaRepository.findById(paused).status
                        == com.dcbeacon.box.curation.BoxEligibility.Status.PAUSED));

        String runId = start(cycle.toString());
        JsonPath run = awaitDone(runId);

        List<CurationShard> shards = inTx(() -> shardRepository.ofRun(UUID.fromString(runId)));
        assertThat(shards.get(0).counts.membersTotal)
                .as("the first shard's members: only the three active ones added")
                .isEqualTo(before + active.size());
        long[] planned = shards.stream()
                .filter(s -> !s.leftover)
                .mapToLong(s -> s.counts.membersTotal)
                .toArray();
        assertThat(shards.get(0).stockShare.get(product.toString()))
                .as("its share of the stock in proportion to those members")
                .isEqualTo(com.dcbeacon.box.curation.ShardPlan.split(
                                cycle.toString(), Map.of(product, 500), planned, "shard stock")
                        .get(0)
                        .get(product));
        assertThat(run.getInt("membersDone"))
                .as("the pages read the members the plan counted")
                .isEqualTo(run.getInt("membersTotal"));
        assertThat(active)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle.toString()))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        assertThat(cancelled)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle.toString()))
                        .as("boxes of cancelled " + member)
                        .isZero());
        assertThat(fixtures.liveBoxes(paused, cycle.toString())).as("paused").isZero();
        assertThat(run.getInt("membersSkipped.cancelled"))
                .as("members the run cannot box are still counted by reason for ops")
                .isGreaterThanOrEqualTo(cancelled.size());
        assertThat(run.getInt("membersSkipped.paused")).isGreaterThanOrEqualTo(1);
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

    /**
     * replica-b dies right after its shard's last page committed, before it marks the shard done (and with it, were it
     * the last, the run): its shard's lease goes to a dead pod whose heart stopped long ago, as a SIGKILL leaves it. The
     * shard is claimed again, its pages find every member boxed, and the run does not stay RUNNING: it ends DONE with
     * every member boxed once and exact stock.
     */
    @Test
    void shouldFinishTheRunWhenAReplicaDiedAfterItsShardsLastPage() {
        String cycle = "2036-10";
        String category = "last-" + UUID.randomUUID().toString().substring(0, 6);
        List<UUID> members = new ArrayList<>();
        for (String prefix : List.of("10000000", "60000000", "c0000000")) {
            for (int i = 0; i < 3; i++) {
                members.add(fixtures.subscriber(idAt(prefix), 2, List.of(), List.of(category)));
            }
        }
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            products.add(fixtures.product(category, List.of(), List.of(), 40));
        }
        CountDownLatch died = new CountDownLatch(1);
        AtomicReference<UUID> deadShard = new AtomicReference<>();
        PagedCurationTest.onPageDecided = replicaB(cycle, died, page -> {});
        PagedCurationTest.onPageCommitted = page -> {
            if (page.cycle().equals(cycle)
                    && Thread.currentThread().getName().equals("replica-b")
                    && deadShard.get() == null) {
                QuarkusTransaction.requiringNew().run(() -> {
                    CurationShard shard = shardRepository
                            .find(
                                    "runId = ?1 and owner = 'replica-b' and status = ?2",
                                    page.runId(),
                                    CurationShard.Status.RUNNING)
                            .singleResult();
                    if (shard.counts.membersDone >= shard.counts.membersTotal) {
                        shard.owner = "a pod that was SIGKILLed";
                        shard.heartbeatAt =
                                OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(5);
                        deadShard.set(shard.id);
                    }
                });
                if (deadShard.get() != null) {
                    died.countDown();
                }
            }
        };
        String runId = start(cycle);
        Thread b = replica(runId, "replica-b");
        JsonPath run = awaitDone(runId);
        await().atMost(BoxFixtures.TIMEOUT).until(() -> !b.isAlive());

        assertThat(deadShard.get())
                .as("replica-b died after its shard's last page")
                .isNotNull();
        CurationShard takenOver = inTx(() -> shardRepository.findById(deadShard.get()));
        assertThat(takenOver.status).isEqualTo(CurationShard.Status.DONE);
        assertThat(takenOver.attempts)
                .as("claimed again after its replica died")
                .isEqualTo(2);
        assertThat(takenOver.counts.boxesCurated)
                .as("its second attempt boxed nobody again")
                .isZero();
        assertThat(members)
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        fixtures.assertStockExact(products, 40, cycle);
        assertThat(run.getInt("membersDone")).isEqualTo(run.getInt("membersTotal"));
    }

    /**
     * Replicas commit their pages in parallel: one shard's page commit is held in the middle of its transaction (on a
     * product row the test holds, after the commit took its shard's row and looked at the run's), and another shard's
     * pages commit meanwhile. A page's commit neither locks nor writes the run's row; when every page
     * committed while holding the run's row for update, the second shard waited for the first.
     */
    @Test
    void shouldCommitTheShardsPagesInParallel() throws Exception {
        String cycle = "2036-11";
        String category = "parallel-" + UUID.randomUUID().toString().substring(0, 6);
        // Diets no other test's product meets: the first shard's members can only take its two products, the second's
        // only theirs.
        List<String> firstDiet = List.of("KETO", "LOW_SUGAR");
        List<String> secondDiet = List.of("DAIRY_FREE", "NUT_FREE");
        UUID held = fixtures.product(category, List.of(), List.of(), firstDiet, 40);
        List<UUID> products = List.of(
                held,
                fixtures.product(category, List.of(), List.of(), firstDiet, 40),
                fixtures.product(category, List.of(), List.of(), secondDiet, 40),
                fixtures.product(category, List.of(), List.of(), secondDiet, 40));
        List<UUID> first = new ArrayList<>();
        List<UUID> second = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            first.add(fixtures.subscriber(idAt("10000000"), 2, List.of(), firstDiet, List.of(category)));
        }
        for (int i = 0; i < 4; i++) {
            second.add(fixtures.subscriber(idAt("60000000"), 2, List.of(), secondDiet, List.of(category)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstWaits = new CountDownLatch(1);
        try {
            CompletableFuture<Void> holder = holdRowOf(held, release, threads);
            // The second shard's replica decides its first page only once the first shard's commit is held.
            PagedCurationTest.onPageDecided = page -> {
                if (page.cycle().equals(cycle) && page.members().stream().anyMatch(second::contains)) {
                    Interleavings.hold(firstWaits);
                }
            };
            String runId = start(cycle);
            List<Thread> replicas = List.of(replica(runId, "replica-b"), replica(runId, "replica-c"));
            await().atMost(BoxFixtures.TIMEOUT)
                    .until(() ->
                            Interleavings.sessionsWaitingForALock(catalogueProductRepository.getEntityManager()) > 0);
            assertThat(first)
                    .as("the first shard's page is held")
                    .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                            .as("boxes of " + member)
                            .isZero());
            firstWaits.countDown();

            await().atMost(BoxFixtures.TIMEOUT)
                    .until(() -> second.stream().allMatch(member -> fixtures.liveBoxes(member, cycle) == 1));
            assertThat(holder).as("the first shard's page is still held").isNotDone();
            assertThat(first)
                    .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                            .as("boxes of " + member + " while its page is held")
                            .isZero());
            // The run's progress, summed from its shards while it runs: the second shard's members, not the first's.
            JsonPath running = BoxFixtures.ops()
                    .get("/api/curation-runs/" + runId)
                    .then()
                    .extract()
                    .jsonPath();
            assertThat(running.getString("status")).isEqualTo("RUNNING");
            assertThat(running.getInt("membersDone"))
                    .isGreaterThanOrEqualTo(second.size())
                    .isLessThan(running.getInt("membersTotal"));

            release.countDown();
            holder.get(30, TimeUnit.SECONDS);
            JsonPath run = awaitDone(runId);
            for (Thread replica : replicas) {
                await().atMost(BoxFixtures.TIMEOUT).until(() -> !replica.isAlive());
            }
            List<UUID> members = new ArrayList<>(first);
            members.addAll(second);
            assertThat(members)
                    .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                            .as("boxes of " + member)
                            .isEqualTo(1));
            assertThat(BoxFixtures.itemsOf(first.get(0), fixtures.boxOf(first.get(0), cycle)))
                    .contains(held.toString());
            fixtures.assertStockExact(products, 40, cycle);
            assertThat(run.getInt("membersDone")).isEqualTo(run.getInt("membersTotal"));
        } finally {
            firstWaits.countDown();
            release.countDown();
            threads.shutdown();
        }
    }

    /**
     * A product is recalled while two shards' pages, decided before the recall, commit in parallel, and they deadlock
     * over products: the first shard's page locks the recalled product, then (held by the test) waits for its other
     * product; the second shard's page locks the product with the lowest id and waits for the recalled one; released,
     * the first pulls the recalled product from its box and locks its replacement, the product the second holds.
     * PostgreSQL aborts one page, which is tried again like any transient fault: no box holds the recalled product, every
     * member is boxed once, stock is exact and the run is DONE. Products with ids in a chosen order, and diets no other
     * test's product meets, so the two pages take exactly these products and the replacement is the one the other holds.
     */
    @Test
    void shouldRetryAPageThatDeadlockedOverARecalledProductsReplacement() throws Exception {
        String cycle = "2037-02";
        String category = "recalled-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> firstDiet = List.of("GLUTEN_FREE", "VEGETARIAN", "NUT_FREE");
        List<String> secondDiet = List.of("GLUTEN_FREE", "VEGETARIAN", "LOW_SUGAR");
        List<String> both = List.of("GLUTEN_FREE", "VEGETARIAN", "NUT_FREE", "LOW_SUGAR");
        // Ascending ids (UUID order): the replacement, then the recalled product, then the held one. The replacement is
        // of a category the members do not like: their first pick is the other two.
        UUID replacement = fixtures.product(idAt("10000000"), "other-" + category, List.of(), List.of(), both, 40);
        UUID recalled = fixtures.product(idAt("40000000"), category, List.of(), List.of(), both, 40);
        UUID held = fixtures.product(idAt("70000000"), category, List.of(), List.of(), firstDiet, 40);
        List<UUID> products = List.of(replacement, recalled, held);
        UUID first = fixtures.subscriber(idAt("10000000"), 2, List.of(), firstDiet, List.of(category));
        UUID second = fixtures.subscriber(idAt("60000000"), 2, List.of(), secondDiet, List.of(category));

        ExecutorService threads = Executors.newFixedThreadPool(1);
        CountDownLatch firstDecided = new CountDownLatch(1);
        CountDownLatch secondDecided = new CountDownLatch(1);
        CountDownLatch firstGoes = new CountDownLatch(1);
        CountDownLatch secondGoes = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long deadlocksBefore = Interleavings.deadlocksDetected(catalogueProductRepository.getEntityManager());
        try {
            CompletableFuture<Void> holder = holdRowOf(held, release, threads);
            // Both pages are decided from the catalogue as it was before the recall, and commit only once it is
            // applied.
            PagedCurationTest.onPageDecided = page -> {
                if (!page.cycle().equals(cycle)) {
                    return;
                }
                if (page.members().contains(first)) {
                    firstDecided.countDown();
                    Interleavings.hold(firstGoes);
                } else if (page.members().contains(second)) {
                    secondDecided.countDown();
                    Interleavings.hold(secondGoes);
                }
            };
            String runId = start(cycle);
            List<Thread> replicas = List.of(replica(runId, "replica-b"), replica(runId, "replica-c"));
            assertThat(firstDecided.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(secondDecided.await(30, TimeUnit.SECONDS)).isTrue();
            fixtures.recall(recalled);

            // The first page locks the recalled product and waits for the held one; the second locks the replacement
            // and waits for the recalled one.
            firstGoes.countDown();
            await().atMost(BoxFixtures.TIMEOUT).until(() -> waitingOnProducts() == 1);
            secondGoes.countDown();
            await().atMost(BoxFixtures.TIMEOUT).until(() -> waitingOnProducts() == 2);
            release.countDown();
            holder.get(30, TimeUnit.SECONDS);

            JsonPath run = awaitDone(runId);
            for (Thread replica : replicas) {
                await().atMost(BoxFixtures.TIMEOUT).until(() -> !replica.isAlive());
            }
            await().atMost(BoxFixtures.TIMEOUT)
                    .alias("PostgreSQL aborted one of the two pages")
                    .until(() -> Interleavings.deadlocksDetected(catalogueProductRepository.getEntityManager())
                            > deadlocksBefore);
            assertThat(List.of(first, second))
                    .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                            .as("boxes of " + member)
                            .isEqualTo(1));
            assertThat(BoxFixtures.boxesWith(recalled, cycle))
                    .as("boxes holding the recalled product")
                    .isZero();
            assertThat(BoxFixtures.itemsOf(first, fixtures.boxOf(first, cycle)))
                    .as("the first member's box, the recalled product replaced")
                    .containsExactlyInAnyOrder(held.toString(), replacement.toString());
            assertThat(BoxFixtures.itemsOf(second, fixtures.boxOf(second, cycle)))
                    .as("the second member's box, with no other safe product to put in the recalled one's place")
                    .containsExactly(replacement.toString());
            fixtures.assertStockExact(products, 40, cycle);
            assertThat(run.getInt("membersDone")).isEqualTo(run.getInt("membersTotal"));
        } finally {
            firstGoes.countDown();
            secondGoes.countDown();
            release.countDown();
            threads.shutdown();
        }
    }

    /**
     * Row-locks the product in a transaction of its own on one of {@code threads}, held until {@code release}; returns
     * once the lock is held, with the holder's transaction.
     */
    private CompletableFuture<Void> holdRowOf(UUID product, CountDownLatch release, ExecutorService threads)
            throws InterruptedException {
        CountDownLatch locked = new CountDownLatch(1);
        CompletableFuture<Void> holder = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    catalogueProductRepository
                            .getEntityManager()
                            .createNativeQuery(
                                    "select product_id from catalogue_product where product_id = ?1 for update")
                            .setParameter(1, product)
                            .getResultList();
                    locked.countDown();
                    Interleavings.hold(release);
                }),
                threads);
        assertThat(locked.await(30, TimeUnit.SECONDS)).isTrue();
        return holder;
    }

    /** Sessions waiting for a catalogue product's row lock (a heartbeat waiting for a shard's row is not counted). */
    private long waitingOnProducts() {
        return Interleavings.sessionsWaitingForALock(
                catalogueProductRepository.getEntityManager(), "catalogue_product");
    }

    /**
     * Ops fail a run while a replica is deciding a page of its shard: the page's commit reads the run's status, finds it
     * no longer running and writes nothing, and nothing the replica does before it leaves writes a stale RUNNING back
     * over FAILED.
     */
    @Test
    void shouldNeverWriteAFailedRunBackToRunning() {
        String cycle = "2036-12";
        String category = "failed-" + UUID.randomUUID().toString().substring(0, 6);
        inEachShard(2, category);
        fixtures.product(category, List.of(), List.of(), 100);
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<List<UUID>> refused = new AtomicReference<>();
        PagedCurationTest.onPageDecided = replicaB(cycle, failed, page -> {
            if (refused.compareAndSet(null, page.members())) {
                QuarkusTransaction.requiringNew()
                        .run(() -> curationRunRepository
                                .lock(page.runId())
                                .failed("stopped by ops", OffsetDateTime.now(java.time.ZoneOffset.UTC)));
                failed.countDown();
            }
        });
        String runId = start(cycle);
        Thread b = replica(runId, "replica-b");
        await().atMost(BoxFixtures.TIMEOUT).until(() -> !b.isAlive());

        assertThat(refused.get()).as("replica-b decided a page").isNotEmpty();
        CurationRun run = inTx(() -> curationRunRepository.findById(UUID.fromString(runId)));
        assertThat(run.status).isEqualTo(CurationRunStatus.FAILED);
        assertThat(run.failure).isEqualTo("stopped by ops");
        assertThat(refused.get())
                .allSatisfy(member -> assertThat(fixtures.liveBoxes(member, cycle))
                        .as("boxes of " + member + ", decided after the run failed")
                        .isZero());
        assertFailedAsCommitted(runId, cycle, "stopped by ops");
    }

    /**
     * A replica's shard fails (a page that cannot commit, here a fault no retry cures) after its first page committed:
     * the replica marks the run FAILED, and the run, read while other shards have not committed anything, shows FAILED
     * with the progress its shards committed, not a 500 and not a count of boxes that are not there.
     */
    @Test
    void shouldShowAFailedSplitRunWithTheProgressItsShardsCommitted() {
        String cycle = "2037-05";
        String category = "broken-" + UUID.randomUUID().toString().substring(0, 6);
        inEachShard(4, category);
        fixtures.product(category, List.of(), List.of(), 100);
        fixtures.product(category, List.of(), List.of(), 100);
        CountDownLatch bFailed = new CountDownLatch(1);
        AtomicInteger pagesOfB = new AtomicInteger();
        PagedCurationTest.onPageDecided = replicaB(cycle, bFailed, page -> {
            if (pagesOfB.incrementAndGet() == 2) {
                throw new IllegalStateException("a page that cannot commit");
            }
        });
        String runId = start(cycle);
        Thread b = replica(runId, "replica-b");
        await().atMost(BoxFixtures.TIMEOUT).until(() -> !b.isAlive());

        assertThat(pagesOfB.get()).as("replica-b failed on its second page").isEqualTo(2);
        JsonPath failed = assertFailedAsCommitted(runId, cycle, "a page that cannot commit");
        assertThat(failed.getInt("membersDone")).as("replica-b's first page").isEqualTo(2);
        assertThat(failed.getInt("boxesCurated")).isEqualTo(2);
        assertThat(failed.getInt("membersTotal")).isEqualTo(12);
        bFailed.countDown(); // the other replicas' pages find the run failed
    }

    /**
     * The run as ops read it: FAILED with its failure and end, and a progress that matches what its shards committed
     * (every box it counts is in the database), never more members done than it had.
     */
    private static JsonPath assertFailedAsCommitted(String runId, String cycle, String failure) {
        JsonPath run = BoxFixtures.ops()
                .get("/api/curation-runs/" + runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("failure")).isEqualTo(failure);
        assertThat(run.getString("finishedAt")).isNotNull();
        assertThat(run.getInt("boxesCurated")).isEqualTo((int) BoxFixtures.liveBoxesOf(cycle));
        assertThat(run.getInt("membersDone")).isBetween(0, run.getInt("membersTotal"));
        return run;
    }

    /**
     * Passes replica-b's decided pages of the cycle to {@code onB}; every other replica holds its first page of the
     * cycle until {@code release}, so that replica-b has a shard to work in.
     */
    private static java.util.function.Consumer<com.dcbeacon.box.domain.CurationPageDecided> replicaB(
            String cycle,
            CountDownLatch release,
            java.util.function.Consumer<com.dcbeacon.box.domain.CurationPageDecided> onB) {
        Set<Thread> held = ConcurrentHashMap.newKeySet();
        return page -> {
            if (!page.cycle().equals(cycle)) {
                return;
            }
            if (Thread.currentThread().getName().equals("replica-b")) {
                onB.accept(page);
            } else if (held.add(Thread.currentThread())) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** {@code members} subscribers of two items who like {@code category} in each of the three shards' ranges. */
    private void inEachShard(int members, String category) {
        for (String prefix : List.of("10000000", "60000000", "c0000000")) {
            for (int i = 0; i < members; i++) {
                fixtures.subscriber(idAt(prefix), 2, List.of(), List.of(category));
            }
        }
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
