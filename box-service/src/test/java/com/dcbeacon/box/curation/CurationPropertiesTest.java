package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Each hard rule of curation, over generated members, catalogues, ratings, histories and campaigns. */
class CurationPropertiesTest {

    record World(List<CurationMember> members, List<Product> catalogue, List<Campaign> campaigns) {}

    @Property(tries = 300)
    void noBoxEverContainsAnAllergenOrMayContainOfItsMember(@ForAll("worlds") World world) {
        forEachItem(world, (member, item) -> {
            assertThat(java.util.Collections.disjoint(item.product().allergens(), member.allergens()))
                    .as(
                            "%s declares %s, member is allergic to %s",
                            item.product().sku(), item.product().allergens(), member.allergens())
                    .isTrue();
            assertThat(java.util.Collections.disjoint(item.product().mayContain(), member.allergens()))
                    .as(
                            "%s may contain %s, member is allergic to %s",
                            item.product().sku(), item.product().mayContain(), member.allergens())
                    .isTrue();
        });
    }

    @Property(tries = 300)
    void everyDietaryTagOfTheMemberIsMet(@ForAll("worlds") World world) {
        forEachItem(
                world,
                (member, item) -> assertThat(item.product().dietaryTags()).containsAll(member.dietaryTags()));
    }

    @Property(tries = 300)
    void nothingRatedLowDislikedOrRecentlyReceived(@ForAll("worlds") World world) {
        forEachItem(world, (member, item) -> {
            assertThat(member.ratings().getOrDefault(item.product().productId(), 5))
                    .isGreaterThanOrEqualTo(3);
            assertThat(member.dislikedCategories())
                    .doesNotContain(item.product().category());
            assertThat(member.recentlyReceived()).doesNotContain(item.product().productId());
        });
    }

    @Property(tries = 300)
    void neverMoreThanStockOrTheCampaignCommitted(@ForAll("worlds") World world) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, Long> used = result.boxes().stream()
                .flatMap(b -> b.items().stream())
                .collect(Collectors.groupingBy(i -> i.product().productId(), Collectors.counting()));
        for (Product p : world.catalogue()) {
            assertThat(used.getOrDefault(p.productId(), 0L))
                    .as("units of " + p.sku())
                    .isLessThanOrEqualTo(Math.max(0, p.stock()));
        }
        Map<UUID, Integer> committed = new HashMap<>();
        world.campaigns().forEach(c -> committed.merge(c.productId(), c.units(), Integer::sum));
        Map<UUID, Long> sponsored = result.boxes().stream()
                .flatMap(b -> b.items().stream())
                .filter(CuratedBox.Item::sponsored)
                .collect(Collectors.groupingBy(i -> i.product().productId(), Collectors.counting()));
        sponsored.forEach((id, n) -> assertThat(n).isLessThanOrEqualTo(committed.getOrDefault(id, 0)));
        assertThat(result.allocatedUnits())
                .isEqualTo(used.entrySet().stream()
                        .collect(Collectors.toMap(
                                Map.Entry::getKey, e -> e.getValue().intValue())));
    }

    @Property(tries = 300)
    void exactlyThePlanSizeOrFewerWithTheShortfallReported(@ForAll("worlds") World world) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, CurationMember> members =
                world.members().stream().collect(Collectors.toMap(CurationMember::memberId, m -> m));
        assertThat(result.boxes()).hasSameSizeAs(world.members());
        for (CuratedBox box : result.boxes()) {
            int plan = members.get(box.memberId()).itemsPerBox();
            assertThat(box.items().size() + box.shortfall()).isEqualTo(plan);
            assertThat(box.items().stream()
                            .map(i -> i.product().productId())
                            .distinct()
                            .count())
                    .isEqualTo(box.items().size());
            assertThat(box.items().stream().filter(CuratedBox.Item::sponsored).count())
                    .isLessThanOrEqualTo(Curator.MAX_SPONSORED_PER_BOX);
            assertThat(box.items()).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
        }
    }

    @Property(tries = 300)
    void sponsoredItemsAreGoodPicksForThatMember(@ForAll("worlds") World world) {
        Map<UUID, Product> catalogue = world.catalogue().stream().collect(Collectors.toMap(Product::productId, p -> p));
        forEachItem(world, (member, item) -> {
            if (item.sponsored()) {
                assertThat(TasteScore.score(member, item.product(), List.of(), catalogue)
                                .score())
                        .isGreaterThanOrEqualTo(TasteScore.GOOD_PICK);
            }
        });
    }

    @Property(tries = 300)
    void thePointsARunScoresWithAreTheScoreOfTasteScore(@ForAll("worlds") World world) {
        // The run scores without building reasons (TasteScore.Points); its points must be the score, box by box.
        Map<UUID, Product> catalogue = world.catalogue().stream().collect(Collectors.toMap(Product::productId, p -> p));
        List<CuratedBox.Item> box = world.catalogue().stream()
                .limit(3)
                .map(p -> new CuratedBox.Item(p, "in the box", false, 0))
                .toList();
        for (CurationMember member : world.members()) {
            TasteScore.Points points = TasteScore.points(member, catalogue);
            for (Product product : world.catalogue()) {
                for (int inBox = 0; inBox <= box.size(); inBox++) {
                    List<CuratedBox.Item> soFar = box.subList(0, inBox);
                    assertThat(points.of(product, soFar))
                            .isEqualTo(TasteScore.score(member, product, soFar, catalogue)
                                    .score());
                }
            }
        }
    }

    @Property(tries = 200)
    void noItemScoresBelowASafeProductLeftOnTheShelf(@ForAll("wideWorlds") World world) {
        // No member gets an item scoring less, next to the items picked before it, than a safe product still on the
        // shelf after the run would have: that product had stock at every pick. So no member's box falls to 0 while a
        // box passing their hard rules was still in stock.
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, Product> catalogue = world.catalogue().stream().collect(Collectors.toMap(Product::productId, p -> p));
        List<Product> leftOnTheShelf = world.catalogue().stream()
                .filter(p -> p.stock() > result.allocatedUnits().getOrDefault(p.productId(), 0))
                .toList();
        Map<UUID, CurationMember> members =
                world.members().stream().collect(Collectors.toMap(CurationMember::memberId, m -> m));
        for (CuratedBox box : result.boxes()) {
            CurationMember member = members.get(box.memberId());
            for (int i = 0; i < box.items().size(); i++) {
                List<CuratedBox.Item> before = box.items().subList(0, i);
                CuratedBox.Item item = box.items().get(i);
                for (Product shelf : leftOnTheShelf) {
                    if (SafetyRules.allows(member, shelf)
                            && before.stream()
                                    .noneMatch(b -> b.product().productId().equals(shelf.productId()))) {
                        assertThat(item.score())
                                .as(
                                        "item %d (%s) against %s left on the shelf",
                                        i, item.product().sku(), shelf.sku())
                                .isGreaterThanOrEqualTo(TasteScore.score(member, shelf, before, catalogue)
                                        .score());
                    }
                }
            }
            if (box.shortfall() > 0) {
                assertThat(leftOnTheShelf)
                        .as("a slot stays empty only when no safe product is left")
                        .noneMatch(p -> SafetyRules.allows(member, p)
                                && box.items().stream()
                                        .noneMatch(b -> b.product().productId().equals(p.productId())));
            }
        }
    }

    @Property(tries = 500)
    void noBoxForPausedSkippingOrCancelledMembers(
            @ForAll("subscriptions") BoxEligibility.Subscription s, @ForAll("cycles") YearMonth cycle) {
        boolean receives = BoxEligibility.receivesBox(s, cycle);
        if (s.status() == BoxEligibility.Status.CANCELLED || s.skippedCycles().contains(cycle.toString())) {
            assertThat(receives).isFalse();
        }
        boolean pausedThrough = s.pausedUntil() == null
                ? s.status() == BoxEligibility.Status.PAUSED
                : !cycle.isAfter(YearMonth.parse(s.pausedUntil()));
        if (pausedThrough) {
            assertThat(receives)
                    .as("paused through it, now or by a pause that ended")
                    .isFalse();
        }
        if (s.status() != BoxEligibility.Status.CANCELLED
                && !pausedThrough
                && !s.skippedCycles().contains(cycle.toString())) {
            assertThat(receives).isTrue();
        }
    }

    private static void forEachItem(World world, java.util.function.BiConsumer<CurationMember, CuratedBox.Item> check) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, CurationMember> members =
                world.members().stream().collect(Collectors.toMap(CurationMember::memberId, m -> m));
        for (CuratedBox box : result.boxes()) {
            box.items().forEach(item -> check.accept(members.get(box.memberId()), item));
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        return Combinators.combine(
                        CurationArbitraries.members().list().ofMinSize(1).ofMaxSize(12),
                        CurationArbitraries.catalogues(),
                        CurationArbitraries.campaigns())
                .as(World::new);
    }

    /** Catalogues larger than a member's shortlist, a few members with plans of up to 20 items. */
    @Provide
    Arbitrary<World> wideWorlds() {
        Arbitrary<CurationMember> bigPlans = CurationArbitraries.members()
                .flatMap(m -> Arbitraries.integers()
                        .between(1, 20)
                        .map(size -> new CurationMember(
                                m.memberId(),
                                size,
                                m.allergens(),
                                m.dietaryTags(),
                                m.likedCategories(),
                                m.dislikedCategories(),
                                m.ratings(),
                                m.recentlyReceived())));
        return Combinators.combine(
                        bigPlans.list().ofMinSize(1).ofMaxSize(8).uniqueElements(CurationMember::memberId),
                        CurationArbitraries.wideCatalogues(),
                        CurationArbitraries.campaigns())
                .as(World::new);
    }

    @Provide
    Arbitrary<BoxEligibility.Subscription> subscriptions() {
        Arbitrary<String> cycle = cycles().map(YearMonth::toString);
        return Combinators.combine(
                        Arbitraries.of(BoxEligibility.Status.class),
                        cycle.injectNull(0.3),
                        cycle.set().ofMaxSize(3))
                .as(BoxEligibility.Subscription::new);
    }

    @Provide
    Arbitrary<YearMonth> cycles() {
        return Arbitraries.integers()
                .between(0, 12)
                .map(i -> YearMonth.of(2026, 6).plusMonths(i));
    }
}
