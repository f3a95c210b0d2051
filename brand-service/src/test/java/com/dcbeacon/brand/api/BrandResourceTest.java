package com.dcbeacon.brand.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrandResourceTest {

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldOnboardABrandAndAnnounceIt() throws Exception {
        String name = "Crunchy Co " + UUID.randomUUID();
        String id = given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"contactEmail\":\"partners@crunchy.example\"}".formatted(name))
                .when()
                .post("/api/brands")
                .then()
                .statusCode(201)
                .body("name", equalTo(name))
                .extract()
                .path("id");

        var record = KafkaTestClient.await(Topics.BRAND_EVENTS, r -> id.equals(r.key()), Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no BrandOnboarded for " + id));
        var envelope = mapper.readTree(record.value());
        assertThat(EventSchemas.envelopeProblems(envelope)).isEmpty();
        assertThat(envelope.get("type").asText()).isEqualTo("BrandOnboarded");

        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"%s\",\"contactEmail\":\"other@crunchy.example\"}".formatted(name.toUpperCase()))
                .when()
                .post("/api/brands")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldLetOnlyOpsOnboardBrands() {
        String body = "{\"name\":\"Sneaky\",\"contactEmail\":\"s@example.com\"}";
        given().auth()
                .oauth2(TestTokens.brand(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.member(UUID.randomUUID()))
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(403);
        given().contentType(ContentType.JSON)
                .body(body)
                .post("/api/brands")
                .then()
                .statusCode(401);
    }

    @Test
    void shouldShowABrandOnlyToItsOwnUsersAndOps() {
        String id = given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Own %s\",\"contactEmail\":\"o@example.com\"}".formatted(UUID.randomUUID()))
                .post("/api/brands")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        given().auth()
                .oauth2(TestTokens.brand(UUID.fromString(id)))
                .get("/api/brands/" + id)
                .then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.ops()).get("/api/brands/" + id).then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.brand(UUID.randomUUID()))
                .get("/api/brands/" + id)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.ops())
                .get("/api/brands?size=500")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("size"));
    }

    @Test
    void shouldAnswerInvalidInputWithAProblemNamingTheField() {
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"\",\"contactEmail\":\"nope\"}")
                .post("/api/brands")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("contactEmail"));
    }
}
