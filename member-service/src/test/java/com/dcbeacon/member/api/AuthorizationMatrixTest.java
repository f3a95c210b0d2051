package com.dcbeacon.member.api;

import static io.restassured.RestAssured.given;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every member path, called by everyone who must not reach member A's data. */
@QuarkusTest
class AuthorizationMatrixTest {

    record Call(String method, String path, String body) {}

    private static List<Call> callsOn(UUID member, UUID exportId) {
        String m = "/api/members/" + member;
        return List.of(
                new Call("GET", m, null),
                new Call(
                        "PUT",
                        m + "/address",
                        "{\"line1\":\"1\",\"city\":\"B\",\"postalCode\":\"1\",\"country\":\"DE\"}"),
                new Call("GET", m + "/preferences", null),
                new Call(
                        "PUT",
                        m + "/preferences",
                        "{\"allergens\":[],\"dietaryTags\":[],\"likedCategories\":[],\"dislikedCategories\":[],\"sensitiveDataConsent\":false}"),
                new Call("GET", m + "/communication-preferences", null),
                new Call("PUT", m + "/communication-preferences", "{\"marketingEmails\":true,\"surveys\":true}"),
                new Call("GET", m + "/notifications", null),
                new Call("POST", m + "/subscription", "{\"planId\":\"classic\"}"),
                new Call("GET", m + "/subscription", null),
                new Call("POST", m + "/subscription/pause", "{}"),
                new Call("POST", m + "/subscription/resume", null),
                new Call("POST", m + "/subscription/skip", "{\"cycle\":\"2099-01\"}"),
                new Call("PUT", m + "/subscription/plan", "{\"planId\":\"taster\"}"),
                new Call("POST", m + "/subscription/cancel", "{}"),
                new Call("GET", m + "/subscription/reactivation", null),
                new Call("POST", m + "/subscription/reactivation", "{\"priceCents\":2499,\"currency\":\"EUR\"}"),
                new Call("GET", m + "/consent-records", null),
                new Call("GET", m + "/ledger", null),
                new Call("GET", m + "/referral", null),
                new Call("POST", m + "/exports", null),
                new Call("GET", m + "/exports/" + exportId, null),
                new Call("GET", m + "/erasure", null),
                new Call("DELETE", m, null));
    }

    @Test
    void shouldKeepEveryMemberPathFromOtherMembersBrandsAndStrangers() {
        UUID victim = Members.subscribed("classic");
        UUID exportId = UUID.fromString(Members.as(victim)
                .post("/api/members/" + victim + "/exports")
                .then()
                .statusCode(202)
                .extract()
                .path("exportId"));
        UUID attacker = Members.signUp();

        for (Call call : callsOn(victim, exportId)) {
            send(given().auth().oauth2(TestTokens.member(attacker)), call)
                    .then()
                    .statusCode(404);
            send(given().auth().oauth2(TestTokens.brand(UUID.randomUUID())), call)
                    .then()
                    .statusCode(403);
            send(given(), call).then().statusCode(401);
            send(given().auth().oauth2(TestTokens.expiredMember(victim)), call)
                    .then()
                    .statusCode(401);
            send(given().auth().oauth2(TestTokens.forgedMember(victim)), call)
                    .then()
                    .statusCode(401);
        }

        // Nothing the others tried changed the victim's subscription or account.
        Members.as(victim)
                .get("/api/members/" + victim + "/subscription")
                .then()
                .statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ACTIVE"))
                .body("planId", org.hamcrest.Matchers.equalTo("classic"));
        Members.as(victim).get("/api/members/" + victim).then().statusCode(200);
    }

    @Test
    void shouldLetOpsReadButNotActForAMember() {
        UUID member = Members.subscribed("classic");
        RequestSpecification ops = given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
        ops.get("/api/members/" + member + "/subscription").then().statusCode(200);
        given().auth()
                .oauth2(TestTokens.ops())
                .get("/api/members/" + member + "/ledger")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{}")
                .post("/api/members/" + member + "/subscription/cancel")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(TestTokens.ops())
                .delete("/api/members/" + member)
                .then()
                .statusCode(403);
    }

    @Test
    void shouldLeaveMovingMoneyToFinanceOps() {
        UUID member = Members.subscribed("classic");
        String credit = "{\"amountCents\": 100, \"reason\": \"late box\"}";
        String priceChange = "{\"newPriceCents\": 2990, \"effectiveOn\": \""
                + java.time.LocalDate.now().plusDays(60) + "\"}";
        for (String role : List.of(Roles.OPS_SUPPORT, Roles.OPS_WAREHOUSE)) {
            as(TestTokens.ops(role))
                    .body(credit)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/members/" + member + "/ledger/credits")
                    .then()
                    .statusCode(403);
            as(TestTokens.ops(role))
                    .body(priceChange)
                    .header("Idempotency-Key", UUID.randomUUID().toString())
                    .post("/api/plans/classic/price-changes")
                    .then()
                    .statusCode(403);
            // what every ops user may do stays open to them
            as(TestTokens.ops(role))
                    .get("/api/members/" + member + "/ledger")
                    .then()
                    .statusCode(200)
                    .body("entries", org.hamcrest.Matchers.hasSize(0));
        }
        as(TestTokens.ops(Roles.OPS_FINANCE))
                .body(credit)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/members/" + member + "/ledger/credits")
                .then()
                .statusCode(201);
        // past the role check: only the announcement's own rule (at least 30 days ahead) refuses it, and no other
        // test's plan price changes
        as(TestTokens.ops(Roles.OPS_FINANCE))
                .body("{\"newPriceCents\": 2990, \"effectiveOn\": \""
                        + java.time.LocalDate.now().plusDays(29) + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/classic/price-changes")
                .then()
                .statusCode(400)
                .body("violations.field", org.hamcrest.Matchers.hasItem("effectiveOn"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static io.restassured.response.Response send(RequestSpecification request, Call call) {
        if (call.body() != null) {
            request = request.contentType(ContentType.JSON).body(call.body());
        }
        return request.request(call.method(), call.path());
    }
}
