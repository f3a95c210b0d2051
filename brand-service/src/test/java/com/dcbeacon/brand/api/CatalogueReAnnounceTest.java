package com.dcbeacon.brand.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Re-announcing the catalogue for a replica rebuild: every product's full current state as a ProductUpdated, ops only. */
@QuarkusTest
class CatalogueReAnnounceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final String PATH = "/api/ops/replicas/re-announce";

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Test
    void shouldAnnounceAProductsFullCurrentStateStockAndStatusIncluded() {
        UUID brand = Brands.onboard();
        String id = Brands.as(brand)
                .body(Brands.product("RA-1", "\"SESAME\"", 37))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Brands.as(brand)
                .post("/api/brands/" + brand + "/products/RA-1/retire")
                .then()
                .statusCode(200);

        ops().body("{\"productId\":\"" + id + "\"}")
                .post(PATH)
                .then()
                .statusCode(200)
                .body("products", equalTo(1));

        JsonNode data = awaitAnnounced(id);
        assertThat(EventSchemas.payloadProblems(EventType.PRODUCT_UPDATED, data))
                .isEmpty();
        assertThat(data.get("productId").asText()).isEqualTo(id);
        assertThat(data.get("brandId").asText()).isEqualTo(brand.toString());
        assertThat(data.get("brandName").asText()).startsWith("Brand ");
        assertThat(data.get("sku").asText()).isEqualTo("RA-1");
        assertThat(data.get("allergens")).extracting(JsonNode::asText).containsExactly("SESAME");
        assertThat(data.get("stock").asInt()).isEqualTo(37);
        assertThat(data.get("status").asText()).isEqualTo("RETIRED");
    }

    @Test
    void shouldAnnounceEveryProductWithoutABody() {
        UUID brand = Brands.onboard();
        String id = Brands.createProduct(brand, "RA-2", 5);

        int announced = ops().post(PATH).then().statusCode(200).extract().path("products");

        assertThat(announced)
                .isEqualTo(QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createQuery("select count(p) from Product p")
                                        .getSingleResult())
                                .intValue()));
        assertThat(awaitAnnounced(id).get("stock").asInt()).isEqualTo(5);
    }

    @Test
    void shouldLetOnlyOpsReAnnounceAndNameTheFieldOfABadRequest() {
        UUID brand = Brands.onboard();
        String body = "{\"productId\":\"" + UUID.randomUUID() + "\"}";
        Brands.as(brand).body(body).post(PATH).then().statusCode(403);
        given().auth()
                .oauth2(TestTokens.member(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(body)
                .post(PATH)
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON).body(body).post(PATH).then().statusCode(401);

        ops().body(body).post(PATH).then().statusCode(404).contentType("application/problem+json");
        ops().body("{\"productId\":\"RA-1\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("productId"));
        ops().body("{\"productId\":\"\"}")
                .post(PATH)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("productId"));
    }

    private static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }

    /** The ProductUpdated the re-announcement published for the product, as its payload. */
    private JsonNode awaitAnnounced(String productId) {
        return codec.read(KafkaTestClient.await(
                                Topics.BRAND_EVENTS,
                                r -> productId.equals(r.key())
                                        && EventType.PRODUCT_UPDATED
                                                .typeName()
                                                .equals(KafkaTestClient.header(r, "ce_type")),
                                TIMEOUT)
                        .orElseThrow(() -> new AssertionError("no ProductUpdated for " + productId))
                        .value())
                .data();
    }
}
