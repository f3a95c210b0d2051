package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Each hard rule holds for a replacement item, over generated members, boxes, exclusions and catalogues. The
 * rules are written out again here rather than read from {@link SafetyRules}, so a gap there shows up.
 */
class ReplacementPropertiesTest {

    /** A member's box as it stands, what the caller excludes, and what could be picked. */
    record Scene(CurationMember member, List<Product> boxItemsNow, Set<UUID> excluded, List<Product> catalogue) {

        Optional<CuratedBox.Item> pick() {
            Optional<CuratedBox.Item> pick = Replacement.pick(member, boxItemsNow, excluded, catalogue);
            // Without enough picks every property below would pass on nothing.
            Statistics.label("picked")
                    .collect(pick.isPresent())
                    .coverage(c -> c.check(true).percentage(p -> p >= 30.0));
            return pick;
        }

        Set<UUID> inBox() {
            return boxItemsNow.stream().map(Product::productId).collect(Collectors.toSet());
        }

        /** Every rule a replacement must obey, checked one by one. */
        boolean eligible(Product p) {
            return Collections.disjoint(p.allergens(), member.allergens())
                    && Collections.disjoint(p.mayContain(), member.allergens())
                    && p.dietaryTags().containsAll(member.dietaryTags())
                    && !member.recentlyReceived().contains(p.productId())
                    && member.ratings().getOrDefault(p.productId(), 5) >= 3
                    && !member.dislikedCategories().contains(p.category())
                    && !inBox().contains(p.productId())
                    && !excluded.contains(p.productId())
                    && p.stock() > 0;
        }
    }

    @Property(tries = 500)
    void aPickCarriesNoAllergenOrMayContainOfTheMember(@ForAll("scenes") Scene scene) {
        scene.pick().ifPresent(item -> {
            assertThat(Collections.disjoint(
                            item.product().allergens(), scene.member().allergens()))
                    .as(
                            "%s declares %s, member is allergic to %s",
                            item.product().sku(),
                            item.product().allergens(),
                            scene.member().allergens())
                    .isTrue();
            assertThat(Collections.disjoint(
                            item.product().mayContain(), scene.member().allergens()))
                    .as(
                            "%s may contain %s, member is allergic to %s",
                            item.product().sku(),
                            item.product().mayContain(),
                            scene.member().allergens())
                    .isTrue();
        });
    }

    @Property(tries = 500)
    void aPickMeetsEveryDietaryTagOfTheMember(@ForAll("scenes") Scene scene) {
        scene.pick()
                .ifPresent(item -> assertThat(item.product().dietaryTags())
                        .containsAll(scene.member().dietaryTags()));
    }

    @Property(tries = 500)
    void aPickWasNotReceivedInTheLastThreeCycles(@ForAll("scenes") Scene scene) {
        scene.pick()
                .ifPresent(item -> assertThat(scene.member().recentlyReceived())
                        .doesNotContain(item.product().productId()));
    }

    @Property(tries = 500)
    void aPickIsNeitherRatedLowNorOfADislikedCategory(@ForAll("scenes") Scene scene) {
        scene.pick().ifPresent(item -> {
            assertThat(scene.member().ratings().getOrDefault(item.product().productId(), 5))
                    .isGreaterThanOrEqualTo(3);
            assertThat(scene.member().dislikedCategories())
                    .doesNotContain(item.product().category());
        });
    }

    @Property(tries = 500)
    void aPickIsNeitherInTheBoxNorExcluded(@ForAll("scenes") Scene scene) {
        scene.pick().ifPresent(item -> {
            assertThat(scene.inBox()).doesNotContain(item.product().productId());
            assertThat(scene.excluded()).doesNotContain(item.product().productId());
        });
    }

    @Property(tries = 500)
    void aPickHasStock(@ForAll("scenes") Scene scene) {
        scene.pick().ifPresent(item -> assertThat(item.product().stock()).isPositive());
    }

    @Property(tries = 500)
    void anItemIsPickedWheneverTheCatalogueHoldsOneThatObeysEveryRule(@ForAll("scenes") Scene scene) {
        boolean anyEligible = scene.catalogue().stream().anyMatch(scene::eligible);
        Statistics.label("an eligible product exists")
                .collect(anyEligible)
                .coverage(c -> c.check(true).percentage(p -> p >= 30.0));
        assertThat(scene.pick().isPresent())
                .as("picked, given an eligible product exists: %s", anyEligible)
                .isEqualTo(anyEligible);
    }

    @Property(tries = 500)
    void thePickIsTheBestTasteScoreNextToTheItemsThatStay(@ForAll("scenes") Scene scene) {
        Map<UUID, Product> products =
                scene.catalogue().stream().collect(Collectors.toMap(Product::productId, Function.identity()));
        List<CuratedBox.Item> box = scene.boxItemsNow().stream()
                .map(p -> new CuratedBox.Item(p, "in the box", false, 0))
                .toList();
        scene.pick().ifPresent(item -> {
            assertThat(item.score())
                    .isEqualTo(TasteScore.score(scene.member(), item.product(), box, products)
                            .score());
            scene.catalogue().stream()
                    .filter(scene::eligible)
                    .forEach(other -> assertThat(TasteScore.score(scene.member(), other, box, products)
                                    .score())
                            .as("score of %s", other.sku())
                            .isLessThanOrEqualTo(item.score()));
        });
    }

    @Property(tries = 500)
    void aPickIsNeverSponsoredAndSaysWhy(@ForAll("scenes") Scene scene) {
        scene.pick().ifPresent(item -> {
            assertThat(item.sponsored()).isFalse();
            assertThat(item.reason()).isNotBlank();
        });
    }

    @Provide
    Arbitrary<Scene> scenes() {
        Arbitrary<List<Product>> boxItems =
                CurationArbitraries.products().list().ofMaxSize(5).uniqueElements(Product::productId);
        Arbitrary<Set<UUID>> excluded =
                Arbitraries.of(CurationArbitraries.PRODUCT_IDS).set().ofMaxSize(4);
        return Combinators.combine(CurationArbitraries.members(), boxItems, excluded, CurationArbitraries.catalogues())
                .as(Scene::new);
    }
}
