package com.dcbeacon.portal.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.portal.services.InsightApi;
import com.dcbeacon.portal.services.Problem;
import com.dcbeacon.portal.services.Views;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The brand pages' parts that need no service: the product form with no allergen answer preselected, its refusals
 * at the field before brand-service is asked, the insights page's table, hidden figures and chart data, and the
 * checkbox groups the product form shares with the preferences.
 */
@QuarkusTest
class BrandFormPagesTest {

    @Test
    void shouldOfferEveryAllergenWithThreeAnswersAndNonePreselected() {
        String html = given().get("/brand/products/new").asString();

        for (String code : PreferencePages.ALLERGENS) {
            assertThat(html)
                    .contains("name=\"allergen-" + code + "\" value=\"CONTAINS\"")
                    .contains("name=\"allergen-" + code + "\" value=\"MAY_CONTAIN\"")
                    .contains("name=\"allergen-" + code + "\" value=\"FREE\"");
        }
        assertThat(html).contains("<legend>Tree nuts</legend>").doesNotContain(" checked");
        assertThat(html)
                .contains("<input type=\"checkbox\" id=\"diet-VEGAN\" name=\"dietaryTags\" value=\"VEGAN\">")
                .contains("<label for=\"diet-VEGAN\">Vegan</label>");
    }

    @Test
    void shouldDrawThePreferencesCheckboxesFromTheSameTagWithTheChoicesAndTheFieldsProblem() {
        Views.Preferences preferences =
                new Views.Preferences(List.of("PEANUTS"), List.of("VEGAN"), List.of(), List.of(), false);
        String html = rendered(() -> PreferencePages.Templates.preferences(
                        preferences,
                        PreferencePages.ALLERGENS,
                        PreferencePages.DIETS,
                        false,
                        Problem.ofField("allergens", "consent first"))
                .render());

        assertThat(html)
                .contains("<fieldset aria-describedby=\"allergens-error\">")
                .contains("<legend>Allergies</legend>")
                .contains("id=\"allergen-PEANUTS\" name=\"allergens\" value=\"PEANUTS\" checked>")
                .contains("id=\"allergen-MILK\" name=\"allergens\" value=\"MILK\">")
                .contains("<p class=\"field-error\" id=\"allergens-error\">consent first</p>")
                .contains("id=\"diet-VEGAN\" name=\"dietaryTags\" value=\"VEGAN\" checked>")
                .doesNotContain("dietaryTags-error");
    }

    @Test
    void shouldRefuseAnUnansweredAllergenAtItsFieldAndKeepTheOtherAnswers() {
        RequestSpecification form = given().redirects().follow(false);
        ProductFormTest.answered("FREE").forEach((name, values) -> {
            if (!name.equals("allergen-SESAME")) {
                form.formParam(name, values.get(0));
            }
        });

        Response page = form.post("/brand/products");

        assertThat(page.statusCode()).isEqualTo(400);
        String html = page.asString();
        assertThat(html)
                .contains(
                        "<fieldset class=\"allergen\" id=\"allergen-SESAME\" aria-describedby=\"allergen-SESAME-error\">")
                .contains("id=\"allergen-SESAME-free\" name=\"allergen-SESAME\" value=\"FREE\" aria-invalid=\"true\"")
                .contains("id=\"allergen-SESAME-error\">choose contains, may contain or free")
                .contains("id=\"allergen-MILK-free\" name=\"allergen-MILK\" value=\"FREE\" checked>")
                .contains("value=\"New Bar\"");
        assertThat(html).doesNotContain("allergen-MILK-error");
    }

    @Test
    void shouldRefuseAFractionOfACentAtTheUnitCostField() {
        RequestSpecification form = given().redirects().follow(false);
        Map<String, List<String>> posted = ProductFormTest.answered("FREE");
        posted.put("unitCost", List.of("12.345"));
        posted.forEach((name, values) -> form.formParam(name, values.get(0)));

        Response page = form.post("/brand/products");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString())
                .contains(
                        "id=\"unitCost\" name=\"unitCost\" inputmode=\"decimal\" value=\"12.345\" aria-invalid=\"true\""
                                + " aria-describedby=\"unitCost-error\"")
                .contains("id=\"unitCost-error\">enter euros with at most two decimals");
    }

    @Test
    void shouldShowHiddenFiguresAsHiddenAndTheChartsNumbersInTheTable() {
        InsightApi.Insight shown = new InsightApi.Insight(
                UUID.randomUUID(),
                "PT-SHOWN",
                false,
                7,
                new BigDecimal("4.14"),
                Map.of(1, 0L, 2, 1L, 3, 0L, 4, 3L, 5, 3L),
                new BigDecimal("85.7"));
        InsightApi.Insight hidden =
                new InsightApi.Insight(UUID.randomUUID(), "PT-HIDDEN", true, null, null, null, null);
        String html = rendered(() -> CampaignPages.Templates.insights(
                        "2026-11", List.of(shown, hidden), Map.of("PT-SHOWN", "Shown Bar"), Problem.none())
                .render());

        assertThat(html).contains("<td colspan=\"8\" class=\"hidden-figures\">fewer than 5 members — hidden</td>");
        assertThat(html)
                .contains("<td class=\"num\" data-star=\"2\">1</td>")
                .contains("<td class=\"num\" data-star=\"4\">3</td>")
                .contains("<td class=\"num\">85.7 %</td>");
        assertThat(html)
                .contains("<canvas id=\"chart-PT-SHOWN\" data-row=\"insight-PT-SHOWN\"")
                .contains(
                        "Stars given to PT-SHOWN in 2026-11: 1 star: 0, 2 stars: 1, 3 stars: 0, 4 stars: 3, 5 stars: 3")
                .doesNotContain("chart-PT-HIDDEN")
                .contains("/webjars/chart.js/4.4.1/dist/chart.umd.js");
    }

    /** A page rendered outside a request (its navigation asks who is signed in: nobody here). */
    private static String rendered(Supplier<String> page) {
        ManagedContext request = Arc.container().requestContext();
        request.activate();
        try {
            return page.get();
        } finally {
            request.terminate();
        }
    }

    @Test
    void shouldServeChartJsFromTheWebjarAndTheScriptThatReadsTheTable() {
        assertThat(given().get("/webjars/chart.js/4.4.1/dist/chart.umd.js").statusCode())
                .isEqualTo(200);
        assertThat(given().get("/brand-insights.js").asString()).contains("td[data-star]");
    }
}
