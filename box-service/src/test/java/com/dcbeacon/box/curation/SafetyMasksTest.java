package com.dcbeacon.box.curation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitrary;
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

    @Provide
    Arbitrary<List<CurationMember>> members() {
        return CurationArbitraries.members().list().ofMinSize(1).ofMaxSize(6);
    }

    @Test
    void shouldAnswerAsTheRuleWhenTheCatalogueHasMoreAllergensThanBitsInAMask() {
        Set<String> many = IntStream.range(0, 70).mapToObj(i -> "ALLERGEN_" + i).collect(Collectors.toSet());
        Product everything = product(new UUID(1, 1), many);
        Product plain = product(new UUID(1, 2), Set.of());
        CurationMember allergicToTheLast = new CurationMember(
                UUID.randomUUID(), 2, Set.of("ALLERGEN_69"), Set.of(), Set.of(), Set.of(), Map.of(), Set.of());
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

    private static Product product(UUID id, Set<String> allergens) {
        return new Product(
                id, new UUID(2, 0), "Brand", "SKU", "Snack", "chips", allergens, Set.of(), Set.of("VEGAN"), 5);
    }
}
