package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static com.dcbeacon.system.PortalPages.PAGE_WAIT;
import static com.dcbeacon.system.PortalPages.awaitElement;
import static com.dcbeacon.system.PortalPages.browser;
import static com.dcbeacon.system.PortalPages.fill;
import static com.dcbeacon.system.PortalPages.navigate;
import static com.dcbeacon.system.PortalPages.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web portal in a real browser (the system's Chromium, phone-sized) on the platform with the identity provider: a
 * new member registers at the provider, signs up through the portal's form, sets a peanut allergy (the consent step
 * first refused, then given), sees a box with no peanut item and a reason on every item, swaps one, skips the next
 * cycle, changes plan, pauses until a month and resumes, and cancels in one click; that member buys a gift through the REST API and a new account claims it at the
 * claim link (the code carried to the sign-up in the form, never in the address) and reads that a gift covers its
 * boxes; a brand user sees their products and uploads a CSV, then an NDJSON file, each with one bad row, and reads
 * the row-by-row report. Each step is confirmed on the page and checked against the services' REST APIs;
 * every page passes axe-core with no serious or critical violation, and its screenshot lands in target/screenshots.
 */
@Order(0)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPortalTest {

    private static final Set<String> PEANUT_SKUS = Set.of("PT-PEANUT-BAR", "PT-TRAIL-MIX");

    private PlatformUnderTest platform;
    private ProviderAccounts accounts;
    private ServiceProcess portal;
    private String ops;
    private UUID brand;
    private String brandUser;
    private String brandPassword;
    private final Map<String, UUID> products = new java.util.HashMap<>(); // SKU -> product id
    private String memberUsername; // the journey's member, who buys a gift afterwards
    private String memberPassword;
    private UUID journeyMember;

    @BeforeAll
    void startPortalWithACatalogue() {
        platform = PlatformUnderTest.sharedWithIdentityProvider();
        accounts = new ProviderAccounts(platform.identityProvider());
        portal = platform.webPortal();
        ops = accounts.token("demo-support", "demo-support-password");

        BrandOnboarding.BrandWithCatalogue catalogue =
                BrandOnboarding.withCatalogue(platform, accounts, ops, "Portal Snacks", "portal-brand-", """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                PT-PEANUT-BAR,Peanut Power Bar,bars,peanuts|dates,PEANUTS,NONE,VEGETARIAN,95,45,100
                PT-TRAIL-MIX,Trail Mix,nuts,almonds|raisins,TREE_NUTS,PEANUTS,VEGAN,110,50,100
                PT-SEA-SALT-CHIPS,Sea Salt Chips,chips,potato|salt,NONE,NONE,VEGAN,80,40,100
                PT-SEAWEED,Seaweed Snack,seaweed,seaweed|oil,NONE,NONE,VEGAN,60,10,100
                PT-OAT-COOKIE,Oat Cookie,cookies,oats|sugar,NONE,NONE,VEGAN,50,30,100
                PT-DRIED-MANGO,Dried Mango,fruit,mango,NONE,NONE,VEGAN,90,40,100
                PT-APPLE-CHIPS,Apple Chips,apple chips,apple,NONE,NONE,VEGAN,50,25,100
                PT-RICE-CAKE,Rice Cake,rice cakes,rice|salt,NONE,NONE,VEGAN,40,20,100
                PT-FIG-BAR,Fig Bar,fig bars,figs|flour,GLUTEN,NONE,VEGAN,70,40,100
                PT-DARK-CHOC,Dark Chocolate,chocolate,cocoa|sugar,NONE,NONE,VEGAN,90,30,100
                PT-PRETZELS,Pretzels,pretzels,flour|salt,GLUTEN,NONE,VEGAN,45,50,100
                PT-DATES,Medjool Dates,dates,dates,NONE,NONE,VEGAN,120,60,100
                PT-POPCORN,Sea Salt Popcorn,popcorn,corn|salt,NONE,NONE,VEGAN,40,30,100
                PT-BANANA-CHIPS,Banana Chips,banana chips,banana|oil,NONE,NONE,VEGAN,55,35,100
                """);
        brand = catalogue.brand();
        brandUser = catalogue.user();
        brandPassword = catalogue.password();
        String brandToken = catalogue.token();
        for (JsonNode product : Http.get(
                        platform.url(BRAND) + "/api/brands/" + brand + "/products?size=200", brandToken)
                .body()) {
            products.put(
                    product.path("sku").asText(),
                    UUID.fromString(product.path("id").asText()));
        }
        assertThat(products).hasSize(14);
    }

    @Test
    @Order(1)
    void shouldLetANewMemberSignUpSetAnAllergySwapSkipAndCancelInTheBrowser() throws Exception {
        long began = System.nanoTime();
        String username = "portal-" + UUID.randomUUID();
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400)); // a phone's width

            // registers at the identity provider, comes back to the portal's sign-up form
            browser.go(portal.publicUrl() + "/");
            String password = "pw-" + UUID.randomUUID();
            browser.registerAccount(username, username + "@users.example", password);
            awaitElement(page, By.id("sign-up"));
            assertThat(page.getCurrentUrl()).startsWith(portal.publicUrl() + "/sign-up");
            checks.check(page, "sign-up");

            // a refusal of member-service is shown next to the field it names
            signUp(page, "Portal Member", username + "@members.example", "1 Snack Street", "Amsterdam", "XX");
            assertThat(awaitElement(page, By.id("country-error")).getText()).isNotBlank();
            assertThat(page.findElement(By.id("country")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            checks.check(page, "sign-up-refused");

            fill(page, "country", "NL");
            navigate(page, By.id("sign-up"));
            // member-service links the account; the portal takes new tokens until they name the member
            assertThat(awaitElement(page, By.id("done")).getText()).contains("You are signed up");
            UUID member = UUID.fromString(accounts.attribute(username, "member_id"));
            memberUsername = username;
            memberPassword = password;
            journeyMember = member;
            Answer account = Http.get(memberUrl(member), ops);
            assertThat(account.status()).as(account.raw()).isEqualTo(200);
            assertThat(account.text("name")).isEqualTo("Portal Member");
            checks.check(page, "choose-plan");

            page.findElement(By.id("plan-classic")).click();
            navigate(page, By.id("subscribe"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("subscription has started");
            JsonNode subscription = subscription(member);
            assertThat(subscription.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(subscription.path("planId").asText()).isEqualTo("classic");
            String cycle = subscription.path("nextCycle").asText();
            assertThat(page.findElement(By.id("no-box")).isDisplayed()).isTrue();

            // a peanut allergy: refused without the consent, kept with it
            navigate(page, By.linkText("Preferences"));
            page.findElement(By.id("allergen-PEANUTS")).click();
            navigate(page, By.id("save-preferences"));
            assertThat(awaitElement(page, By.id("sensitiveDataConsent-error")).getText())
                    .contains("consent");
            assertThat(page.findElement(By.id("allergen-PEANUTS")).isSelected())
                    .as("the choice is kept for the second try")
                    .isTrue();
            assertThat(Http.get(memberUrl(member) + "/preferences", ops)
                            .body()
                            .path("allergens")
                            .size())
                    .isZero();
            checks.check(page, "preferences-consent");
            page.findElement(By.id("sensitiveDataConsent")).click();
            navigate(page, By.id("save-preferences"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Saved");
            JsonNode preferences =
                    Http.get(memberUrl(member) + "/preferences", ops).body();
            assertThat(preferences.path("allergens").toString()).isEqualTo("[\"PEANUTS\"]");
            assertThat(preferences.path("sensitiveDataConsent").asBoolean()).isTrue();
            checks.check(page, "preferences");

            // ops curate the cycle; the member's box has no peanut item and a reason on every item
            awaitBoxServiceKnows(member);
            curate(cycle);
            navigate(page, By.linkText("My box"));
            List<WebElement> items = awaitItems(page);
            JsonNode box = boxOf(member, cycle);
            assertThat(productsOnPage(page)).isEqualTo(productIds(box));
            assertThat(productIds(box))
                    .as("no peanut item")
                    .doesNotContainAnyElementsOf(
                            PEANUT_SKUS.stream().map(products::get).toList());
            for (WebElement item : items) {
                assertThat(item.findElement(By.className("reason")).getText())
                        .startsWith("Why: ")
                        .hasSizeGreaterThan(6);
            }
            assertThat(page.getPageSource()).doesNotContain("Peanut Power Bar").doesNotContain("Trail Mix");
            checks.check(page, "next-box");

            // swap the first item: replaced by box-service's next best safe item
            UUID swapped = UUID.fromString(items.get(0).getAttribute("data-product"));
            navigate(page, items.get(0).findElement(By.tagName("button")));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Item swapped");
            assertThat(productsOnPage(page)).doesNotContain(swapped);
            JsonNode afterSwap = boxOf(member, cycle);
            assertThat(productIds(afterSwap)).doesNotContain(swapped).isEqualTo(productsOnPage(page));
            assertThat(productIds(afterSwap))
                    .doesNotContainAnyElementsOf(
                            PEANUT_SKUS.stream().map(products::get).toList());
            checks.check(page, "swapped");

            // skip the next cycle
            navigate(page, By.id("skip"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Skipped");
            assertThat(subscription(member).path("skippedCycles").toString()).contains(cycle);
            assertThat(page.findElement(By.id("subscription-status")).getText()).contains("Skipped: " + cycle);
            checks.check(page, "skipped");

            // the ledger: nothing charged for a skipped box
            navigate(page, By.linkText("Ledger"));
            JsonNode ledger = Http.get(memberUrl(member) + "/ledger", ops).body();
            assertThat(ledger.path("balanceCents").asLong()).isZero();
            assertThat(awaitElement(page, By.id("balance")).getText()).contains("EUR 0.00");
            checks.check(page, "ledger");

            // change plan: one click on a button that shows the price member-service then keeps
            navigate(page, By.linkText("My box"));
            String planBefore = subscription(member).path("planId").asText();
            String otherPlan = "classic".equals(planBefore) ? "taster" : "classic";
            navigate(page, By.id("plan-" + otherPlan));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Plan changed to " + otherPlan);
            assertThat(subscription(member).path("planId").asText()).isEqualTo(otherPlan);
            checks.check(page, "plan-changed");

            // pause until a chosen month (the last without a box), then resume
            Select until = new Select(page.findElement(By.id("untilCycle")));
            until.selectByIndex(2);
            String lastPaused = until.getFirstSelectedOption().getAttribute("value");
            navigate(page, By.id("pause"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Paused until the end of " + lastPaused);
            JsonNode paused = subscription(member);
            assertThat(paused.path("status").asText()).isEqualTo("PAUSED");
            assertThat(paused.path("pausedUntil").asText()).isEqualTo(lastPaused);
            checks.check(page, "paused");
            navigate(page, By.id("resume"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Resumed");
            assertThat(subscription(member).path("status").asText()).isEqualTo("ACTIVE");

            // cancel: one click, no reason needed, no offer in the way
            navigate(page, By.linkText("My box"));
            navigate(page, By.id("cancel"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("cancelled");
            JsonNode cancelled = subscription(member);
            assertThat(cancelled.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(page.findElement(By.id("subscription-status")).getText())
                    .contains(cancelled.path("confirmationId").asText());
            checks.check(page, "cancelled");
        }
        System.out.printf(
                "[portal] browser journey: %d ms%n[portal] pages:%n  %s%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), String.join("\n  ", checks.measured()));
    }

    @Test
    @Order(2)
    void shouldLetANewAccountClaimAGiftFromItsLinkAndSayItsBoxesAreCovered() throws Exception {
        Assumptions.assumeTrue(memberUsername != null, "the member journey signed a member up");
        // the journey's member buys two cycles of the Classic plan through member-service's API
        Answer bought = Http.post(
                memberUrl(journeyMember) + "/gifts",
                accounts.token(memberUsername, memberPassword),
                Map.of("planId", "classic", "cycles", 2),
                UUID.randomUUID().toString());
        assertThat(bought.status()).as(bought.raw()).isEqualTo(201);
        String code = bought.text("claimCode");
        assertThat(bought.text("claimUrl")).endsWith("/gift/claim?code=" + code);

        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        String username = "portal-gift-" + UUID.randomUUID();
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400));
            browser.go(portal.publicUrl() + "/");
            browser.registerAccount(username, username + "@users.example", "pw-" + UUID.randomUUID());
            awaitElement(page, By.id("sign-up"));

            // the claim link: the code in its field; the claim of an account without a member leads to the sign-up
            page.get(portal.publicUrl() + "/gift/claim?code=" + code);
            assertThat(awaitElement(page, By.id("code")).getAttribute("value")).isEqualTo(code);
            checks.check(page, "gift-claim");
            navigate(page, By.id("claim-gift"));
            assertThat(awaitElement(page, By.id("giftCode")).getAttribute("value"))
                    .isEqualTo(code);
            assertThat(page.getCurrentUrl()).doesNotContain(code);
            signUp(page, "Gift Recipient", username + "@members.example", "2 Present Lane", "Utrecht", "NL");
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Your gift is claimed");
            assertThat(page.getCurrentUrl()).doesNotContain(code);

            UUID recipient = UUID.fromString(accounts.attribute(username, "member_id"));
            JsonNode subscription =
                    Http.get(memberUrl(recipient) + "/subscription", ops).body();
            String last = subscription.path("giftLastCycle").asText();
            assertThat(last).matches("\\d{4}-\\d{2}");
            assertThat(page.findElement(By.id("subscription-status")).getText())
                    .contains("covered by a gift")
                    .contains(last)
                    .doesNotContain("a month");
            checks.check(page, "gift-covered");

            // the code is used: a second claim is refused at the code field
            page.get(portal.publicUrl() + "/gift/claim?code=" + code);
            navigate(page, By.id("claim-gift"));
            assertThat(awaitElement(page, By.id("code-error")).getText()).isNotBlank();
        }
    }

    @Test
    @Order(3)
    void shouldShowABrandItsProductsAndTheRowByRowReportOfAnUploadWithABadRow() throws Exception {
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        Path csv = Files.createTempFile("products-", ".csv");
        Files.writeString(csv, """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                PT-PLANTAIN-CHIPS,Plantain Chips,plantain chips,plantain|oil,NONE,NONE,VEGAN,60,40,50
                PT-MYSTERY-BAR,Mystery Bar,bars,oats|honey,,NONE,VEGETARIAN,70,45,50
                """);
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400));
            browser.go(portal.publicUrl() + "/brand");
            browser.signInWithPassword(brandUser, brandPassword);
            WebElement table = awaitElement(page, By.id("products"));
            assertThat(table.findElements(By.cssSelector("tbody tr"))).hasSize(products.size());
            assertThat(table.getText()).contains("Peanut Power Bar").contains("Peanuts");
            checks.check(page, "brand-products");

            List<String> cells = uploadAndReadTheRejectedRow(page, csv);
            assertThat(cells.get(0)).isEqualTo("3");
            assertThat(cells.get(1)).isEqualTo("allergens");
            assertThat(cells.get(2)).isNotBlank();
            checks.check(page, "brand-upload-report");

            // the same upload as NDJSON: a string where a number belongs rejects its row, naming the field
            Path ndjson = Files.createTempFile("products-", ".ndjson");
            Files.writeString(ndjson, """
                    {"sku":"PT-CASSAVA-CHIPS","name":"Cassava Chips","category":"cassava chips","ingredients":["cassava","oil"],"allergens":[],"mayContain":[],"dietaryTags":["VEGAN"],"unitCostCents":60,"weightGrams":40,"stock":50}
                    {"sku":"PT-STRING-STOCK","name":"String Stock Bar","category":"bars","ingredients":["oats"],"allergens":[],"mayContain":[],"dietaryTags":[],"unitCostCents":60,"weightGrams":40,"stock":"50"}
                    """);
            List<String> lineCells = uploadAndReadTheRejectedRow(page, ndjson);
            assertThat(lineCells.get(0)).isEqualTo("2");
            assertThat(lineCells.get(1)).isEqualTo("stock");
            assertThat(lineCells.get(2)).isNotBlank();
        }
        Set<String> skus = new HashSet<>();
        Http.get(
                        platform.url(BRAND) + "/api/brands/" + brand + "/products?size=200",
                        accounts.token(brandUser, brandPassword))
                .body()
                .forEach(product -> skus.add(product.path("sku").asText()));
        assertThat(skus)
                .contains("PT-PLANTAIN-CHIPS", "PT-CASSAVA-CHIPS")
                .doesNotContain("PT-MYSTERY-BAR", "PT-STRING-STOCK")
                .hasSize(products.size() + 2);
    }

    /**
     * Uploads {@code file} on the brand page, checks that the report counts one created and one rejected row, and
     * returns the rejected row's cells: line, field or column, reason.
     */
    private static List<String> uploadAndReadTheRejectedRow(ChromeDriver page, Path file) {
        awaitElement(page, By.id("file")).sendKeys(file.toAbsolutePath().toString());
        navigate(page, By.id("upload"));
        assertThat(awaitElement(page, By.id("report-summary")).getText())
                .contains("1 created")
                .contains("1 rejected");
        List<WebElement> rejected = page.findElements(By.cssSelector("#rejected tbody tr"));
        assertThat(rejected).hasSize(1);
        return rejected.get(0).findElements(By.tagName("td")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The member's subscription as member-service answers it to ops. */
    private JsonNode subscription(UUID member) {
        return Http.get(memberUrl(member) + "/subscription", ops).body();
    }

    private static List<WebElement> awaitItems(ChromeDriver page) {
        return new WebDriverWait(page, PAGE_WAIT).until(d -> {
            List<WebElement> items = d.findElements(By.cssSelector("#box-items .item"));
            return items.isEmpty() ? null : items;
        });
    }

    private static Set<UUID> productsOnPage(ChromeDriver page) {
        Set<UUID> shown = new HashSet<>();
        for (WebElement item : page.findElements(By.cssSelector("#box-items .item"))) {
            shown.add(UUID.fromString(item.getAttribute("data-product")));
        }
        return shown;
    }

    private static Set<UUID> productIds(JsonNode box) {
        Set<UUID> ids = new HashSet<>();
        box.path("items")
                .forEach(item -> ids.add(UUID.fromString(item.path("productId").asText())));
        return ids;
    }

    private JsonNode boxOf(UUID member, String cycle) {
        return PortalBoxes.boxOf(platform, ops, member, cycle);
    }

    /** Waits until box-service holds the member's subscription, their peanut allergy and this test's catalogue. */
    private void awaitBoxServiceKnows(UUID member) {
        PortalBoxes.awaitBoxServiceKnows(
                platform, ops, member, " and allergens @> '[\"PEANUTS\"]'", brand, products.size());
    }

    private void curate(String cycle) {
        PortalBoxes.curate(platform, ops, cycle);
    }

    private String memberUrl(UUID member) {
        return platform.url(MEMBER) + "/api/members/" + member;
    }
}
