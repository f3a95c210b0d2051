package com.dcbeacon.box.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** An issue report is read strictly: a null product id or a wrongly typed value is a 400 naming it, never a 500. */
@QuarkusTest
class IssueInputTest {

    private final UUID member = UUID.randomUUID();

    @Test
    void shouldRefuseANullProductIdNamingItsIndex() {
        String issues = "/api/boxes/" + UUID.randomUUID() + "/issues";

        member().body("{\"type\":\"DAMAGED\",\"productIds\":[null]}")
                .post(issues)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("productIds[0]"));
        member().body("{\"type\":\"DAMAGED\",\"productIds\":\"" + UUID.randomUUID() + "\"}")
                .post(issues)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("productIds"));

        // The same body with a real id is read and reaches the box lookup: this box does not exist.
        member().body("{\"type\":\"DAMAGED\",\"productIds\":[\"" + UUID.randomUUID() + "\"]}")
                .post(issues)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldAnswerAPathIdThatIsNoUuidWith400NamingIt() {
        member().body("{\"type\":\"DAMAGED\"}")
                .post("/api/boxes/not-a-uuid/issues")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("boxId"));
        member().get("/api/members/" + member + "/boxes").then().statusCode(200);
    }

    private RequestSpecification member() {
        return given().auth().oauth2(TestTokens.member(member)).contentType(ContentType.JSON);
    }
}
