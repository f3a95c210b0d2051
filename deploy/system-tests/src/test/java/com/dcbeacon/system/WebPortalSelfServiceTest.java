package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static com.dcbeacon.system.PortalBoxes.awaitBoxServiceKnows;
import static com.dcbeacon.system.PortalBoxes.boxOf;
import static com.dcbeacon.system.PortalBoxes.curate;
import static com.dcbeacon.system.PortalPages.awaitElement;
import static com.dcbeacon.system.PortalPages.browser;
import static com.dcbeacon.system.PortalPages.fill;
import static com.dcbeacon.system.PortalPages.navigate;
import static com.dcbeacon.system.PortalPages.signUp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * The web portal's self-service in a real browser, on the platform with the identity provider: a new member signs up
 * (an unknown referral code first refused at its field), subscribes, gets a curated box, adds an extra to it seeing
 * box-service's price before confirming and the box's new total after, removes it, buys a gift seeing its total first
 * (the one charge checked in the ledger), reads their referral code and records of consent, changes their address,
 * chooses the mail they want, cancels and reactivates at the price the page quoted. Each step is checked against the services' REST APIs; every
 * page passes axe-core (PageChecks).
 */
@Order(1)
class WebPortalSelfServiceTest {

    @Test
    void shouldLetAMemberAddExtrasBuyAGiftReadTheirRecordsAndReactivateInTheBrowser() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.sharedWithIdentityProvider();
        ProviderAccounts accounts = new ProviderAccounts(platform.identityProvider());
        ServiceProcess portal = platform.webPortal();
        String ops = accounts.token("demo-support", "demo-support-password");
        UUID brand = withCatalogue(platform, accounts, ops);
        long began = System.nanoTime(); // the journey, after the platform and the catalogue are ready

        String username = "portal-self-" + UUID.randomUUID();
        String password = "pw-" + UUID.randomUUID();
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(412, 1400)); // a phone's width
            browser.go(portal.publicUrl() + "/");
            browser.registerAccount(username, username + "@users.example", password);

            // sign-up: an unknown referral code is refused at its field, and nobody is signed up
            fill(page, "referralCode", "ZZZZ-ZZZZ-ZZ");
            signUp(page, "Self Service", username + "@members.example", "3 Extra Street", "Amsterdam", "NL");
            assertThat(awaitElement(page, By.id("referralCode-error")).getText())
                    .isNotBlank();
            assertThat(page.findElement(By.id("referralCode")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(accounts.attribute(username, "member_id")).isNull();
            checks.check(page, "sign-up-referral-refused");
            fill(page, "referralCode", "");
            navigate(page, By.id("sign-up"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("You are signed up");
            UUID member = UUID.fromString(accounts.attribute(username, "member_id"));
            String memberUrl = platform.url(MEMBER) + "/api/members/" + member;

            page.findElement(By.id("plan-classic")).click();
            navigate(page, By.id("subscribe"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("subscription has started");
            String cycle = Http.get(memberUrl + "/subscription", ops).text("nextCycle");

            // a curated box: extras priced by box-service before the member confirms
            awaitBoxServiceKnows(platform, ops, member, "", brand, 8);
            curate(platform, ops, cycle);
            navigate(page, By.linkText("My box"));
            navigate(page, By.id("add-extras"));
            JsonNode box = boxOf(platform, ops, member, cycle);
            long boxTotal = box.path("totalCents").asLong();
            assertThat(awaitElement(page, By.id("box-total")).getText()).contains(money(boxTotal));
            checks.check(page, "add-ons");
            Select product = new Select(page.findElement(By.id("productId")));
            UUID extra = UUID.fromString(product.getFirstSelectedOption().getAttribute("value"));
            fill(page, "quantity", "2");
            navigate(page, By.id("quote-add-on"));
            String boxId = box.path("id").asText();
            JsonNode quote = Http.get(
                            platform.url(BOX) + "/api/boxes/" + boxId + "/add-ons/quote?productId=" + extra
                                    + "&quantity=2",
                            accounts.token(username, password))
                    .body();
            assertThat(awaitElement(page, By.id("quote-unit")).getText())
                    .contains(money(quote.path("unitPriceCents").asLong()));
            assertThat(page.findElement(By.id("quote-add")).getText())
                    .contains(money(quote.path("addOnCents").asLong()));
            assertThat(page.findElement(By.id("quote-total")).getText())
                    .contains(money(quote.path("totalCents").asLong()));
            assertThat(quote.path("totalCents").asLong())
                    .isEqualTo(boxTotal + quote.path("addOnCents").asLong());
            assertThat(boxOf(platform, ops, member, cycle).path("addOns").size())
                    .as("nothing added before confirming")
                    .isZero();
            checks.check(page, "add-on-quote");
            navigate(page, By.id("confirm-add-on"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Added to your box");
            JsonNode withExtra = boxOf(platform, ops, member, cycle);
            assertThat(withExtra.path("totalCents").asLong())
                    .isEqualTo(quote.path("totalCents").asLong());
            assertThat(withExtra.path("addOns").get(0).path("quantity").asInt()).isEqualTo(2);
            assertThat(page.findElement(By.id("box-total")).getText())
                    .contains(money(quote.path("totalCents").asLong()));
            checks.check(page, "add-on-added");
            navigate(page, By.cssSelector("#held-add-ons button"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Removed");
            assertThat(boxOf(platform, ops, member, cycle).path("totalCents").asLong())
                    .isEqualTo(boxTotal);

            // a gift: the total first, then one charge
            navigate(page, By.linkText("Account"));
            checks.check(page, "account");
            navigate(page, By.id("link-gifts"));
            new Select(awaitElement(page, By.id("planId"))).selectByValue("classic");
            fill(page, "cycles", "3");
            checks.check(page, "gifts");
            navigate(page, By.id("gift-price"));
            long perCycle = classicPrice(platform, ops);
            assertThat(awaitElement(page, By.id("gift-total")).getText())
                    .contains("3 × " + money(perCycle))
                    .contains(money(3 * perCycle));
            checks.check(page, "gift-quote");
            navigate(page, By.id("buy-gift"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Gift bought");
            List<JsonNode> gifts = new ArrayList<>();
            Http.get(memberUrl + "/gifts", accounts.token(username, password))
                    .body()
                    .forEach(gifts::add);
            assertThat(gifts).hasSize(1);
            assertThat(gifts.get(0).path("totalCents").asLong()).isEqualTo(3 * perCycle);
            assertThat(page.findElement(By.cssSelector("#gifts .claim-link")).getAttribute("href"))
                    .isEqualTo(gifts.get(0).path("claimUrl").asText());
            List<Long> giftCharges = new ArrayList<>();
            Http.get(memberUrl + "/ledger?size=200", ops).body().path("entries").forEach(entry -> {
                if (entry.path("reason")
                        .asText()
                        .contains(gifts.get(0).path("id").asText())) {
                    giftCharges.add(entry.path("amountCents").asLong());
                }
            });
            assertThat(giftCharges).hasSize(1);
            assertThat(Math.abs(giftCharges.get(0))).isEqualTo(3 * perCycle);
            checks.check(page, "gift-bought");

            // the referral code and the records of consent, as member-service answers them
            navigate(page, By.linkText("Account"));
            navigate(page, By.id("link-referral"));
            String code = Http.get(memberUrl + "/referral", accounts.token(username, password))
                    .text("code");
            assertThat(awaitElement(page, By.id("referral-code")).getText()).isEqualTo(code);
            checks.check(page, "referral");
            navigate(page, By.linkText("Account"));
            navigate(page, By.id("link-consent-records"));
            JsonNode records =
                    Http.get(memberUrl + "/consent-records?size=200", ops).body();
            List<WebElement> rows =
                    awaitElement(page, By.id("consent-records")).findElements(By.cssSelector("tbody tr"));
            assertThat(rows).hasSize(records.path("records").size());
            assertThat(records.path("records").toString()).contains("SUBSCRIBE").contains("GIFT_PURCHASE");
            assertThat(rows.get(0).getText()).contains("Subscribe").contains("Web");
            checks.check(page, "consent-records");

            // the address
            navigate(page, By.linkText("Account"));
            fill(page, "line1", "4 Moved Lane");
            navigate(page, By.id("change-address"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("4 Moved Lane");
            assertThat(Http.get(memberUrl, ops)
                            .body()
                            .path("shippingAddress")
                            .path("line1")
                            .asText())
                    .isEqualTo("4 Moved Lane");
            // the mail wanted: news and offers are opt-in
            assertThat(Http.get(memberUrl + "/communication-preferences", ops)
                            .body()
                            .path("marketingEmails")
                            .asBoolean())
                    .isFalse();
            page.findElement(By.id("marketingEmails")).click();
            navigate(page, By.id("change-communication"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("news and offers");
            assertThat(Http.get(memberUrl + "/communication-preferences", ops)
                            .body()
                            .path("marketingEmails")
                            .asBoolean())
                    .isTrue();
            checks.check(page, "account-saved");

            // cancel, then reactivate at exactly the price the page quotes
            navigate(page, By.linkText("My box"));
            navigate(page, By.id("cancel"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("cancelled");
            JsonNode reactivation =
                    Http.get(memberUrl + "/subscription/reactivation", ops).body();
            long quoted = reactivation.path("priceCents").asLong();
            assertThat(page.findElement(By.id("reactivation-quote")).getText()).contains(money(quoted));
            assertThat(page.findElement(By.id("reactivate")).getText()).contains(money(quoted));
            checks.check(page, "reactivation");
            navigate(page, By.id("reactivate"));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("Welcome back");
            JsonNode reactivated = Http.get(memberUrl + "/subscription", ops).body();
            assertThat(reactivated.path("status").asText()).isEqualTo("ACTIVE");
            assertThat(reactivated.path("priceCents").asLong()).isEqualTo(quoted);
            assertThat(Http.get(memberUrl + "/consent-records?size=200", ops).raw())
                    .contains("REACTIVATE");
            checks.check(page, "reactivated");
        }
        System.out.printf(
                "[portal] self-service journey: %d ms%n[portal] pages:%n  %s%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis(), String.join("\n  ", checks.measured()));
    }

    /** A brand of its own with a small catalogue, so the member's box has items and extras to choose from. */
    private static UUID withCatalogue(PlatformUnderTest platform, ProviderAccounts accounts, String ops) {
        return BrandOnboarding.withCatalogue(platform, accounts, ops, "Self Service Snacks", "portal-self-brand-", """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                SS-CHIPS,Self Chips,chips,potato|salt,NONE,NONE,VEGAN,80,40,100
                SS-SEAWEED,Self Seaweed,seaweed,seaweed|oil,NONE,NONE,VEGAN,60,10,100
                SS-COOKIE,Self Cookie,cookies,oats|sugar,NONE,NONE,VEGAN,50,30,100
                SS-MANGO,Self Mango,fruit,mango,NONE,NONE,VEGAN,90,40,100
                SS-RICE,Self Rice Cake,rice cakes,rice|salt,NONE,NONE,VEGAN,40,20,100
                SS-CHOC,Self Chocolate,chocolate,cocoa|sugar,NONE,NONE,VEGAN,90,30,100
                SS-DATES,Self Dates,dates,dates,NONE,NONE,VEGAN,120,60,100
                SS-POPCORN,Self Popcorn,popcorn,corn|salt,NONE,NONE,VEGAN,40,30,100
                """)
                .brand();
    }

    private static long classicPrice(PlatformUnderTest platform, String ops) {
        for (JsonNode plan : Http.get(platform.url(MEMBER) + "/api/plans", ops).body()) {
            if (plan.path("id").asText().equals("classic")) {
                return plan.path("priceCents").asLong();
            }
        }
        throw new AssertionError("no classic plan");
    }

    /** As the portal writes an amount: 2499 cents as "EUR 24.99". */
    private static String money(long cents) {
        return "EUR " + BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
