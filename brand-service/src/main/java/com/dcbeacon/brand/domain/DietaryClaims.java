package com.dcbeacon.brand.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which dietary tags a product's own allergen declaration contradicts. A member who trusts a tag must be able to
 * trust it without reading the allergen list, so a product that claims it and declares the opposite is refused.
 *
 * <p>Sources: the allergen codes are the 14 substances of Annex II of Regulation (EU) No 1169/2011 (food information
 * to consumers). Free-from claims are voluntary food information, which Article 36(2) forbids to mislead or be
 * ambiguous; "gluten-free" is further bounded by Implementing Regulation (EU) No 828/2014. Article 36(3)(a) covers the
 * precautionary "may contain" statement and 36(3)(b) suitability for vegetarians or vegans.
 *
 * <ul>
 *   <li>Free-from claims contradict the allergen whether it is declared or only "may contain": a trace is exactly what
 *       the person relying on the claim cannot have. GLUTEN_FREE vs GLUTEN (cereals containing gluten), DAIRY_FREE vs
 *       MILK, NUT_FREE vs PEANUTS or TREE_NUTS. This is stricter than the law allows (oats specially produced may
 *       carry both "gluten-free" and a cereal declaration): we refuse rather than guess.</li>
 *   <li>VEGAN contradicts declared MILK, EGGS, FISH, CRUSTACEANS or MOLLUSCS; VEGETARIAN declared FISH, CRUSTACEANS or
 *       MOLLUSCS. A "may contain" trace of these is cross-contamination, not an ingredient, so it does not contradict
 *       the diet; it still keeps the product away from members allergic to it (curation reads mayContain).</li>
 * </ul>
 * Codes are the event contract's, as {@link ProductValidation#ALLERGENS} and {@link ProductValidation#DIETARY_TAGS} hold
 * them (DietaryClaimsTest checks every code named here is one of them).
 */
public final class DietaryClaims {

    /** Tag → allergens that contradict it when declared or "may contain". */
    static final Map<String, Set<String>> FREE_FROM = Map.of(
            "GLUTEN_FREE", Set.of("GLUTEN"),
            "DAIRY_FREE", Set.of("MILK"),
            "NUT_FREE", Set.of("PEANUTS", "TREE_NUTS"));

    /** Tag → allergens that contradict it when declared. */
    static final Map<String, Set<String>> DIETS = Map.of(
            "VEGAN", Set.of("MILK", "EGGS", "FISH", "CRUSTACEANS", "MOLLUSCS"),
            "VEGETARIAN", Set.of("FISH", "CRUSTACEANS", "MOLLUSCS"));

    /** A tag that the product's allergen data contradicts. */
    public record Contradiction(String tag, String allergen, boolean mayContainOnly) {

        public String message() {
            return tag + " contradicts " + (mayContainOnly ? "the 'may contain' warning " : "the declared allergen ")
                    + allergen;
        }
    }

    private DietaryClaims() {}

    /** Every contradiction, in tag order; empty when the tags are consistent. Null lists are treated as empty. */
    public static List<Contradiction> contradictions(
            Collection<String> allergens, Collection<String> mayContain, Collection<String> dietaryTags) {
        Collection<String> declared = allergens == null ? List.of() : allergens;
        Collection<String> traces = mayContain == null ? List.of() : mayContain;
        List<Contradiction> found = new ArrayList<>();
        if (dietaryTags == null) {
            return found;
        }
        for (String tag : dietaryTags.stream()
                .filter(Objects::nonNull)
                .sorted()
                .distinct()
                .toList()) {
            for (String allergen :
                    FREE_FROM.getOrDefault(tag, Set.of()).stream().sorted().toList()) {
                if (declared.contains(allergen)) {
                    found.add(new Contradiction(tag, allergen, false));
                } else if (traces.contains(allergen)) {
                    found.add(new Contradiction(tag, allergen, true));
                }
            }
            for (String allergen :
                    DIETS.getOrDefault(tag, Set.of()).stream().sorted().toList()) {
                if (declared.contains(allergen)) {
                    found.add(new Contradiction(tag, allergen, false));
                }
            }
        }
        return found;
    }
}
