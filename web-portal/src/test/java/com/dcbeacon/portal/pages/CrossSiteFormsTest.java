package com.dcbeacon.portal.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * A form posted from another site is refused before a page acts on it; the same form from the portal's own pages
 * reaches the page (the gift claim's refusal of an empty code, 400, is the page's own answer).
 */
@QuarkusTest
class CrossSiteFormsTest {

    @Test
    void shouldRefuseAFormAnotherSiteSentByFetchMetadata() {
        Response refused = post("Sec-Fetch-Site", "cross-site");

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("text/html");
        assertThat(refused.asString()).contains("Not sent from Dcbeacon");
        assertThat(post("Sec-Fetch-Site", "same-site").statusCode()).isEqualTo(403);
    }

    @Test
    void shouldLetTheSameFormFromThePortalsOwnPageThrough() {
        assertThat(post("Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(400);
        assertThat(post("Sec-Fetch-Site", "none").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldRefuseAnotherOriginWhenTheBrowserSendsNoFetchMetadata() {
        assertThat(post("Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(post("Origin", "null").statusCode()).isEqualTo(403);
        // the portal's own origin: the page answers
        assertThat(post("Origin", "http://localhost:" + io.restassured.RestAssured.port)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void shouldCompareTheOriginWithTheHostItWasSentTo() {
        assertThat(CrossSiteForms.sameOrigin("http://localhost:8085", "localhost:8085"))
                .isTrue();
        assertThat(CrossSiteForms.sameOrigin("https://portal.dcbeacon.example", "PORTAL.dcbeacon.example"))
                .isTrue();
        assertThat(CrossSiteForms.sameOrigin("https://portal.dcbeacon.example.evil.example", "portal.dcbeacon.example"))
                .isFalse();
        assertThat(CrossSiteForms.sameOrigin("http://localhost:9999", "localhost:8085"))
                .isFalse();
        assertThat(CrossSiteForms.sameOrigin("null", "localhost:8085")).isFalse();
        assertThat(CrossSiteForms.sameOrigin("http://[bad", "localhost:8085")).isFalse();
        assertThat(CrossSiteForms.sameOrigin(null, "localhost:8085")).isTrue();
    }

    private static Response post(String header, String value) {
        return given().redirects()
                .follow(false)
                .header(header, value)
                .formParam("code", " ")
                .post("/gift/claim");
    }
}
