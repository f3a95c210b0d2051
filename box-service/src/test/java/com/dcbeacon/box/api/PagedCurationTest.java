package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.BoxMemberData;
import com.dcbeacon.box.domain.CurationPageCommitted;
import com.dcbeacon.box.domain.CurationPageDecided;
import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CampaignReplicaRepository;
import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.box.persistence.CurationRunRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.CycleSkipped;
import com.dcbeacon.platform.events.payload.SubscriptionPaused;
import com.dcbeacon.platform.messaging.ErasedMembers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Curation runs read members in pages (here of 2): a run over many pages, a run killed between pages and taken over,
 * and members who change between the read of their page and its commit.
 */
@QuarkusTest
@TestProfile(PagedCurationTest.PagesOfTwo.class)
class PagedCurationTest {

    @Inject
    BoxRepository boxRepository;

    @Inject
    CurationRunRepository curationRunRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Inject
    CampaignReplicaRepository campaignReplicaRepository;

    public static class PagesOfTwo implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcbeacon.curation.batch-size", "2");
        }
    }

    /** What to do when a page is decided, before it commits (on the run's thread); null: nothing. */
    static volatile Consumer<CurationPageDecided> onPageDecided;

    /** What to do when a try of a page's commit returned from COMMIT (on the run's thread); null: nothing. */
    static volatile Consumer<CurationPageCommitted> onPageCommitted;

    @ApplicationScoped
    static class PageHold {
        void decided(@Observes CurationPageDecided page) {
            java.util.Optional.ofNullable(onPageDecided).ifPresent(action -> action.accept(page));
        }

        void committed(@Observes CurationPageCommitted page) {
            java.util.Optional.ofNullable(onPageCommitted).ifPresent(action -> action.accept(page));
        }
    }

    @Inject
    BoxFixtures fixtures;

    @Inject
    ErasedMembers erasedMembers;

    @Inject
    BoxMemberData memberData;

    @AfterEach
    void release() {
        onPageDecided = null;
        onPageCommitted = null;
    }

    @Test
    void shouldBoxEveryEligibleMemberOnceOverManyPagesWithStockExact() {
        String cycle = "2034-01";
        List<UUID> members = subscribers(9, "paged snacks");
        List<UUID> products = products(4, "paged snacks", 10);
        java.util.concurrent.atomic.AtomicInteger pagesSeen = new java.util.concurrent.atomic.AtomicInteger();
        onPageDecided = page -> {
            if (page.cycle().equals(cycle) && page.members().stream().anyMatch(members::contains)) {
                assertThat(page.members()).hasSizeLessThanOrEqualTo(2);
                pagesSeen.incrementAndGet();
            }
        };

        JsonPath run = fixtures.runCuration(cycle);

        assertThat(pagesSeen.get())
                .as("pages of 2 holding this test's 9 members")
                .isGreaterThanOrEqualTo(5);
        assertThat(members)
                .allSatisfy(member -> assertThat(boxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        assertStockExact(products, 10, cycle);
        assertThat(run.getInt("membersDone")).isEqualTo(run.getInt("membersTotal"));
        assertThat(run.getInt("membersTotal")).isEqualTo(inTx(() ->
                (int) subscriptionReplicaRepository.countIn(YearMonth.parse(cycle), null, null, null)));
    }

    /**
     * A brand lowers its stock between a page's decision and its commit (its stock event applied meanwhile): the commit
     * finds fewer units than the page decided, takes none, and the page is decided again from the stock there is now.
     * The member needs diets only this test's two products carry, so the page's first decision takes both; one is then
     * gone, the other still ample.
     */
    @Test
    void shouldDecideAPageAgainWhenItsStockFellBeforeItsCommit() {
        String cycle = "2039-07";
        String category = "fell-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> diets = List.of("HALAL", "KOSHER");
        // With sesame: ShardedCurationTest's halal and kosher member is allergic to it, so never takes these.
        UUID gone = fixtures.product(category, List.of("SESAME"), List.of(), diets, 5000);
        UUID one = fixtures.product(category, List.of("SESAME"), List.of(), diets, 5000);
        // Allergic to peanuts: ShardedCurationTest's halal and kosher product contains them, so never fits this member.
        UUID member = fixtures.subscriber(UUID.randomUUID(), 2, List.of("PEANUTS"), diets, List.of(category));
        java.util.concurrent.atomic.AtomicInteger decisions = new java.util.concurrent.atomic.AtomicInteger();
        Map<UUID, Long> placedBefore = new java.util.concurrent.ConcurrentHashMap<>();
        Map<UUID, Integer> lowered = Map.of(gone, 0, one, 2000);
        onPageDecided = page -> {
            if (page.cycle().equals(cycle) && page.members().contains(member) && decisions.getAndIncrement() == 0) {
                QuarkusTransaction.requiringNew()
                        .run(() -> lowered.forEach((product, units) -> {
                            placedBefore.put(product, BoxFixtures.boxesWith(product, cycle));
                            catalogueProductRepository.findById(product).stock = units;
                        }));
            }
        };

        fixtures.runCuration(cycle);

        assertThat(decisions.get())
                .as("the member's page decided again after its stock fell")
                .isGreaterThanOrEqualTo(2);
        assertThat(fixtures.liveBoxes(member, cycle))
                .as("positive anchor: the page decided again commits the member's box")
                .isEqualTo(1);
        assertThat(BoxFixtures.boxesWith(one, cycle) - placedBefore.get(one))
                .as("with the product still there")
                .isPositive();
        lowered.forEach((product, units) -> assertThat(fixtures.stock(product))
                .as("stock of " + product + ", lowered to " + units)
                .isEqualTo(units - (int) (BoxFixtures.boxesWith(product, cycle) - placedBefore.get(product)))
                .isNotNegative());
        assertThat(BoxFixtures.boxesWith(gone, cycle) - placedBefore.get(gone))
                .as("none of a product gone before the page committed")
                .isZero();
    }

    /**
     * The next page is decided ahead while a page commits, on the assumption that every box of that page commits. Here a
     * member of the committing page changes before its commit, so their box drops and gives back the campaign's one
     * sponsored unit: the next page must not keep the decision made ahead (where the unit was gone) but decide afresh,
     * and its member gets the unit. A campaign's units are not rationed per page ({@code PagedCuration}), and only
     * members who like the test's category count the product as a good pick, so where the unit goes is certain. The
     * three members hold the highest member ids (the run reads pages of two in id order): {@code first} is in the page
     * before {@code next}'s, whichever page {@code filler} falls in.
     */
    @Test
    void shouldDecideTheNextPageAfreshWhenABoxOfThePageBeforeDropsAndGiveItTheUnitGivenBack() {
        String high = "ffffffff-ffff-ffff-ffff-" + UUID.randomUUID().toString().substring(24, 34);
        UUID first = UUID.fromString(high + "01");
        UUID filler = UUID.fromString(high + "02");
        UUID next = UUID.fromString(high + "03");
        String before = "ahead-" + UUID.randomUUID().toString().substring(0, 6);
        String after = "ahead-" + UUID.randomUUID().toString().substring(0, 6);
        fixtures.subscriber(first, 1, List.of(), List.of(before, after));
        fixtures.subscriber(filler, 1, List.of(), List.of());
        fixtures.subscriber(next, 1, List.of(), List.of(before, after));

        // Anchor: with nobody changing, the unit goes to the page before, and the next page's member gets the product
        // without it.
        String unchanged = "2041-01";
        UUID sampledBefore = sampled(before, unchanged);
        fixtures.runCuration(unchanged);
        assertThat(sponsoredIn(first, unchanged))
                .as("positive anchor: the page before takes the unit")
                .containsExactly(sampledBefore.toString());
        assertThat(BoxFixtures.itemsOf(next, fixtures.boxOf(next, unchanged)))
                .as("the next page's member gets the product")
                .containsExactly(sampledBefore.toString());
        assertThat(sponsoredIn(next, unchanged)).as("without the unit").isEmpty();

        // Now the first member changes while their page is held before its commit. (Last cycle's product is theirs
        // recently, so this cycle's is the one both want.)
        String changing = "2041-02";
        UUID sampledAfter = sampled(after, changing);
        AtomicBoolean changed = new AtomicBoolean();
        onPageDecided = page -> {
            if (page.cycle().equals(changing) && page.members().contains(first) && changed.compareAndSet(false, true)) {
                fixtures.preferences(first, List.of("MILK"), List.of(before, after), 2);
            }
        };
        JsonPath run = fixtures.runCuration(changing);

        assertThat(changed).as("held the first member's page").isTrue();
        assertThat(fixtures.boxOf(first, changing))
                .as("changed before their page committed: next run")
                .isNull();
        assertThat(sponsoredIn(next, changing))
                .as("the next page decided afresh with the unit given back")
                .containsExactly(sampledAfter.toString());
        assertThat(run.getInt("campaignFulfilment.'" + brandOf(sampledAfter) + "'.placed"))
                .isEqualTo(1);
    }

    /** A product of the category with one sponsored unit in the cycle, and stock to spare. */
    private UUID sampled(String category, String cycle) {
        UUID product = fixtures.product(category, List.of(), List.of(), 100);
        fixtures.send(
                Topics.BRAND_EVENTS,
                product,
                EventType.CAMPAIGN_CREATED,
                new com.dcbeacon.platform.events.payload.CampaignCreated(
                        UUID.randomUUID(), brandOf(product), product, "SKU", cycle, 1, 1, OffsetDateTime.now()));
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> inTx(() -> campaignReplicaRepository.count("productId", product) == 1));
        return product;
    }

    private UUID brandOf(UUID product) {
        return inTx(() -> catalogueProductRepository.findById(product).brandId);
    }

    /** The products placed as sponsored in the member's live box of the cycle. */
    private List<String> sponsoredIn(UUID member, String cycle) {
        return BoxFixtures.box(member, fixtures.boxOf(member, cycle))
                .getList("items.findAll { it.sponsored }.productId", String.class);
    }

    @Test
    void shouldFinishARunKilledBetweenPagesWithEveryMemberBoxedOnceAndStockExact() {
        String cycle = "2034-02";
        List<UUID> members = subscribers(7, "killed snacks");
        List<UUID> products = products(3, "killed snacks", 12);
        // The third page with this test's members is decided, then its owner "dies": the lease goes to a dead pod, so
        // the
        // page's commit is refused and this instance stops, as if SIGKILLed. The periodic check then takes the run
        // over.
        AtomicBoolean killed = new AtomicBoolean();
        List<UUID> committedBefore = new ArrayList<>();
        int[] pages = {0};
        onPageDecided = page -> {
            if (!page.cycle().equals(cycle) || page.members().stream().noneMatch(members::contains) || killed.get()) {
                return;
            }
            if (++pages[0] == 3) {
                killed.set(true);
                committedBefore.addAll(inTx(() -> boxRepository.list("cycle", cycle).stream()
                        .map(b -> b.memberId)
                        .toList()));
                QuarkusTransaction.requiringNew()
                        .run(() -> curationRunRepository.update(
                                "owner = 'a pod that was SIGKILLed', heartbeatAt = ?1 where id = ?2",
                                OffsetDateTime.now().minusMinutes(5),
                                page.runId()));
            }
        };

        String runId = BoxFixtures.ops()
                .body("{\"cycle\":\"" + cycle + "\"}")
                .post("/api/curation-runs")
                .then()
                .statusCode(202)
                .extract()
                .path("runId");
        await().atMost(BoxFixtures.TIMEOUT)
                .until(() -> inTx(() -> {
                    CurationRun run = curationRunRepository.findById(UUID.fromString(runId));
                    return run.status == CurationRunStatus.DONE;
                }));

        CurationRun finished = inTx(() -> curationRunRepository.findById(UUID.fromString(runId)));
        assertThat(killed).as("the run was killed mid-way").isTrue();
        assertThat(committedBefore)
                .as("some members were boxed before the kill")
                .isNotEmpty();
        assertThat(finished.attempts).isEqualTo(2);
        assertThat(finished.counts.membersSkipped.get("already has a box for " + cycle))
                .as("boxed by the first attempt")
                .isGreaterThanOrEqualTo(committedBefore.size());
        assertThat(members)
                .allSatisfy(member -> assertThat(boxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        assertStockExact(products, 12, cycle);
    }

    @Test
    void shouldNotBoxAMemberWhoChangedAfterTheRunReadThemUntilTheNextRun() {
        String cycle = "2034-03";
        UUID skips = fixtures.subscriber(1, List.of(), List.of("recheck snacks"));
        UUID pauses = fixtures.subscriber(1, List.of(), List.of("recheck snacks"));
        UUID becomesAllergic = fixtures.subscriber(1, List.of(), List.of("recheck snacks"));
        UUID staysAsIs = fixtures.subscriber(1, List.of(), List.of("recheck snacks"));
        // Only the tombstone: the commit's erasure check (one query for the page) must refuse the box by itself.
        UUID erased = fixtures.subscriber(1, List.of(), List.of("recheck snacks"));
        UUID withMilk = fixtures.product("recheck snacks", List.of("MILK"), List.of(), 10);
        // Enough for any page's fair share to hold a unit: the next run also boxes every other test's members (pages of
        // two), and with 10 units a page's share rounds to 0 once more than 18 members are left.
        UUID withoutMilk = fixtures.product("recheck snacks", List.of(), List.of(), 1_000);
        List<UUID> changing = List.of(skips, pauses, becomesAllergic, erased);
        Set<UUID> changed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        // Held on the run's thread: the page was read and decided; it commits only after these changes are applied.
        onPageDecided = page -> {
            if (!page.cycle().equals(cycle)) {
                return;
            }
            for (UUID member : page.members()) {
                if (!changing.contains(member) || !changed.add(member)) {
                    continue;
                }
                UUID subscription = inTx(() -> subscriptionReplicaRepository.findById(member).subscriptionId);
                if (member.equals(skips)) {
                    fixtures.send(
                            Topics.MEMBER_EVENTS,
                            member,
                            EventType.CYCLE_SKIPPED,
                            new CycleSkipped(member, subscription, cycle, OffsetDateTime.now(), 1));
                    await().atMost(BoxFixtures.TIMEOUT)
                            .until(() -> inTx(() -> subscriptionReplicaRepository
                                    .findById(member)
                                    .skippedCycles
                                    .contains(cycle)));
                } else if (member.equals(pauses)) {
                    fixtures.send(
                            Topics.MEMBER_EVENTS,
                            member,
                            EventType.SUBSCRIPTION_PAUSED,
                            new SubscriptionPaused(member, subscription, cycle, OffsetDateTime.now(), 1));
                    await().atMost(BoxFixtures.TIMEOUT)
                            .until(() -> inTx(() -> subscriptionReplicaRepository.findById(member).status
                                    == BoxEligibility.Status.PAUSED));
                } else if (member.equals(erased)) {
                    inTx(() -> {
                        erasedMembers.record(member);
                        return null;
                    });
                } else {
                    fixtures.preferences(member, List.of("MILK"), List.of("recheck snacks"), 2);
                }
            }
        };

        JsonPath run = fixtures.runCuration(cycle);

        assertThat(changed)
                .as("all four changed between read and commit")
                .containsExactlyInAnyOrderElementsOf(changing);
        assertThat(fixtures.boxOf(skips, cycle)).as("skipped the cycle").isNull();
        assertThat(fixtures.boxOf(pauses, cycle)).as("paused").isNull();
        assertThat(fixtures.boxOf(becomesAllergic, cycle))
                .as("declared a milk allergy: not boxed with the old terms")
                .isNull();
        assertThat(fixtures.boxOf(erased, cycle)).as("erased").isNull();
        assertThat(fixtures.boxOf(staysAsIs, cycle)).as("positive anchor").isNotNull();
        assertThat(run.getInt("membersSkipped.'changed while the run was deciding: next run'"))
                .isGreaterThanOrEqualTo(4);

        // The next run boxes the member whose preferences changed, with the new ones.
        onPageDecided = null;
        fixtures.runCuration(cycle);
        String box = fixtures.boxOf(becomesAllergic, cycle);
        assertThat(box).isNotNull();
        assertThat(BoxFixtures.itemsOf(becomesAllergic, box))
                .containsExactly(withoutMilk.toString())
                .doesNotContain(withMilk.toString());
        assertThat(fixtures.boxOf(skips, cycle)).isNull();
        assertThat(fixtures.boxOf(pauses, cycle)).isNull();
        assertThat(fixtures.boxOf(erased, cycle)).isNull();
        // The rest of the erasure, which the tombstone alone left undone (events about the member are dropped now).
        inTx(() -> {
            memberData.erase(erased);
            return null;
        });
    }

    @Test
    void shouldPullAProductRecalledWhileTheRunDecidedFromEveryBoxOfTheRunWithStockExact() {
        String cycle = "2034-04";
        List<UUID> members = subscribers(4, "mid-run recall snacks");
        UUID recalled = fixtures.product("mid-run recall snacks", List.of(), List.of(), 10);
        UUID other = fixtures.product("mid-run recall snacks", List.of(), List.of(), 10);
        UUID third = fixtures.product("mid-run recall snacks", List.of(), List.of(), 10);
        AtomicBoolean recallApplied = new AtomicBoolean();
        // Held on the run's thread: the first page was decided from the catalogue the run read (the product still
        // published); the recall is applied before the page commits.
        onPageDecided = page -> {
            if (!page.cycle().equals(cycle) || recallApplied.get()) {
                return;
            }
            fixtures.recall(recalled);
            recallApplied.set(true);
        };

        fixtures.runCuration(cycle);

        assertThat(recallApplied)
                .as("the recall came between the run's read and its first commit")
                .isTrue();
        assertThat(members)
                .allSatisfy(member -> assertThat(boxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        assertThat(BoxFixtures.boxesWith(recalled, cycle))
                .as("boxes holding the recalled product")
                .isZero();
        assertThat(BoxFixtures.boxesWith(other, cycle) + BoxFixtures.boxesWith(third, cycle))
                .as("positive anchor: the run placed the other products")
                .isPositive();
        assertStockExact(List.of(recalled, other, third), 10, cycle);
    }

    @Test
    void shouldRetryAPageWhoseCommitMeetsATransientFaultAndBoxEveryMemberOnceWithStockExact() {
        String cycle = "2034-05";
        List<UUID> members = subscribers(5, "retried snacks");
        List<UUID> products = products(3, "retried snacks", 10);
        // The database refuses this cycle's first two box inserts with a serialization failure (SQLSTATE 40001), as it
        // does to the loser of a conflict with a concurrent swap or recall. A sequence counts them: it is not rolled
        // back with the failed transaction.
        inTx(() -> boxRepository
                .getEntityManager()
                .createNativeQuery("""
                        create sequence curation_fault_budget;
                        create function refuse_first_boxes() returns trigger language plpgsql as $$
                        begin
                          if new.cycle = '%s' and nextval('curation_fault_budget') <= 2 then
                            raise exception 'injected serialization failure' using errcode = '40001';
                          end if;
                          return new;
                        end $$;
                        create trigger refuse_first_boxes before insert on box
                          for each row execute function refuse_first_boxes();
                        """.formatted(cycle))
                .executeUpdate());
        try {
            JsonPath run = fixtures.runCuration(cycle);

            long refused = inTx(() -> ((Number) boxRepository
                            .getEntityManager()
                            .createNativeQuery("select last_value from curation_fault_budget")
                            .getSingleResult())
                    .longValue());
            assertThat(refused)
                    .as("the fault was met: inserts refused and tried again")
                    .isGreaterThan(2);
            assertDoneWithEveryMemberBoxedOnce(run, members, products, 10, cycle);
        } finally {
            inTx(() -> boxRepository.getEntityManager().createNativeQuery("""
                            drop trigger refuse_first_boxes on box;
                            drop function refuse_first_boxes();
                            drop sequence curation_fault_budget;
                            """).executeUpdate());
        }
    }

    @Test
    void shouldFinishDoneWhenAPageCommitIsTriedAgainAfterItsCommitReachedTheDatabase() {
        String cycle = "2034-06";
        List<UUID> members = subscribers(5, "acknowledged snacks");
        List<UUID> products = products(3, "acknowledged snacks", 10);
        // Every page holding this test's members commits, then its first try reports the connection lost (SQLSTATE
        // 08006), as when the connection drops after COMMIT reached the database: the page's commit is tried again.
        Set<List<UUID>> lost = java.util.concurrent.ConcurrentHashMap.newKeySet();
        onPageCommitted = page -> {
            if (page.cycle().equals(cycle)
                    && page.members().stream().anyMatch(members::contains)
                    && lost.add(page.members())) {
                throw new IllegalStateException(
                        "acknowledgement of COMMIT lost",
                        new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006"));
            }
        };

        JsonPath run = fixtures.runCuration(cycle);

        assertThat(lost).as("pages whose acknowledgement was lost").hasSizeGreaterThanOrEqualTo(3);
        assertDoneWithEveryMemberBoxedOnce(run, members, products, 10, cycle);
        assertThat(run.getInt("membersDone")).as("each page counted once").isEqualTo(run.getInt("membersTotal"));
    }

    /** Members on a plan of 2 items who like the category. */
    private List<UUID> subscribers(int count, String likedCategory) {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            members.add(fixtures.subscriber(2, List.of(), List.of(likedCategory)));
        }
        return members;
    }

    /** Products of the category, free of allergens, each with {@code stock} units. */
    private List<UUID> products(int count, String category, int stock) {
        List<UUID> products = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            products.add(fixtures.product(category, List.of(), List.of(), stock));
        }
        return products;
    }

    private long boxes(UUID member, String cycle) {
        return fixtures.liveBoxes(member, cycle);
    }

    /** The run is DONE, each member holds one live box of the cycle and the stock is exact. */
    private void assertDoneWithEveryMemberBoxedOnce(
            JsonPath run, List<UUID> members, List<UUID> products, int initial, String cycle) {
        assertThat(run.getString("status")).isEqualTo("DONE");
        assertThat(members)
                .allSatisfy(member -> assertThat(boxes(member, cycle))
                        .as("boxes of " + member)
                        .isEqualTo(1));
        assertStockExact(products, initial, cycle);
    }

    private void assertStockExact(List<UUID> products, int initial, String cycle) {
        fixtures.assertStockExact(products, initial, cycle);
    }
}
