package com.dcbeacon.brand.domain;

import com.dcbeacon.platform.events.Allergen;
import com.dcbeacon.platform.events.DietaryTag;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The rules a product must meet before members can receive it, above all complete allergen data and dietary
 * tags its allergens do not contradict ({@link DietaryClaims}). One implementation for the JSON endpoints and every
 * row of an import, so both refuse the same things with the same words.
 */
public final class ProductValidation {

    /** The allergen codes a product may declare: the event contract's ({@link Allergen}). */
    public static final Set<String> ALLERGENS =
            Arrays.stream(Allergen.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());
    /** The dietary tags a product may carry: the event contract's ({@link DietaryTag}). */
    public static final Set<String> DIETARY_TAGS =
            Arrays.stream(DietaryTag.values()).map(Enum::name).collect(Collectors.toUnmodifiableSet());

    public static final int MAX_SKU_LENGTH = 64;
    /**
     * A SKU travels in URLs, CSV cells, event keys and warehouse labels: letters, digits, '.', '_' and '-', starting
     * with a letter or digit, at most {@value #MAX_SKU_LENGTH} characters. Checked when a product is created.
     */
    public static final Pattern SKU = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0," + (MAX_SKU_LENGTH - 1) + "}$");

    private ProductValidation() {}

    public static List<Violation> violations(ProductInput p) {
        List<Violation> v = new ArrayList<>();
        text(v, "sku", p.sku(), MAX_SKU_LENGTH, true);
        if (p.sku() != null && p.sku().chars().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            v.add(new Violation("sku", "must not contain spaces or control characters"));
        }
        text(v, "name", p.name(), 200, true);
        text(v, "category", p.category(), 60, true);
        text(v, "description", p.description(), 2000, false);
        if (p.ingredients() == null) {
            v.add(new Violation("ingredients", "is required (list the ingredients)"));
        } else {
            if (p.ingredients().size() > 100) {
                v.add(new Violation("ingredients", "must have at most 100 entries"));
            }
            for (int i = 0; i < p.ingredients().size(); i++) {
                text(v, "ingredients[" + i + "]", p.ingredients().get(i), 200, true);
            }
        }
        codes(v, "allergens", p.allergens(), ALLERGENS, "the 14 EU allergen codes");
        codes(v, "mayContain", p.mayContain(), ALLERGENS, "the 14 EU allergen codes");
        codes(v, "dietaryTags", p.dietaryTags(), DIETARY_TAGS, "the dietary tags");
        DietaryClaims.contradictions(p.allergens(), p.mayContain(), p.dietaryTags())
                .forEach(c -> v.add(new Violation("dietaryTags", c.message())));
        range(v, "unitCostCents", p.unitCostCents(), 0, 1_000_000);
        range(v, "weightGrams", p.weightGrams() == null ? null : p.weightGrams().longValue(), 1, 100_000);
        range(v, "stock", p.stock() == null ? null : p.stock().longValue(), 0, 10_000_000);
        return v;
    }

    /**
     * A new product's SKU must be in the {@link #SKU} alphabet. Only at creation: a product created before the
     * alphabet existed keeps its SKU and can still be updated under it.
     */
    public static List<Violation> newSku(String sku) {
        if (sku == null
                || sku.isBlank()
                || sku.length() > MAX_SKU_LENGTH
                || SKU.matcher(sku).matches()) {
            return List.of(); // missing or too long: already reported by violations()
        }
        return List.of(new Violation(
                "sku", "must use only letters, digits, '.', '_' and '-', starting with a letter or digit"));
    }

    private static void text(List<Violation> v, String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                v.add(new Violation(field, "is required"));
            }
        } else if (value.length() > max) {
            v.add(new Violation(field, "must be at most " + max + " characters"));
        } else if (value.indexOf('\0') >= 0) {
            v.add(new Violation(field, com.dcbeacon.platform.problem.NulCharacters.MESSAGE));
        }
    }

    private static void codes(List<Violation> v, String field, List<String> values, Set<String> allowed, String what) {
        if (values == null) {
            v.add(new Violation(
                    field,
                    "is required: list the codes, or [] for none (a missing or null field is never read as none)"));
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                v.add(new Violation(field + "[" + i + "]", "must be one of " + what + ", not null"));
            } else if (!allowed.contains(values.get(i))) {
                v.add(new Violation(
                        field + "[" + i + "]",
                        "'" + values.get(i) + "' is not one of " + what + ": "
                                + String.join(", ", allowed.stream().sorted().toList())));
            }
        }
        if (values.stream().distinct().count() != values.size()) {
            v.add(new Violation(field, "must not repeat a code"));
        }
    }

    private static void range(List<Violation> v, String field, Long value, long min, long max) {
        if (value == null) {
            v.add(new Violation(field, "is required"));
        } else if (value < min || value > max) {
            v.add(new Violation(field, "must be between " + min + " and " + max));
        }
    }
}
