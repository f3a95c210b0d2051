package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.portal.services.BrandApi;
import com.dcbeacon.portal.services.Problem;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The product form's own checks: every allergen answered, euros to cents exactly, brand-service's fields mapped. */
class ProductFormTest {

    @Test
    void shouldRefuseEachUnansweredAllergenAtItsOwnField() {
        Map<String, List<String>> posted = answered("FREE");
        posted.remove("allergen-SESAME");

        Problem problem = ProductForm.posted(posted).problem();

        assertThat(problem.present()).isTrue();
        assertThat(problem.fields()).containsOnlyKeys("allergen-SESAME");
        assertThat(problem.field("allergen-SESAME")).contains("never read as free");
        assertThat(problem.summary()).endsWith("Not answered yet: Sesame.");
    }

    @Test
    void shouldRefuseAnAnswerThatIsNoneOfTheThree() {
        Map<String, List<String>> posted = answered("FREE");
        posted.put("allergen-MILK", List.of("NONE"));

        assertThat(ProductForm.posted(posted).problem().fields()).containsOnlyKeys("allergen-MILK");
    }

    @Test
    void shouldSendContainsAndMayContainAsBrandServiceListsAndFreeAsNeither() {
        Map<String, List<String>> posted = answered("FREE");
        posted.put("allergen-PEANUTS", List.of("CONTAINS"));
        posted.put("allergen-TREE_NUTS", List.of("MAY_CONTAIN"));
        posted.put("allergen-MILK", List.of("CONTAINS"));
        posted.put("unitCost", List.of("1,25"));
        posted.put("ingredients", List.of("peanuts, milk chocolate ,, sugar"));

        ProductForm form = ProductForm.posted(posted);
        assertThat(form.problem().present()).isFalse();
        BrandApi.ProductInput input = form.input();

        assertThat(input.allergens()).containsExactly("PEANUTS", "MILK");
        assertThat(input.mayContain()).containsExactly("TREE_NUTS");
        assertThat(input.unitCostCents()).isEqualTo(125L);
        assertThat(input.ingredients()).containsExactly("peanuts", "milk chocolate", "sugar");
        assertThat(input.weightGrams()).isEqualTo(45);
        assertThat(input.stock()).isEqualTo(100);
    }

    @Test
    void shouldSendAllFreeAsEmptyListsNeverAsMissing() {
        BrandApi.ProductInput input = ProductForm.posted(answered("FREE")).input();

        assertThat(input.allergens()).isNotNull().isEmpty();
        assertThat(input.mayContain()).isNotNull().isEmpty();
    }

    @Test
    void shouldRefuseAFractionOfACentAtTheUnitCostInsteadOfRounding() {
        Map<String, List<String>> posted = answered("FREE");
        posted.put("unitCost", List.of("12.345"));

        Problem problem = ProductForm.posted(posted).problem();

        assertThat(problem.fields()).containsOnlyKeys("unitCost");
        assertThat(problem.field("unitCost")).contains("12.345");
        assertThat(ProductForm.cents("12.34")).isEqualTo(1234L);
        assertThat(ProductForm.cents("12.340")).isEqualTo(1234L);
        assertThat(ProductForm.cents("12")).isEqualTo(1200L);
        assertThat(ProductForm.cents("0.1")).isEqualTo(10L);
        assertThat(ProductForm.cents("1e3")).isNull();
        assertThat(ProductForm.cents("twelve")).isNull();
        assertThat(ProductForm.cents("1.2.3")).isNull();
    }

    @Property
    void everyWholeNumberOfCentsTypedAsEurosIsSentExactly(@ForAll @LongRange(min = 0, max = 999_999_999L) long cents) {
        assertThat(ProductForm.cents(BigDecimal.valueOf(cents, 2).toPlainString()))
                .isEqualTo(cents);
    }

    @Property
    void everyAmountWithAFractionOfACentIsRefused(
            @ForAll @LongRange(min = 0, max = 99_999_999L) long cents, @ForAll @IntRange(min = 1, max = 9) int tenth) {
        String typed = BigDecimal.valueOf(cents, 2).toPlainString() + tenth;

        assertThat(ProductForm.cents(typed)).as(typed).isNull();
    }

    @Test
    void shouldShowBrandServicesFieldsAtTheFormsFields() {
        Problem refused = new Problem(
                400,
                "Please check the fields marked below.",
                Map.of(
                        "unitCostCents", "must be between 0 and 1000000",
                        "mayContain[0]", "'X' is not one of the 14 EU allergen codes",
                        "dietaryTags", "VEGAN contradicts the declared allergen MILK"));

        Problem shown = ProductForm.atFormFields(refused);

        assertThat(shown.fields())
                .containsEntry("unitCost", "must be between 0 and 1000000")
                .containsEntry("allergenAnswers", "'X' is not one of the 14 EU allergen codes")
                .containsEntry("dietaryTags", "VEGAN contradicts the declared allergen MILK");
    }

    @Test
    void shouldOpenAProductsEditFormWithEveryAllergenAnsweredAsStored() {
        BrandApi.Product stored = new BrandApi.Product(
                null,
                "PT-1",
                "Bar",
                "bars",
                null,
                List.of("oats"),
                List.of("GLUTEN"),
                List.of("SESAME"),
                List.of(),
                95,
                45,
                10,
                "PUBLISHED",
                null);

        ProductForm form = ProductForm.of(stored);

        assertThat(form.answer("GLUTEN")).isEqualTo(ProductForm.CONTAINS);
        assertThat(form.answer("SESAME")).isEqualTo(ProductForm.MAY_CONTAIN);
        assertThat(form.answer("MILK")).isEqualTo(ProductForm.FREE);
        assertThat(form.allergenAnswers()).hasSize(14);
        assertThat(form.unitCost()).isEqualTo("0.95");
        assertThat(form.problem().present()).isFalse();
    }

    /** A complete form with every allergen answered {@code answer}. */
    static Map<String, List<String>> answered(String answer) {
        Map<String, List<String>> posted = new HashMap<>();
        posted.put("sku", List.of("PT-NEW"));
        posted.put("name", List.of("New Bar"));
        posted.put("category", List.of("bars"));
        posted.put("ingredients", List.of("oats, dates"));
        for (String code : PreferencePages.ALLERGENS) {
            posted.put("allergen-" + code, List.of(answer));
        }
        posted.put("unitCost", List.of("0.95"));
        posted.put("weightGrams", List.of("45"));
        posted.put("stock", List.of("100"));
        return posted;
    }
}
