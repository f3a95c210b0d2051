package com.dcbeacon.portal.pages;

import com.dcbeacon.portal.services.BrandApi;
import com.dcbeacon.portal.services.Problem;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The single product form as the brand filled it in: every field as typed, so a refused form comes back as it was
 * sent. Each of the 14 allergens needs an explicit answer (contains, may contain or free): an unanswered one is
 * refused at its field before brand-service is asked, never read as "free". The unit cost is typed in euros and
 * sent in cents exactly: more than two decimals is refused, nothing is rounded.
 */
public record ProductForm(
        String sku,
        String name,
        String category,
        String description,
        String ingredients,
        Map<String, String> allergenAnswers,
        List<String> dietaryTags,
        String unitCost,
        String weightGrams,
        String stock) {

    /** The answers one allergen can have; the form preselects none. */
    public static final String CONTAINS = "CONTAINS";

    public static final String MAY_CONTAIN = "MAY_CONTAIN";
    public static final String FREE = "FREE";
    static final List<String> ANSWERS = List.of(CONTAINS, MAY_CONTAIN, FREE);
    static final String UNANSWERED =
            "choose contains, may contain or free: an allergen left open is never read as free";

    /** brand-service's field names that the form shows at another field. */
    private static final Map<String, String> SERVICE_FIELDS = Map.of(
            "unitCostCents", "unitCost",
            "allergens", "allergenAnswers",
            "mayContain", "allergenAnswers");

    public static ProductForm empty() {
        return new ProductForm("", "", "", "", "", Map.of(), List.of(), "", "", "");
    }

    /** A product as brand-service holds it, for its edit form. */
    public static ProductForm of(BrandApi.Product p) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String code : PreferencePages.ALLERGENS) {
            answers.put(
                    code,
                    p.allergens().contains(code) ? CONTAINS : p.mayContain().contains(code) ? MAY_CONTAIN : FREE);
        }
        return new ProductForm(
                p.sku(),
                p.name(),
                p.category(),
                p.description() == null ? "" : p.description(),
                String.join(", ", p.ingredients()),
                answers,
                p.dietaryTags(),
                BigDecimal.valueOf(p.unitCostCents(), 2).toPlainString(),
                Integer.toString(p.weightGrams()),
                Integer.toString(p.stock()));
    }

    /** The form as posted: {@code allergen-CODE} holds each allergen's answer. */
    public static ProductForm posted(Map<String, List<String>> form) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (String code : PreferencePages.ALLERGENS) {
            String answer = first(form, "allergen-" + code);
            if (ANSWERS.contains(answer)) {
                answers.put(code, answer);
            }
        }
        return new ProductForm(
                first(form, "sku").strip(),
                first(form, "name").strip(),
                first(form, "category").strip(),
                first(form, "description").strip(),
                first(form, "ingredients"),
                answers,
                form.getOrDefault("dietaryTags", List.of()),
                first(form, "unitCost").strip(),
                first(form, "weightGrams").strip(),
                first(form, "stock").strip());
    }

    /** The answer given for one allergen, or null. */
    public String answer(String code) {
        return allergenAnswers.get(code);
    }

    /** What the form itself refuses before brand-service is asked: an unanswered allergen, a number that is none. */
    public Problem problem() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String code : PreferencePages.ALLERGENS) {
            if (!allergenAnswers.containsKey(code)) {
                fields.put("allergen-" + code, UNANSWERED);
            }
        }
        if (!unitCost.isEmpty() && cents(unitCost) == null) {
            fields.put(
                    "unitCost",
                    "enter euros with at most two decimals (whole cents), e.g. 1.25; " + unitCost + " is not");
        }
        if (!weightGrams.isEmpty() && whole(weightGrams) == null) {
            fields.put("weightGrams", "enter whole grams, e.g. 45");
        }
        if (!stock.isEmpty() && whole(stock) == null) {
            fields.put("stock", "enter whole units, e.g. 100");
        }
        if (fields.isEmpty()) {
            return Problem.none();
        }
        List<String> open = PreferencePages.ALLERGENS.stream()
                .filter(code -> !allergenAnswers.containsKey(code))
                .map(Formats::words)
                .toList();
        return new Problem(
                400,
                open.isEmpty()
                        ? "Please check the fields marked below."
                        : "Please check the fields marked below. Not answered yet: " + String.join(", ", open) + ".",
                fields);
    }

    /** The product to send; only once {@link #problem()} found nothing. */
    public BrandApi.ProductInput input() {
        List<String> contains = new ArrayList<>();
        List<String> mayContain = new ArrayList<>();
        allergenAnswers.forEach((code, answer) -> {
            if (answer.equals(CONTAINS)) {
                contains.add(code);
            } else if (answer.equals(MAY_CONTAIN)) {
                mayContain.add(code);
            }
        });
        return new BrandApi.ProductInput(
                sku,
                name,
                category,
                description.isEmpty() ? null : description,
                PreferencePages.categories(ingredients),
                contains,
                mayContain,
                dietaryTags,
                unitCost.isEmpty() ? null : cents(unitCost),
                weightGrams.isEmpty() ? null : whole(weightGrams),
                stock.isEmpty() ? null : whole(stock));
    }

    /** brand-service's refusal with its fields named as the form names them (unitCostCents at the unit cost). */
    public static Problem atFormFields(Problem refused) {
        Map<String, String> fields = new LinkedHashMap<>();
        refused.fields().forEach((field, message) -> {
            String base = field.contains("[") ? field.substring(0, field.indexOf('[')) : field;
            fields.merge(SERVICE_FIELDS.getOrDefault(base, field), message, (a, b) -> a + "; " + b);
        });
        return new Problem(refused.status(), refused.summary(), fields);
    }

    /**
     * Euros as typed ("1.25", "1,25", "3") in cents, exactly; null when it is not a number or has a fraction of a cent
     * (12.345): nothing is rounded.
     */
    static Long cents(String euros) {
        String typed = euros.strip().replace(',', '.');
        if (!typed.matches("-?\\d{1,9}(\\.\\d+)?")) {
            return null;
        }
        try {
            return new BigDecimal(typed).movePointRight(2).longValueExact();
        } catch (ArithmeticException fractionOfACent) {
            return null;
        }
    }

    /** A whole number as typed, or null. */
    static Integer whole(String typed) {
        if (!typed.strip().matches("-?\\d{1,9}")) {
            return null;
        }
        return Integer.valueOf(typed.strip());
    }

    private static String first(Map<String, List<String>> form, String name) {
        List<String> values = form.get(name);
        return values == null || values.isEmpty() || values.get(0) == null ? "" : values.get(0);
    }
}
