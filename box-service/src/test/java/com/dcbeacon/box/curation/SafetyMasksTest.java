package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

/** The hard rules compiled to bit masks answer exactly as {@link SafetyRules#allows}, member after member. */
class SafetyMasksTest {

    /**
     * Several members asked in turn over one catalogue (so a member's marks must not leak into the next one's answers):
     * every answer is the rule's. Both answers occur often.
     */
    @Property(tries = 500)
    void answersAsTheRuleForEveryMemberAndProduct(
            @ForAll("catalogues") List<Product> catalogue, @ForAll("members") List<CurationMember> members) {
        SafetyMasks masks = new SafetyMasks(catalogue);
        int allowed = 0;
        int refused = 0;
        for (CurationMember member : members) {
            SafetyMasks.Member rules = masks.forMember(member);
            for (int i = 0; i < catalogue.size(); i++) {
                boolean expected = SafetyRules.allows(member, catalogue.get(i));
                assertThat(rules.allows(i))
                        .as("%s for %s", catalogue.get(i), member)
                        .isEqualTo(expected);
                assertThat(rules.rated(i))
                        .as("rated: %s by %s", catalogue.get(i), member)
                        .isEqualTo(member.ratings().containsKey(catalogue.get(i).productId()));
                if (expected) {
                    allowed++;
                } else {
                    refused++;
                }
            }
            rules.done();
        }
        Statistics.label("both answers given")
                .collect(allowed > 0 && refused > 0)
                .coverage(c -> c.check(true).percentage(p -> p >= 50.0));
    }

    @Provide
    Arbitrary<List<Product>> catalogues() {
        return CurationArbitraries.wideCatalogues();
    }

    /**
     * Members as the curation's properties generate them, and as many again with up to three diets and with allergens
     * and diets that no product of the catalogues carries ({@code LUPIN}, {@code HALAL}).
     */
    @Provide
    Arbitrary<List<CurationMember>> members() {
        Arbitrary<CurationMember> wider = Combinators.combine(
                        CurationArbitraries.members(),
                        Arbitraries.of(ALLERGENS_AND_ONE_NO_PRODUCT_HAS).set().ofMaxSize(2),
                        Arbitraries.of(DIETS_AND_ONE_NO_PRODUCT_HAS).set().ofMaxSize(3))
                .as((m, allergens, diets) -> new CurationMember(
                        m.memberId(),
                        m.itemsPerBox(),
                        allergens,
                        diets,
                        m.likedCategories(),
                        m.dislikedCategories(),
                        m.ratings(),
                        m.recentlyReceived()));
        return Arbitraries.oneOf(CurationArbitraries.members(), wider)
                .list()
                .ofMinSize(1)
                .ofMaxSize(6);
    }

    private static final List<String> ALLERGENS_AND_ONE_NO_PRODUCT_HAS = Stream.concat(
                    CurationArbitraries.ALLERGENS.stream(), Stream.of("LUPIN"))
            .toList();
    private static final List<String> DIETS_AND_ONE_NO_PRODUCT_HAS = Stream.concat(
                    CurationArbitraries.DIETS.stream(), Stream.of("HALAL"))
            .toList();

    @Test
    void shouldRefuseASecondMemberWhileTheFirstIsNotDone() {
        Product plain = product(new UUID(1, 1), Set.of());
        SafetyMasks masks = new SafetyMasks(List.of(plain));
        CurationMember first = member(Set.of());
        CurationMember second = member(Set.of());
        SafetyMasks.Member rules = masks.forMember(first);

        assertThatThrownBy(() -> masks.forMember(second)).isInstanceOf(IllegalStateException.class);
        rules.done();
        assertThat(masks.forMember(second).allows(0))
                .as("positive anchor: once the first is done, the second is asked")
                .isTrue();
    }

    @Test
    void shouldAnswerAsTheRuleWhenTheCatalogueHasMoreAllergensThanBitsInAMask() {
        Set<String> many = IntStream.range(0, 70).mapToObj(i -> "ALLERGEN_" + i).collect(Collectors.toSet());
        Product everything = product(new UUID(1, 1), many);
        Product plain = product(new UUID(1, 2), Set.of());
        CurationMember allergicToTheLast = member(Set.of("ALLERGEN_69"));
        SafetyMasks.Member rules = new SafetyMasks(List.of(everything, plain)).forMember(allergicToTheLast);

        assertThat(rules.allows(0))
                .as("a product with the member's 70th allergen")
                .isFalse();
        assertThat(rules.allows(1)).as("positive anchor: a product without it").isTrue();
    }

    @Test
    void shouldRefuseACatalogueHoldingAProductTwice() {
        Product once = product(new UUID(1, 1), Set.of());
        assertThatThrownBy(() -> new SafetyMasks(List.of(once, once))).isInstanceOf(IllegalArgumentException.class);
    }

    private static CurationMember member(Set<String> allergens) {
        return new CurationMember(UUID.randomUUID(), 2, allergens, Set.of(), Set.of(), Set.of(), Map.of(), Set.of());
    }

    private static Product product(UUID id, Set<String> allergens) {
        return new Product(
                id, new UUID(2, 0), "Brand", "SKU", "Snack", "chips", allergens, Set.of(), Set.of("VEGAN"), 5);
    }
}
