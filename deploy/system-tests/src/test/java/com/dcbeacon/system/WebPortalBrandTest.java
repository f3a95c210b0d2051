package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static com.dcbeacon.system.PlatformUnderTest.Service.FEEDBACK;
import static com.dcbeacon.system.PortalPages.awaitElement;
import static com.dcbeacon.system.PortalPages.browser;
import static com.dcbeacon.system.PortalPages.fill;
import static com.dcbeacon.system.PortalPages.navigate;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * A brand partner's pages of the web portal in a real browser (the system's Chromium, phone-sized) on the platform
 * with the identity provider: a brand user adds a product through the single product form (first refused at the
 * allergen left unanswered, then accepted with its allergens and may-contain as chosen), sets its stock, creates a
 * campaign, recalls the product after the page that says a recall is final, and reads the ratings page. Every step is
 * checked against brand-service's and feedback-service's REST APIs; every page passes axe-core with no serious or
 * critical violation, and its screenshot lands in target/screenshots.
 */
@Order(0)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPortalBrandTest {

    private static final String SKU = "PB-OAT-BAR";

    private PlatformUnderTest platform;
    private ProviderAccounts accounts;
    private ServiceProcess portal;
    private UUID brand;
    private String brandUser;
    private String brandPassword;

    @BeforeAll
    void startPortalWithABrand() {
        platform = PlatformUnderTest.sharedWithIdentityProvider();
        accounts = new ProviderAccounts(platform.identityProvider());
        portal = platform.webPortal();
        String ops = accounts.token("demo-support", "demo-support-password");
        brand = BrandOnboarding.onboard(platform, ops, "Portal Brand Pages " + UUID.randomUUID());
        brandUser = "portal-brand-pages-" + brand;
        brandPassword = accounts.createUser(brandUser, "brand", Map.of("brand_id", brand.toString()));
    }

    @Test
    void shouldLetABrandAddAProductSetItsStockRunACampaignRecallItAndReadItsRatings() {
        long began = System.nanoTime();
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400)); // a phone's width
            browser.go(portal.publicUrl() + "/brand");
            browser.signInWithPassword(brandUser, brandPassword);
            assertThat(awaitElement(page, By.id("products")).findElements(By.cssSelector("tbody tr")))
                    .isEmpty();

            // the product form: every allergen needs an answer; mustard is left open and refused at its field
            navigate(page, By.id("new-product"));
            assertThat(page.findElements(By.cssSelector("input[type=radio]:checked")))
                    .as("no answer preselected")
                    .isEmpty();
            assertThat(page.findElements(By.cssSelector("input[type=radio][name^=allergen-]")))
                    .hasSize(14 * 3);
            checks.check(page, "brand-product-form");
            fill(page, "sku", SKU);
            fill(page, "name", "Oat Crunch Bar");
            fill(page, "category", "bars");
            fill(page, "ingredients", "oats, sesame seeds, honey");
            for (WebElement free : page.findElements(By.cssSelector("input[type=radio][value=FREE]"))) {
                if (!free.getAttribute("name").equals("allergen-MUSTARD")) {
                    free.click();
                }
            }
            page.findElement(By.id("allergen-GLUTEN-contains")).click();
            page.findElement(By.id("allergen-SESAME-contains")).click();
            page.findElement(By.id("allergen-PEANUTS-may")).click();
            page.findElement(By.id("diet-VEGETARIAN")).click();
            fill(page, "unitCost", "1.25");
            fill(page, "weightGrams", "45");
            fill(page, "stock", "100");
            navigate(page, By.id("save-product"));
            WebElement mustard = awaitElement(page, By.id("allergen-MUSTARD-error"));
            assertThat(mustard.getText()).contains("choose contains, may contain or free");
            assertThat(page.findElement(By.id("allergen-MUSTARD")).getAttribute("aria-describedby"))
                    .isEqualTo("allergen-MUSTARD-error");
            assertThat(page.findElement(By.id("allergen-MUSTARD-free")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(page.findElements(By.cssSelector(".field-error"))).hasSize(1);
            assertThat(page.findElement(By.id("problem")).getText()).contains("Not answered yet: Mustard");
            assertThat(page.findElement(By.id("allergen-PEANUTS-may")).isSelected())
                    .as("the answers given are kept for the second try")
                    .isTrue();
            assertThat(Http.get(productUrl(), token()).status())
                    .as("nothing reached brand-service")
                    .isEqualTo(404);
            page.executeScript("arguments[0].scrollIntoView({block: 'center'})", mustard); // for the screenshot
            checks.check(page, "brand-product-refused");

            page.findElement(By.id("allergen-MUSTARD-free")).click();
            navigate(page, By.id("save-product"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Product created");
            assertThat(page.findElement(By.cssSelector("#products tr[data-sku='" + SKU + "']"))
                            .getText())
                    .contains("Gluten, Sesame")
                    .contains("Peanuts");
            JsonNode created = Http.get(productUrl(), token()).body();
            assertThat(texts(created.path("allergens"))).containsExactlyInAnyOrder("GLUTEN", "SESAME");
            assertThat(texts(created.path("mayContain"))).containsExactly("PEANUTS");
            assertThat(texts(created.path("dietaryTags"))).containsExactly("VEGETARIAN");
            assertThat(texts(created.path("ingredients"))).containsExactly("oats", "sesame seeds", "honey");
            assertThat(created.path("unitCostCents").asLong()).isEqualTo(125);
            assertThat(created.path("weightGrams").asInt()).isEqualTo(45);
            assertThat(created.path("stock").asInt()).isEqualTo(100);
            assertThat(created.path("status").asText()).isEqualTo("PUBLISHED");
            assertThat((Boolean) page.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                    .as("only the table scrolls sideways on a phone, not the page")
                    .isTrue();
            checks.check(page, "brand-product-created");

            // an edit: a fraction of a cent is refused at the unit cost, not rounded; whole cents are saved exactly
            navigate(page, By.id("edit-" + SKU));
            assertThat(awaitElement(page, By.id("allergen-SESAME-contains")).isSelected())
                    .isTrue();
            assertThat(page.findElement(By.id("allergen-PEANUTS-may")).isSelected())
                    .isTrue();
            fill(page, "unitCost", "12.345");
            navigate(page, By.id("save-product"));
            assertThat(awaitElement(page, By.id("unitCost-error")).getText()).contains("at most two decimals");
            assertThat(page.findElement(By.id("unitCost")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            checks.check(page, "brand-product-cost-refused");
            fill(page, "unitCost", "12.34");
            navigate(page, By.id("save-product"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Product saved");
            assertThat(Http.get(productUrl(), token())
                            .body()
                            .path("unitCostCents")
                            .asLong())
                    .isEqualTo(1234);

            // stock
            navigate(page, By.id("stock-" + SKU));
            fill(page, "units", "80");
            checks.check(page, "brand-stock");
            navigate(page, By.id("save-stock"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Stock saved");
            assertThat(Http.get(productUrl(), token()).body().path("stock").asInt())
                    .isEqualTo(80);

            // a campaign for next month: 20 units, at most 2 per box
            String cycle = YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
            navigate(page, By.id("campaigns"));
            new Select(awaitElement(page, By.id("sku"))).selectByValue(SKU);
            fill(page, "cycle", cycle);
            fill(page, "units", "20");
            new Select(page.findElement(By.id("maxPerBox"))).selectByValue("2");
            navigate(page, By.id("create-campaign"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Campaign created");
            assertThat(page.findElement(By.id("campaign-list")).getText()).contains(SKU + " " + cycle + " 20 2");
            JsonNode campaigns = Http.get(brandUrl() + "/campaigns", token()).body();
            assertThat(campaigns).hasSize(1);
            assertThat(campaigns.get(0).path("sku").asText()).isEqualTo(SKU);
            assertThat(campaigns.get(0).path("cycle").asText()).isEqualTo(cycle);
            assertThat(campaigns.get(0).path("units").asInt()).isEqualTo(20);
            assertThat(campaigns.get(0).path("maxPerBox").asInt()).isEqualTo(2);
            checks.check(page, "brand-campaigns");

            // the recall: a page that says it is final, nothing changed until it is confirmed with a reason
            navigate(page, By.linkText("Back to your products"));
            navigate(page, By.id("recall-" + SKU));
            assertThat(awaitElement(page, By.id("recall-warning")).getText())
                    .contains("final and urgent")
                    .contains("cannot be undone");
            assertThat(Http.get(productUrl(), token()).body().path("status").asText())
                    .isEqualTo("PUBLISHED");
            checks.check(page, "brand-recall-confirm");
            fill(page, "reason", "undeclared mustard found in batch 7");
            navigate(page, By.id("confirm-recall"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Product recalled");
            JsonNode recalled = Http.get(productUrl(), token()).body();
            assertThat(recalled.path("status").asText()).isEqualTo("RECALLED");
            assertThat(recalled.path("recallReason").asText()).isEqualTo("undeclared mustard found in batch 7");
            assertThat(page.findElement(By.cssSelector("#products tr[data-sku='" + SKU + "']"))
                            .getText())
                    .contains("Recalled");
            assertThat(page.findElements(By.id("recall-" + SKU))).isEmpty();

            // ratings of this month: what feedback-service answers (no product of this new brand is rated yet)
            navigate(page, By.id("insights"));
            String month = YearMonth.now(ZoneOffset.UTC).toString();
            Answer insights =
                    Http.get(platform.url(FEEDBACK) + "/api/brands/" + brand + "/insights?cycle=" + month, token());
            assertThat(insights.status()).as(insights.raw()).isEqualTo(200);
            assertThat(insights.body()).isEmpty();
            assertThat(awaitElement(page, By.id("no-ratings")).getText()).contains(month);
            checks.check(page, "brand-insights");
            // no product of this brand is rated, so no chart is drawn here: the page's chart script and the portal's
            // Chart.js are run on a table row as the page writes a shown product's counts, and draw those numbers
            assertThat(page.executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            const main = document.querySelector('main');
                            const table = document.createElement('table');
                            table.innerHTML = '<tr id="insight-T"><td data-star="1">2</td><td data-star="2">0</td>'
                                + '<td data-star="3">1</td><td data-star="4">4</td><td data-star="5">6</td></tr>';
                            main.appendChild(table);
                            const canvas = document.createElement('canvas');
                            canvas.dataset.row = 'insight-T';
                            main.appendChild(canvas);
                            const load = src => new Promise((loaded, failed) => {
                              const script = document.createElement('script');
                              script.src = src; script.onload = loaded; script.onerror = failed;
                              document.body.appendChild(script);
                            });
                            load('/webjars/chart.js/4.4.1/dist/chart.umd.js')
                              .then(() => load('/brand-insights.js'))
                              .then(() => done(JSON.stringify(Chart.getChart(canvas).data.datasets[0].data)))
                              .catch(e => done('not drawn: ' + e));
                            """)).isEqualTo("[2,0,1,4,6]");
            // feedback-service's refusal of a month that is none, at the month field
            fill(page, "cycle", "2026-13");
            navigate(page, By.id("show-insights"));
            assertThat(awaitElement(page, By.id("cycle-error")).getText()).isNotBlank();
            assertThat(page.findElement(By.id("cycle")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            checks.check(page, "brand-insights-refused");
        }
        PlatformUnderTest.log(
                "portal brand pages: %d pages checked in %d ms",
                checks.measured().size(), PlatformUnderTest.millisSince(began));
    }

    private String token() {
        return accounts.token(brandUser, brandPassword);
    }

    private String brandUrl() {
        return platform.url(BRAND) + "/api/brands/" + brand;
    }

    private String productUrl() {
        return brandUrl() + "/products/" + SKU;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.asText()));
        return texts;
    }
}
