package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Each hard rule of curation, over generated members, catalogues, ratings, histories and campaigns. */
class CurationPropertiesTest {

    private static final List<String> ALLERGENS = List.of("PEANUTS", "MILK", "GLUTEN", "SESAME", "EGGS");
    private static final List<String> DIETS = List.of("VEGAN", "VEGETARIAN", "GLUTEN_FREE");
    private static final List<String> CATEGORIES = List.of("chips", "bars", "sweets", "nuts");
    private static final List<UUID> PRODUCT_IDS = IntStream.range(0, 30).mapToObj(i -> new UUID(1, i)).toList();
    private static final List<UUID> BRANDS = IntStream.range(0, 4).mapToObj(i -> new UUID(2, i)).toList();

    record World(List<MemberProfile> members, List<Product> catalogue, List<Campaign> campaigns) {
    }

    @Property(tries = 300)
    void noBoxEverContainsAnAllergenOrMayContainOfItsMember(@ForAll("worlds") World world) {
        forEachItem(world, (member, item) -> {
            assertThat(java.util.Collections.disjoint(item.product().allergens(), member.allergens()))
                    .as("%s declares %s, member is allergic to %s", item.product().sku(), item.product().allergens(), member.allergens()).isTrue();
            assertThat(java.util.Collections.disjoint(item.product().mayContain(), member.allergens()))
                    .as("%s may contain %s, member is allergic to %s", item.product().sku(), item.product().mayContain(), member.allergens()).isTrue();
        });
    }

    @Property(tries = 300)
    void everyDietaryTagOfTheMemberIsMet(@ForAll("worlds") World world) {
        forEachItem(world, (member, item) -> assertThat(item.product().dietaryTags()).containsAll(member.dietaryTags()));
    }

    @Property(tries = 300)
    void nothingRatedLowDislikedOrRecentlyReceived(@ForAll("worlds") World world) {
        forEachItem(world, (member, item) -> {
            assertThat(member.ratings().getOrDefault(item.product().productId(), 5)).isGreaterThanOrEqualTo(3);
            assertThat(member.dislikedCategories()).doesNotContain(item.product().category());
            assertThat(member.recentlyReceived()).doesNotContain(item.product().productId());
        });
    }

    @Property(tries = 300)
    void neverMoreThanStockOrTheCampaignCommitted(@ForAll("worlds") World world) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, Long> used = result.boxes().stream().flatMap(b -> b.items().stream())
                .collect(Collectors.groupingBy(i -> i.product().productId(), Collectors.counting()));
        for (Product p : world.catalogue()) {
            assertThat(used.getOrDefault(p.productId(), 0L)).as("units of " + p.sku()).isLessThanOrEqualTo(Math.max(0, p.stock()));
        }
        Map<UUID, Integer> committed = new HashMap<>();
        world.campaigns().forEach(c -> committed.merge(c.productId(), c.units(), Integer::sum));
        Map<UUID, Long> sponsored = result.boxes().stream().flatMap(b -> b.items().stream()).filter(CuratedBox.Item::sponsored)
                .collect(Collectors.groupingBy(i -> i.product().productId(), Collectors.counting()));
        sponsored.forEach((id, n) -> assertThat(n).isLessThanOrEqualTo(committed.getOrDefault(id, 0)));
        assertThat(result.allocatedUnits()).isEqualTo(used.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().intValue())));
    }

    @Property(tries = 300)
    void exactlyThePlanSizeOrFewerWithTheShortfallReported(@ForAll("worlds") World world) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, MemberProfile> members = world.members().stream().collect(Collectors.toMap(MemberProfile::memberId, m -> m));
        assertThat(result.boxes()).hasSameSizeAs(world.members());
        for (CuratedBox box : result.boxes()) {
            int plan = members.get(box.memberId()).itemsPerBox();
            assertThat(box.items().size() + box.shortfall()).isEqualTo(plan);
            assertThat(box.items().stream().map(i -> i.product().productId()).distinct().count()).isEqualTo(box.items().size());
            assertThat(box.items().stream().filter(CuratedBox.Item::sponsored).count()).isLessThanOrEqualTo(Curator.MAX_SPONSORED_PER_BOX);
            assertThat(box.items()).allSatisfy(i -> assertThat(i.reason()).isNotBlank());
        }
    }

    @Property(tries = 300)
    void sponsoredItemsAreGoodPicksForThatMember(@ForAll("worlds") World world) {
        Map<UUID, Product> catalogue = world.catalogue().stream().collect(Collectors.toMap(Product::productId, p -> p));
        forEachItem(world, (member, item) -> {
            if (item.sponsored()) {
                assertThat(TasteScore.score(member, item.product(), List.of(), catalogue).score())
                        .isGreaterThanOrEqualTo(TasteScore.GOOD_PICK);
            }
        });
    }

    @Property(tries = 500)
    void noBoxForPausedSkippingOrCancelledMembers(@ForAll("subscriptions") BoxEligibility.Subscription s,
            @ForAll("cycles") YearMonth cycle) {
        boolean receives = BoxEligibility.receivesBox(s, cycle);
        if (s.status() == BoxEligibility.Status.CANCELLED || s.skippedCycles().contains(cycle.toString())) {
            assertThat(receives).isFalse();
        }
        if (s.status() == BoxEligibility.Status.PAUSED
                && (s.pausedUntil() == null || !cycle.isAfter(YearMonth.parse(s.pausedUntil())))) {
            assertThat(receives).isFalse();
        }
        if (s.status() == BoxEligibility.Status.ACTIVE && !s.skippedCycles().contains(cycle.toString())) {
            assertThat(receives).isTrue();
        }
    }

    private static void forEachItem(World world, java.util.function.BiConsumer<MemberProfile, CuratedBox.Item> check) {
        Curator.Result result = Curator.curate("2026-12", world.members(), world.catalogue(), world.campaigns());
        Map<UUID, MemberProfile> members = world.members().stream().collect(Collectors.toMap(MemberProfile::memberId, m -> m));
        for (CuratedBox box : result.boxes()) {
            box.items().forEach(item -> check.accept(members.get(box.memberId()), item));
        }
    }

    @Provide
    Arbitrary<World> worlds() {
        Arbitrary<Set<String>> someAllergens = Arbitraries.of(ALLERGENS).set().ofMaxSize(2);
        Arbitrary<Set<String>> someDiets = Arbitraries.of(DIETS).set().ofMaxSize(2);
        Arbitrary<Product> product = Combinators.combine(Arbitraries.of(PRODUCT_IDS), Arbitraries.of(BRANDS),
                        Arbitraries.of(CATEGORIES), someAllergens, someAllergens, someDiets, Arbitraries.integers().between(0, 6))
                .as((id, brand, category, allergens, mayContain, diets, stock) -> new Product(id, brand, "Brand",
                        "SKU-" + id.getLeastSignificantBits(), "Snack " + id.getLeastSignificantBits(), category, allergens,
                        mayContain, diets, stock));
        Arbitrary<List<Product>> catalogue = product.list().ofMaxSize(25).uniqueElements(Product::productId);
        Arbitrary<Map<UUID, Integer>> ratings = Arbitraries.maps(Arbitraries.of(PRODUCT_IDS), Arbitraries.integers().between(1, 5)).ofMaxSize(6);
        Arbitrary<MemberProfile> member = Combinators.combine(Arbitraries.integers().between(1, 6),
                        Arbitraries.of(ALLERGENS).set().ofMaxSize(2), Arbitraries.of(DIETS).set().ofMaxSize(1),
                        Arbitraries.of(CATEGORIES).set().ofMaxSize(2), Arbitraries.of(CATEGORIES).set().ofMaxSize(1), ratings,
                        Arbitraries.of(PRODUCT_IDS).set().ofMaxSize(4))
                .as((size, allergens, diets, liked, disliked, rated, recent) -> {
                    Set<String> likedOnly = new HashSet<>(liked);
                    likedOnly.removeAll(disliked);
                    return new MemberProfile(UUID.randomUUID(), size, allergens, diets, likedOnly, disliked, rated, recent);
                });
        Arbitrary<List<Campaign>> campaigns = Combinators.combine(Arbitraries.of(PRODUCT_IDS), Arbitraries.integers().between(1, 4),
                Arbitraries.integers().between(1, 2)).as(Campaign::new).list().ofMaxSize(4);
        return Combinators.combine(member.list().ofMinSize(1).ofMaxSize(12), catalogue, campaigns).as(World::new);
    }

    @Provide
    Arbitrary<BoxEligibility.Subscription> subscriptions() {
        Arbitrary<String> cycle = cycles().map(YearMonth::toString);
        return Combinators.combine(Arbitraries.of(BoxEligibility.Status.class), cycle.injectNull(0.3), cycle.set().ofMaxSize(3))
                .as(BoxEligibility.Subscription::new);
    }

    @Provide
    Arbitrary<YearMonth> cycles() {
        return Arbitraries.integers().between(0, 12).map(i -> YearMonth.of(2026, 6).plusMonths(i));
    }
}
