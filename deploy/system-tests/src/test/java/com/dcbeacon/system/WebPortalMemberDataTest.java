package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.FEEDBACK;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static com.dcbeacon.system.PortalPages.PAGE_WAIT;
import static com.dcbeacon.system.PortalPages.awaitElement;
import static com.dcbeacon.system.PortalPages.browser;
import static com.dcbeacon.system.PortalPages.fill;
import static com.dcbeacon.system.PortalPages.navigate;
import static com.dcbeacon.system.PortalPages.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The member's feedback and data rights in the web portal, in a real browser on the platform with the identity
 * provider: a member whose box ops curated, packed, shipped and delivered through the REST APIs rates an item, answers
 * the NPS question feedback-service invited them to, requests their data export, refreshes until it is complete and
 * downloads the JSON document, and erases the account after typing their e-mail address. Each step is checked against
 * feedback- and member-service's APIs; every page passes axe-core with no serious or critical violation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPortalMemberDataTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(120);

    private PlatformUnderTest platform;
    private ProviderAccounts accounts;
    private ServiceProcess portal;
    private String ops;
    private UUID brand;

    @BeforeAll
    void startPortalWithACatalogue() {
        platform = PlatformUnderTest.sharedWithIdentityProvider();
        accounts = new ProviderAccounts(platform.identityProvider());
        portal = platform.webPortal();
        ops = accounts.token("demo-support", "demo-support-password");
        brand = BrandOnboarding.withCatalogue(platform, accounts, ops, "Data Rights Snacks", "data-brand-", """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                DR-CRACKERS,Rye Crackers,crackers,rye|salt,GLUTEN,NONE,VEGAN,50,40,100
                DR-HUMMUS-CHIPS,Hummus Chips,legume chips,chickpeas|oil,NONE,NONE,VEGAN,70,40,100
                DR-FRUIT-LEATHER,Fruit Leather,fruit snacks,apple|pear,NONE,NONE,VEGAN,60,20,100
                DR-GRANOLA,Granola Bites,granola,oats|honey,NONE,NONE,VEGETARIAN,80,50,100
                DR-KALE-CHIPS,Kale Chips,vegetable chips,kale|oil,NONE,NONE,VEGAN,90,20,100
                """)
                .brand();
    }

    @Test
    void shouldLetAMemberRateAnswerTheSurveyDownloadTheirDataAndEraseTheAccount() throws Exception {
        long began = System.nanoTime();
        String username = "portal-data-" + UUID.randomUUID();
        String email = username + "@members.example";
        String password = "pw-" + UUID.randomUUID();
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400)); // a phone's width
            browser.go(portal.publicUrl() + "/");
            browser.registerAccount(username, username + "@users.example", password);
            signUp(page, "Data Member", email, "3 Privacy Road", "Rotterdam", "NL");
            assertThat(awaitElement(page, By.id("done")).getText()).contains("You are signed up");
            UUID member = UUID.fromString(accounts.attribute(username, "member_id"));
            page.findElement(By.id("plan-taster")).click();
            navigate(page, By.id("subscribe"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("subscription has started");

            // ops curate, pack, ship and deliver the member's box; feedback-service then invites them to the survey
            JsonNode delivered = deliveredBox(member);
            UUID box = UUID.fromString(delivered.path("id").asText());
            String memberToken = accounts.token(username, password);
            String feedbackUrl = platform.url(FEEDBACK) + "/api/members/" + member;
            await().atMost(EVENTUALLY)
                    .untilAsserted(() -> assertThat(Http.get(feedbackUrl + "/nps-survey", memberToken)
                                    .body()
                                    .path("eligible")
                                    .asBoolean())
                            .isTrue());

            // rate an item of the delivered box
            navigate(page, By.linkText("Ratings"));
            WebElement item = awaitElement(page, By.cssSelector("#rateable .rateable"));
            assertThat(item.getAttribute("data-box")).isEqualTo(box.toString());
            UUID product = UUID.fromString(item.getAttribute("data-product"));
            String key = box + "-" + product;
            checks.check(page, "ratings");
            navigate(page, By.id("rate-button-" + key));
            assertThat(awaitElement(page, By.id("stars-" + key + "-error")).getText())
                    .contains("1 to 5");
            assertThat(Http.get(feedbackUrl + "/ratings", ops).body().size()).isZero();
            page.findElement(By.cssSelector("label[for='stars-" + key + "-5']")).click();
            fill(page, "comment-" + key, "Crunchy and not too salty");
            navigate(page, By.id("rate-button-" + key));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("rating is saved");
            JsonNode ratings = Http.get(feedbackUrl + "/ratings", ops).body();
            assertThat(ratings.size()).as(ratings.toString()).isEqualTo(1);
            assertThat(ratings.get(0).path("productId").asText()).isEqualTo(product.toString());
            assertThat(ratings.get(0).path("stars").asInt()).isEqualTo(5);
            assertThat(page.findElement(By.id("stars-" + key + "-5")).isSelected())
                    .isTrue();
            // you said, we did: once box-service holds the rating, the page says what it changes
            await().atMost(EVENTUALLY)
                    .untilAsserted(() -> assertThat(
                                    Http.get(platform.url(BOX) + "/api/members/" + member + "/rating-effects", ops)
                                            .raw())
                            .contains(product.toString()));
            navigate(page, By.linkText("Ratings"));
            assertThat(awaitElement(page, By.cssSelector("#rating-effects [data-product='" + product + "']"))
                            .getText())
                    .contains("5 stars")
                    .contains("We choose more");
            checks.check(page, "rated");

            // the NPS question the member was invited to
            navigate(page, By.cssSelector("#nps-invitation a"));
            checks.check(page, "nps");
            page.findElement(By.cssSelector("label[for='score-9']")).click();
            fill(page, "comment", "Boxes that know what I like");
            navigate(page, By.id("send-nps"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Thank you");
            JsonNode survey = Http.get(feedbackUrl + "/nps-survey", memberToken).body();
            assertThat(survey.path("eligible").asBoolean())
                    .as(survey.toString())
                    .isFalse();
            assertThat(platform.queryLong(FEEDBACK, "select count(*) from nps_response where member_id = ?", member))
                    .isEqualTo(1);
            checks.check(page, "nps-answered");

            // the data export: pending, refreshed until complete, downloaded through the portal
            navigate(page, By.linkText("My data"));
            checks.check(page, "data");
            navigate(page, By.id("request-export"));
            awaitElement(page, By.id("export-status"));
            checks.check(page, "export-requested");
            WebElement download = new WebDriverWait(page, PAGE_WAIT).until(d -> {
                List<WebElement> ready = d.findElements(By.id("download-export"));
                if (ready.isEmpty()) {
                    navigate(page, By.id("refresh-export"));
                    return null;
                }
                return ready.get(0);
            });
            assertThat(page.findElement(By.id("export-expiry")).getText()).contains("until");
            checks.check(page, "export-complete");
            HttpResponse<String> file = fetchWithSession(page, download.getAttribute("href"));
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment")
                    .endsWith(".json\"");
            JsonNode document = Http.JSON.readTree(file.body());
            assertThat(document.path("status").asText()).isEqualTo("COMPLETE");
            assertThat(document.path("sections").path("member").toString()).contains(email);
            assertThat(document.path("sections").path("feedback").toString())
                    .contains(product.toString())
                    .contains("Crunchy and not too salty");
            assertThat(document.path("sections").path("box").path("boxes").toString())
                    .contains(delivered.path("cycle").asText())
                    .contains("DELIVERED");

            // erasure: explained, refused without the e-mail typed, then confirmed; the status page, then sign-out
            navigate(page, By.linkText("My data"));
            navigate(page, By.id("to-erase"));
            checks.check(page, "erase");
            fill(page, "confirmEmail", "someone-else@members.example");
            navigate(page, By.id("erase-account"));
            assertThat(awaitElement(page, By.id("confirmEmail-error")).getText())
                    .contains(email);
            assertThat(page.findElement(By.id("confirmEmail")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(Http.get(memberUrl(member) + "/erasure", ops).status()).isEqualTo(404);
            checks.check(page, "erase-refused");
            fill(page, "confirmEmail", email);
            navigate(page, By.id("erase-account"));
            assertThat(awaitElement(page, By.id("erasure-status")).getText()).isNotBlank();
            checks.check(page, "erasure");
            await().atMost(EVENTUALLY)
                    .untilAsserted(() -> assertThat(Http.get(memberUrl(member) + "/erasure", ops)
                                    .text("status"))
                            .isEqualTo("DONE"));
            assertThat(Http.get(memberUrl(member), ops).status()).isEqualTo(404);
            navigate(page, By.id("sign-out-erased"));
        }
        System.out.printf(
                "[portal] member data journey: %d ms%n[portal] pages:%n  %s%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), String.join("\n  ", checks.measured()));
    }

    /** Ops curate the member's next cycle; the warehouse packs, ships and delivers its box, through box-service's API. */
    private JsonNode deliveredBox(UUID member) {
        String cycle = Http.get(memberUrl(member) + "/subscription", ops).text("nextCycle");
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(platform.queryLong(BOX, "select count(*) from subscription_replica where member_id = ?", member))
                    .isEqualTo(1);
            assertThat(platform.queryLong(BOX, "select count(*) from catalogue_product where brand_id = ?", brand))
                    .isEqualTo(5);
            assertThat(Http.get(platform.url(BOX) + "/api/curation/waiting-members", ops)
                            .raw())
                    .doesNotContain(member.toString());
        });
        Answer started = Http.post(platform.url(BOX) + "/api/curation-runs", ops, Map.of("cycle", cycle));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String run = platform.url(BOX) + "/api/curation-runs/" + started.text("runId");
        await().atMost(EVENTUALLY)
                .until(() -> !Http.get(run, ops).text("status").equals("RUNNING"));
        JsonNode boxes = Http.get(platform.url(BOX) + "/api/members/" + member + "/boxes", ops)
                .body();
        assertThat(boxes.size()).as(boxes.toString()).isEqualTo(1);
        String warehouse = accounts.token("demo-warehouse", "demo-warehouse-password");
        String boxUrl =
                platform.url(BOX) + "/api/boxes/" + boxes.get(0).path("id").asText();
        assertThat(Http.post(boxUrl + "/pack", warehouse, null).text("status")).isEqualTo("PACKED");
        assertThat(Http.post(boxUrl + "/ship", warehouse, Map.of("trackingNumber", "TRK-DATA-" + member))
                        .text("status"))
                .isEqualTo("SHIPPED");
        assertThat(Http.post(boxUrl + "/deliver", warehouse, null).text("status"))
                .isEqualTo("DELIVERED");
        return boxes.get(0);
    }

    /** A GET of the portal with the browser's session cookies, as the browser's download would send it. */
    private static HttpResponse<String> fetchWithSession(ChromeDriver page, String url) throws Exception {
        String cookies = page.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Cookie", cookies)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private String memberUrl(UUID member) {
        return platform.url(MEMBER) + "/api/members/" + member;
    }
}
