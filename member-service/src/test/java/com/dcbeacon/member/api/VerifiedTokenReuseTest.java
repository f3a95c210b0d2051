package com.dcbeacon.member.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A token verified once is reused for the next requests that carry it (VerifiedTokenCache), and every check still
 * holds for each request: the member it names, 404 for another member's id, and a token that differs in any byte from a
 * verified one, or expired, is verified again and refused.
 */
@QuarkusTest
class VerifiedTokenReuseTest {

    @Test
    void shouldAuthorizeEveryRequestOfAReusedTokenForItsOwnMemberOnly() {
        UUID member = Members.subscribed("classic");
        UUID other = Members.subscribed("taster");
        String token = TestTokens.member(member);
        for (int request = 0; request < 3; request++) {
            given().auth()
                    .oauth2(token)
                    .get("/api/members/" + member + "/subscription")
                    .then()
                    .statusCode(200)
                    .body("planId", equalTo("classic"));
            given().auth()
                    .oauth2(token)
                    .get("/api/members/" + other + "/subscription")
                    .then()
                    .statusCode(404)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void shouldRefuseATokenWhoseClaimsWereSwappedUnderAVerifiedSignature() {
        UUID member = Members.subscribed("classic");
        UUID victim = Members.subscribed("taster");
        String token = TestTokens.member(member);
        given().auth()
                .oauth2(token)
                .get("/api/members/" + member + "/subscription")
                .then()
                .statusCode(200);
        String[] parts = token.split("\\.");
        String victims = TestTokens.member(victim).split("\\.")[1];
        String swapped = parts[0] + "." + victims + "." + parts[2];
        for (int request = 0; request < 2; request++) {
            given().auth()
                    .oauth2(swapped)
                    .get("/api/members/" + victim + "/subscription")
                    .then()
                    .statusCode(401);
        }
    }

    @Test
    void shouldRefuseExpiredAndForgedTokensEveryTime() {
        UUID member = Members.subscribed("classic");
        String expired = TestTokens.expiredMember(member);
        String forged = TestTokens.forgedMember(member);
        for (int request = 0; request < 2; request++) {
            given().auth()
                    .oauth2(expired)
                    .get("/api/members/" + member + "/subscription")
                    .then()
                    .statusCode(401);
            given().auth()
                    .oauth2(forged)
                    .get("/api/members/" + member + "/subscription")
                    .then()
                    .statusCode(401);
        }
    }
}
