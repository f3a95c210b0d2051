package com.dcbeacon.brand.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;

class DietaryClaimsTest {

    /**
     * The rule as the issue states it, written out independently of DietaryClaims: tag, allergen, and whether a
     * "may contain" trace of it is enough to contradict the tag.
     */
    private static final List<Object[]> CONTRADICTIONS = List.of(
            new Object[] {"GLUTEN_FREE", "GLUTEN", true},
            new Object[] {"DAIRY_FREE", "MILK", true},
            new Object[] {"NUT_FREE", "PEANUTS", true},
            new Object[] {"NUT_FREE", "TREE_NUTS", true},
            new Object[] {"VEGAN", "MILK", false},
            new Object[] {"VEGAN", "EGGS", false},
            new Object[] {"VEGAN", "FISH", false},
            new Object[] {"VEGAN", "CRUSTACEANS", false},
            new Object[] {"VEGAN", "MOLLUSCS", false},
            new Object[] {"VEGETARIAN", "FISH", false},
            new Object[] {"VEGETARIAN", "CRUSTACEANS", false},
            new Object[] {"VEGETARIAN", "MOLLUSCS", false});

    @Test
    void shouldFindFreeFromClaimsContradictedByADeclaredOrMayContainAllergen() {
        assertThat(DietaryClaims.contradictions(List.of("GLUTEN"), List.of(), List.of("GLUTEN_FREE")))
                .extracting(DietaryClaims.Contradiction::message)
                .containsExactly("GLUTEN_FREE contradicts the declared allergen GLUTEN");
        assertThat(DietaryClaims.contradictions(List.of(), List.of("MILK"), List.of("DAIRY_FREE")))
                .extracting(DietaryClaims.Contradiction::message)
                .containsExactly("DAIRY_FREE contradicts the 'may contain' warning MILK");
        assertThat(DietaryClaims.contradictions(List.of("PEANUTS"), List.of("TREE_NUTS"), List.of("NUT_FREE")))
                .extracting(DietaryClaims.Contradiction::allergen)
                .containsExactly("PEANUTS", "TREE_NUTS");
    }

    @Test
    void shouldFindDietsContradictedOnlyByDeclaredAllergens() {
        assertThat(DietaryClaims.contradictions(List.of("EGGS"), List.of(), List.of("VEGAN")))
                .extracting(DietaryClaims.Contradiction::message)
                .containsExactly("VEGAN contradicts the declared allergen EGGS");
        assertThat(DietaryClaims.contradictions(List.of("MOLLUSCS"), List.of(), List.of("VEGETARIAN")))
                .extracting(DietaryClaims.Contradiction::tag)
                .containsExactly("VEGETARIAN");
        assertThat(DietaryClaims.contradictions(
                        List.of(), List.of("MILK", "EGGS", "FISH"), List.of("VEGAN", "VEGETARIAN")))
                .as("a trace is cross-contamination, not an ingredient")
                .isEmpty();
        assertThat(DietaryClaims.contradictions(List.of("MILK", "EGGS"), List.of(), List.of("VEGETARIAN")))
                .as("milk and eggs are vegetarian")
                .isEmpty();
    }

    @Test
    void shouldAcceptConsistentTagsAndUnrelatedAllergens() {
        assertThat(DietaryClaims.contradictions(
                        List.of("SESAME", "SOYBEANS"),
                        List.of("PEANUTS"),
                        List.of("VEGAN", "GLUTEN_FREE", "DAIRY_FREE", "KOSHER")))
                .isEmpty();
        assertThat(DietaryClaims.contradictions(null, null, List.of("NUT_FREE")))
                .isEmpty();
    }

    @Test
    void shouldRejectAContradictoryProductNamingDietaryTags() {
        ProductInput crisps = product(List.of("MILK"), List.of("GLUTEN"), List.of("VEGAN", "GLUTEN_FREE"));

        assertThat(ProductValidation.violations(crisps))
                .extracting(Violation::field, Violation::message)
                .containsExactly(
                        tuple("dietaryTags", "GLUTEN_FREE contradicts the 'may contain' warning GLUTEN"),
                        tuple("dietaryTags", "VEGAN contradicts the declared allergen MILK"));
        assertThat(ProductValidation.violations(product(List.of("MILK"), List.of("GLUTEN"), List.of("VEGETARIAN"))))
                .as("the same product tagged consistently")
                .isEmpty();
    }

    /** No product validation accepts carries a pair the rule forbids, and none is refused for tags it does not forbid. */
    @Property(tries = 2000)
    void acceptedProductsNeverCarryAContradictingPair(
            @ForAll("codes") Set<String> allergens,
            @ForAll("codes") Set<String> mayContain,
            @ForAll("tags") Set<String> tags) {
        ProductInput input = product(new ArrayList<>(allergens), new ArrayList<>(mayContain), new ArrayList<>(tags));
        boolean accepted = ProductValidation.violations(input).isEmpty();

        boolean forbidden = CONTRADICTIONS.stream()
                .anyMatch(c -> tags.contains((String) c[0])
                        && (allergens.contains((String) c[1])
                                || ((Boolean) c[2] && mayContain.contains((String) c[1]))));
        assertThat(accepted).isEqualTo(!forbidden);
        Statistics.collect(accepted ? "accepted" : "refused");
        Statistics.coverage(c -> {
            c.check("accepted").percentage(p -> p > 10);
            c.check("refused").percentage(p -> p > 10);
        });
    }

    @Provide
    Arbitrary<Set<String>> codes() {
        return Arbitraries.of(ProductValidation.ALLERGENS).set().ofMaxSize(4);
    }

    @Provide
    Arbitrary<Set<String>> tags() {
        return Arbitraries.of(ProductValidation.DIETARY_TAGS).set().ofMaxSize(4);
    }

    private static ProductInput product(List<String> allergens, List<String> mayContain, List<String> tags) {
        return new ProductInput(
                "P-1", "Crisps", "chips", null, List.of("potato"), allergens, mayContain, tags, 100L, 40, 10);
    }

    @Test
    void shouldNameOnlyCodesOfTheEventContract() {
        for (var rules : List.of(DietaryClaims.FREE_FROM, DietaryClaims.DIETS)) {
            assertThat(ProductValidation.DIETARY_TAGS).containsAll(rules.keySet());
            rules.values()
                    .forEach(
                            allergens -> assertThat(ProductValidation.ALLERGENS).containsAll(allergens));
        }
    }
}
