package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.allergensAndTraces;
import static com.dcbeacon.box.api.BoxFixtures.boxesWith;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.dcbeacon.platform.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An allergen concern puts the named product under review: out of open boxes and curation until ops clear it. */
@QuarkusTest
class ProductReviewTest {

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldPutAProductUnderReviewAfterAnAllergenConcernUntilOpsClearIt() {
        String category = "rv-" + UUID.randomUUID().toString().substring(0, 8);
        // Plenty of stock: every run curates every member of the test database, and they may pick these too.
        UUID suspect = fixtures.product(category, List.of(), List.of(), 1000);
        UUID milky = fixtures.product(category, List.of("MILK"), List.of(), 1000);
        UUID reporter = fixtures.subscriber(2, List.of(), List.of(category));
        UUID other = fixtures.subscriber(1, List.of("MILK"), List.of(category));
        fixtures.runCuration("2035-01");
        String reporterBox = fixtures.boxOf(reporter, "2035-01");
        String otherBox = fixtures.boxOf(other, "2035-01");
        assertThat(itemsOf(reporter, reporterBox)).containsExactlyInAnyOrder(suspect.toString(), milky.toString());
        assertThat(itemsOf(other, otherBox)).containsExactly(suspect.toString());
        fixtures.deliveredBox(reporter, "2035-01");
        Instant reported = Instant.now();

        member(reporter)
                .body("{\"type\":\"ALLERGEN_CONCERN\",\"productIds\":[\"" + suspect + "\"]}")
                .post("/api/boxes/" + reporterBox + "/issues")
                .then()
                .statusCode(201);

        // Pulled from the other member's open box; the replacement is safe for them (the milk product of the liked
        // category would score best, but they declared milk).
        await().atMost(TIMEOUT)
                .untilAsserted(() -> assertThat(itemsOf(other, otherBox)).doesNotContain(suspect.toString()));
        List<String> replaced = itemsOf(other, otherBox);
        assertThat(replaced).hasSize(1).doesNotContain(milky.toString());
        assertThat(allergensAndTraces(replaced.get(0))).doesNotContain("MILK");
        JsonNode released = fixtures.awaitPublished(
                EventType.STOCK_RELEASED,
                suspect,
                d -> "2035-01".equals(d.get("cycle").asText()));
        assertThat(released.get("units").asInt()).isEqualTo(1);
        assertThat(released.get("reason").asText()).startsWith("under review");
        // Other tests' members may hold the suspect too: at least this box's replacement was allocated.
        assertThat(fixtures.published(
                        EventType.STOCK_ALLOCATED,
                        d -> replaced.get(0).equals(d.get("productId").asText())
                                && !OffsetDateTime.parse(d.get("allocatedAt").asText())
                                        .toInstant()
                                        .isBefore(reported)))
                .isNotEmpty();

        // The member is shown the box as it is now: a new revision of its contents, with why, and nothing of the
        // reporter or of ops' note; it ships as revision 1, while the untouched box ships as curated (revision 0).
        JsonNode changed = fixtures.awaitPublished(
                EventType.BOX_CONTENTS_CHANGED,
                other,
                d -> otherBox.equals(d.get("boxId").asText()));
        assertThat(changed.get("revision").asInt()).isEqualTo(1);
        assertThat(changed.get("items").findValuesAsText("productId")).containsExactlyElementsOf(replaced);
        assertThat(changed.get("reason").asText())
                .contains(
                        "is being checked after a safety or quality concern was raised, so we took it out of your box")
                .contains(" in its place")
                .doesNotContain(reporter.toString(), reporterBox);
        fixtures.deliveredBox(other, "2035-01");
        assertThat(fixtures.awaitPublished(
                                EventType.BOX_SHIPPED,
                                other,
                                d -> otherBox.equals(d.get("boxId").asText()))
                        .get("contentsRevision")
                        .asInt())
                .isEqualTo(1);
        assertThat(fixtures.awaitPublished(
                                EventType.BOX_SHIPPED,
                                reporter,
                                d -> reporterBox.equals(d.get("boxId").asText()))
                        .get("contentsRevision")
                        .asInt())
                .isZero();

        JsonNode opened = fixtures.awaitPublished(EventType.PRODUCT_REVIEW_OPENED, suspect, d -> true);
        List<String> fields = new ArrayList<>();
        opened.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("productId", "brandId", "reviewId", "reason", "openedAt");
        assertThat(opened.toString()).doesNotContain(reporter.toString(), other.toString(), reporterBox, otherBox);
        assertThat(openReviews())
                .contains(suspect.toString())
                .as("only the named product")
                .doesNotContain(milky.toString());
        member(reporter).get("/api/product-reviews").then().statusCode(403);

        // The next run leaves it out, though a member who likes its category would have it.
        UUID fan = fixtures.subscriber(2, List.of(), List.of(category));
        fixtures.runCuration("2035-02");
        assertThat(itemsOf(fan, fixtures.boxOf(fan, "2035-02")))
                .contains(milky.toString())
                .doesNotContain(suspect.toString());
        assertThat(boxesWith(suspect, "2035-02")).isZero();

        ops().post("/api/product-reviews/" + suspect + "/clear")
                .then()
                .statusCode(200)
                .body("productId", equalTo(suspect.toString()))
                .body("clearedAt", notNullValue())
                .body("clearedBy", notNullValue());
        fixtures.awaitPublished(EventType.PRODUCT_REVIEW_CLEARED, suspect, d -> true);
        assertThat(openReviews()).doesNotContain(suspect.toString());

        fixtures.runCuration("2035-03");
        assertThat(itemsOf(fan, fixtures.boxOf(fan, "2035-03")))
                .as("curated again once cleared")
                .contains(suspect.toString());
    }

    @Test
    void shouldAnswerNotFoundWhenClearingAProductWithoutOpenReview() {
        UUID neverReviewed =
                fixtures.product("nr-" + UUID.randomUUID().toString().substring(0, 8), List.of(), List.of(), 1);
        ops().get("/api/product-reviews").then().statusCode(200);

        ops().post("/api/product-reviews/" + neverReviewed + "/clear")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        ops().post("/api/product-reviews/" + UUID.randomUUID() + "/clear")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    private static List<String> openReviews() {
        return ops().get("/api/product-reviews")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("productId", String.class);
    }
}
