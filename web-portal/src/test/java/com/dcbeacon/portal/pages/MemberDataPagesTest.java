package com.dcbeacon.portal.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The ratings, NPS and data rights pages act for the signed-in member only: an account that acts for no member (the
 * test profile's anonymous one) is sent to the sign-up from each of them, by GET and by POST, before any service is
 * asked (the test starts none, so a call would fail with the error page instead).
 */
@QuarkusTest
class MemberDataPagesTest {

    @ParameterizedTest
    @CsvSource({
        "GET, /ratings",
        "POST, /ratings",
        "GET, /nps",
        "POST, /nps",
        "GET, /data",
        "POST, /data/exports",
        "GET, /data/exports/3f1c1a52-8a1e-4c55-9a4c-0a4d3c3f2b11",
        "GET, /data/exports/3f1c1a52-8a1e-4c55-9a4c-0a4d3c3f2b11/download",
        "GET, /data/erase",
        "POST, /data/erase",
        "GET, /data/erasure"
    })
    void shouldSendAnAccountWithoutAMemberToTheSignUp(String method, String path) {
        Response page = given().redirects()
                .follow(false)
                .contentType("application/x-www-form-urlencoded")
                .formParam("confirmEmail", "someone@example.com")
                .request(method, path);

        assertThat(page.statusCode()).as(page.asString()).isEqualTo(303);
        assertThat(page.header("Location")).endsWith("/sign-up");
    }
}
