package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixtures: members signed up and subscribed over the real API. */
public final class Members {

    private Members() {}

    public static String signUpJson(String email) {
        return """
                {"email":"%s","name":"Ada Lovelace","shippingAddress":{"line1":"1 Main St","city":"Berlin","postalCode":"10115","country":"DE"}}""".formatted(email);
    }

    public static UUID signUp() {
        return signUp("member-" + UUID.randomUUID() + "@example.com");
    }

    /** A member signed up with this e-mail. */
    public static UUID signUp(String email) {
        String id = given().contentType(ContentType.JSON)
                .body(signUpJson(email))
                .post("/api/members")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    public static UUID subscribed(String planId) {
        return subscribed("member-" + UUID.randomUUID() + "@example.com", planId);
    }

    /** A member signed up with this e-mail and subscribed to the plan. */
    public static UUID subscribed(String email, String planId) {
        UUID id = signUp(email);
        subscribe(id, planId);
        return id;
    }

    /** Subscribes the member to the plan (201); answers the subscription's id. */
    public static UUID subscribe(UUID memberId, String planId) {
        return UUID.fromString(as(memberId)
                .body("{\"planId\":\"" + planId + "\"}")
                .post("/api/members/" + memberId + "/subscription")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
    }

    /** The id of the member's current subscription (200). */
    public static UUID subscriptionId(UUID memberId) {
        return UUID.fromString(as(memberId)
                .get("/api/members/" + memberId + "/subscription")
                .then()
                .statusCode(200)
                .extract()
                .path("id"));
    }

    /** Every ledger entry of the member (type, amountCents, reason, boxId, ...), as the member reads them. */
    public static List<Map<String, Object>> ledger(UUID memberId) {
        List<Map<String, Object>> entries = as(memberId)
                .get("/api/members/" + memberId + "/ledger?size=200")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("entries");
        assertThat(entries).as("the ledger is read whole").hasSizeLessThan(200);
        return entries;
    }

    /** A JSON request carrying the member's own token. */
    public static RequestSpecification as(UUID memberId) {
        return given().auth().oauth2(TestTokens.member(memberId)).contentType(ContentType.JSON);
    }
}
