package com.dcbeacon.portal.pages;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * The pages that need no service, as an anonymous account (the test profile starts no identity provider and opens
 * the pages): the gift claim form, its hand-over to the sign-up, and the error page of an unexpected failure.
 */
@QuarkusTest
class PagesTest {

    @Test
    void shouldShowTheClaimLinksCodeInALabelledFieldAndSendNoReferrer() {
        Response page = given().redirects().follow(false).get("/gift/claim?code=ABCD-EFGH");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        String html = page.asString();
        assertThat(html).contains("<label for=\"code\">Gift code</label>");
        assertThat(html).contains("id=\"code\" name=\"code\"").contains("value=\"ABCD-EFGH\"");
        assertThat(html).contains("<form method=\"post\" action=\"/gift/claim\"");
    }

    @Test
    void shouldHandAnAccountWithoutAMemberToTheSignUpWithTheCodeInTheFormNotTheAddress() {
        Response page = given().redirects()
                .follow(false)
                .formParam("code", " ABCD-EFGH ")
                .post("/gift/claim");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Location")).isNull();
        String html = page.asString();
        assertThat(html).contains("<form method=\"post\" action=\"/sign-up\"");
        assertThat(html).contains("id=\"giftCode\" name=\"giftCode\"").contains("value=\"ABCD-EFGH\"");
    }

    @Test
    void shouldRefuseAnEmptyCodeAtTheCodeField() {
        Response page = given().formParam("code", "  ").post("/gift/claim");

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.asString())
                .contains("aria-describedby=\"code-error\"")
                .contains("id=\"code-error\" role=\"alert\">enter the gift code");
    }

    @Test
    void shouldOfferTheSignUpAnEmptyOptionalGiftCodeField() {
        String html = given().get("/sign-up").asString();

        assertThat(html).contains("<label for=\"giftCode\">Gift code (optional)</label>");
        assertThat(html).contains("id=\"giftCode\" name=\"giftCode\"").contains("value=\"\"");
    }

    @Test
    void shouldOfferTheSignUpAnEmptyOptionalReferralCodeField() {
        String html = given().get("/sign-up").asString();

        assertThat(html).contains("<label for=\"referralCode\">Referral code (optional, from a friend)</label>");
        assertThat(html).contains("id=\"referralCode\" name=\"referralCode\"").contains("value=\"\"");
        assertThat(html).doesNotContain("referralCode-error");
    }

    @Test
    void shouldShowThePortalsErrorPageAndNothingOfAnUnexpectedException() {
        Response page = given().get("/test-only/failing");

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.contentType()).startsWith("text/html");
        String html = page.asString();
        assertThat(html).contains("<h1>Something went wrong</h1>");
        assertThat(html)
                .doesNotContain("4711")
                .doesNotContain("IllegalStateException")
                .doesNotContain("at com.");
    }
}
