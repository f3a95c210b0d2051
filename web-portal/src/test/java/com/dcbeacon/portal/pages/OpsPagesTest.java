package com.dcbeacon.portal.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.portal.services.OpsFeedbackApi;
import com.dcbeacon.portal.services.Problem;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The ops pages refuse any account without the ops role (here the test profile's anonymous one) before asking a
 * service; and the page logic that needs no service: the chart's series, a service's field named as the form's.
 */
@QuarkusTest
class OpsPagesTest {

    @Test
    void shouldRefuseEveryOpsPageToAnAccountWithoutTheOpsRole() {
        for (String path : List.of(
                "/ops",
                "/ops/nps",
                "/ops/follow-ups",
                "/ops/curation",
                "/ops/curation/runs/00000000-0000-0000-0000-000000000001",
                "/ops/reviews",
                "/ops/price-changes")) {
            Response page = given().redirects().follow(false).get(path);

            assertThat(page.statusCode()).as(path).isEqualTo(403);
            assertThat(page.asString())
                    .as(path)
                    .contains("Not for this account")
                    .contains("operations team");
        }
        Response announced = given().redirects()
                .follow(false)
                .formParam("planId", "basic")
                .formParam("newPrice", "27.99")
                .formParam("effectiveOn", "2099-01-01")
                .formParam("idempotencyKey", "k")
                .post("/ops/price-changes");
        assertThat(announced.statusCode()).isEqualTo(403);
    }

    @Test
    void shouldChartAllPlansFirstThenEachPlan() {
        OpsFeedbackApi.NpsPoint point =
                new OpsFeedbackApi.NpsPoint(LocalDate.parse("2026-11-30"), new BigDecimal("50.0"), 1, 1, 0, 2);
        Map<String, OpsFeedbackApi.NpsReport> byPlan = new LinkedHashMap<>();
        byPlan.put("basic", report(point, null));
        byPlan.put("none", report(point, null));

        List<OpsPages.Series> series = OpsPages.series(report(point, byPlan));

        assertThat(series)
                .extracting(OpsPages.Series::id, OpsPages.Series::label)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("nps-all", "All plans"),
                        org.assertj.core.groups.Tuple.tuple("nps-plan-basic", "Plan basic"),
                        org.assertj.core.groups.Tuple.tuple("nps-plan-none", "Plan none"));
        assertThat(OpsPages.series(report(point, null))).hasSize(1);
    }

    @Test
    void shouldShowTheServicesCentsFieldAtTheEurosField() {
        Problem problem =
                new Problem(400, "Please check the fields marked below.", Map.of("newPriceCents", "too high"));

        Problem renamed = OpsPages.renamed(problem, "newPriceCents", "newPrice");

        assertThat(renamed.field("newPrice")).isEqualTo("too high");
        assertThat(renamed.field("newPriceCents")).isNull();
        assertThat(OpsPages.renamed(problem, "effectiveOn", "effectiveOn").field("newPriceCents"))
                .isEqualTo("too high");
    }

    private static OpsFeedbackApi.NpsReport report(
            OpsFeedbackApi.NpsPoint point, Map<String, OpsFeedbackApi.NpsReport> byPlan) {
        return new OpsFeedbackApi.NpsReport(
                point.start(), point.start(), "day", point.nps(), 1, 1, 0, 2, List.of(point), byPlan);
    }
}
