package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.FEEDBACK;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static com.dcbeacon.system.PortalPages.PAGE_WAIT;
import static com.dcbeacon.system.PortalPages.awaitElement;
import static com.dcbeacon.system.PortalPages.browser;
import static com.dcbeacon.system.PortalPages.fill;
import static com.dcbeacon.system.PortalPages.navigate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web portal's ops pages in a real browser on the platform with the identity provider: ops support signs in and
 * lands on the ops pages, starts a curation run and watches its progress bar reach 100% and DONE (box-service's run
 * says the same); two members' boxes are delivered and they answer the NPS survey (a promoter and a detractor), and
 * the NPS page's tables hold exactly feedback-service's figures for the same query, drawn by Chart.js with the same
 * numbers; the detractor's follow-up is closed with a note; a price typed with three decimals is refused at its
 * field; a member's account is refused the ops pages. Every page passes axe-core.
 */
@Order(0)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPortalOpsTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(120);

    private PlatformUnderTest platform;
    private ProviderAccounts accounts;
    private ServiceProcess portal;
    private String support;
    private String warehouse;
    private final List<UUID> members = new ArrayList<>();
    private final List<String> memberUsernames = new ArrayList<>();
    private final List<String> memberPasswords = new ArrayList<>();
    private String cycle;

    @BeforeAll
    void startPortalWithACatalogueAndTwoSubscribers() {
        platform = PlatformUnderTest.sharedWithIdentityProvider();
        accounts = new ProviderAccounts(platform.identityProvider());
        portal = platform.webPortal();
        support = accounts.token("demo-support", "demo-support-password");
        warehouse = accounts.token("demo-warehouse", "demo-warehouse-password");

        UUID brand = BrandOnboarding.withCatalogue(platform, accounts, support, "Ops Page Snacks", "ops-brand-", """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                OP-CHIPS,Sea Salt Chips,chips,potato|salt,NONE,NONE,VEGAN,80,40,100
                OP-SEAWEED,Seaweed Snack,seaweed,seaweed|oil,NONE,NONE,VEGAN,60,10,100
                OP-COOKIE,Oat Cookie,cookies,oats|sugar,NONE,NONE,VEGAN,50,30,100
                OP-MANGO,Dried Mango,fruit,mango,NONE,NONE,VEGAN,90,40,100
                OP-APPLE,Apple Chips,apple chips,apple,NONE,NONE,VEGAN,50,25,100
                OP-RICE,Rice Cake,rice cakes,rice|salt,NONE,NONE,VEGAN,40,20,100
                OP-CHOC,Dark Chocolate,chocolate,cocoa|sugar,NONE,NONE,VEGAN,90,30,100
                OP-POPCORN,Sea Salt Popcorn,popcorn,corn|salt,NONE,NONE,VEGAN,40,30,100
                """)
                .brand();

        for (String label : List.of("ops-promoter", "ops-detractor")) {
            Answer signedUp = MemberSignUp.signUp(platform, label);
            assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(201);
            UUID member = UUID.fromString(signedUp.text("id"));
            String username = label + "-" + member;
            String password = accounts.createUser(username, "member", Map.of("member_id", member.toString()));
            Answer subscribed = Http.post(
                    platform.url(MEMBER) + "/api/members/" + member + "/subscription",
                    accounts.token(username, password),
                    Map.of("planId", "classic"));
            assertThat(subscribed.status()).as(subscribed.raw()).isEqualTo(201);
            cycle = subscribed.text("nextCycle");
            members.add(member);
            memberUsernames.add(username);
            memberPasswords.add(password);
        }
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (UUID member : members) {
                assertThat(platform.queryLong(
                                BOX, "select count(*) from subscription_replica where member_id = ?", member))
                        .isEqualTo(1);
            }
            assertThat(platform.queryLong(BOX, "select count(*) from catalogue_product where brand_id = ?", brand))
                    .isEqualTo(8);
            Answer waiting = Http.get(platform.url(BOX) + "/api/curation/waiting-members", support);
            assertThat(waiting.status()).as(waiting.raw()).isEqualTo(200);
            for (UUID member : members) {
                assertThat(waiting.raw()).doesNotContain(member.toString());
            }
        });
    }

    @Test
    void shouldLetOpsRunACurationReadTheNpsTrendAndCloseAFollowUpInTheBrowser() throws Exception {
        long began = System.nanoTime();
        PageChecks checks = new PageChecks(Path.of("target", "screenshots"));
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            page.manage().window().setSize(new Dimension(1024, 1400));

            // ops support signs in at the portal's home and is led to the ops pages
            browser.go(portal.publicUrl() + "/");
            browser.signInWithPassword("demo-support", "demo-support-password");
            awaitElement(page, By.id("ops-curation"));
            assertThat(page.getCurrentUrl()).isEqualTo(portal.publicUrl() + "/ops");
            checks.check(page, "ops-home");

            // a curation run started in the browser; its progress refreshes itself until DONE at 100%
            navigate(page, By.id("ops-curation"));
            fill(page, "cycle", cycle);
            checks.check(page, "ops-curation");
            navigate(page, By.id("start-run"));
            awaitElement(page, By.id("run-bar"));
            assertThat(page.getCurrentUrl()).startsWith(portal.publicUrl() + "/ops/curation/runs/");
            String runId = page.getCurrentUrl().substring(page.getCurrentUrl().lastIndexOf('/') + 1);
            // a run still going when its page arrives is followed in place: the same document reaches DONE
            WebElement document = page.findElement(By.tagName("html"));
            // read again if the page replaced the status between finding it and reading it
            boolean arrivedRunning = new WebDriverWait(page, PAGE_WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("run-status")).getText())
                    .startsWith("Running");
            new WebDriverWait(page, PAGE_WAIT)
                    .ignoring(StaleElementReferenceException.class)
                    .until(d -> d.findElement(By.id("run-status")).getText().startsWith("Done"));
            if (arrivedRunning) {
                assertThat(document.isDisplayed())
                        .as("the page was not reloaded")
                        .isTrue();
            }
            System.out.println("[portal] the curation run's page arrived " + (arrivedRunning ? "RUNNING" : "DONE"));
            JsonNode run = Http.get(platform.url(BOX) + "/api/curation-runs/" + runId, support)
                    .body();
            assertThat(run.path("status").asText()).isEqualTo("DONE");
            assertThat(run.path("cycle").asText()).isEqualTo(cycle);
            int total = run.path("membersTotal").asInt();
            assertThat(run.path("membersDone").asInt()).isEqualTo(total).isPositive();
            WebElement bar = page.findElement(By.id("run-bar"));
            assertThat(bar.getAttribute("value")).isEqualTo(String.valueOf(total));
            assertThat(bar.getAttribute("max")).isEqualTo(String.valueOf(total));
            assertThat(page.findElement(By.id("progress-label")).getText())
                    .isEqualTo(total + " of " + total + " members done (100%)");
            assertThat(page.findElements(By.cssSelector("#skipped tbody tr")))
                    .hasSize(Math.max(1, run.path("membersSkipped").size()));
            checks.check(page, "ops-curation-run");

            // both members' boxes are delivered; one answers 10, the other 3 (a detractor: a follow-up opens)
            int[] scores = {10, 3};
            for (int i = 0; i < members.size(); i++) {
                deliverBoxOf(members.get(i));
                answerNps(i, scores[i]);
            }

            // the NPS trend with a line per plan: the tables hold feedback-service's figures, the chart the same
            navigate(page, By.linkText("Ops"));
            navigate(page, By.id("ops-nps"));
            page.findElement(By.id("byPlan")).click();
            navigate(page, By.id("show-nps"));
            awaitElement(page, By.id("nps-all"));
            String from = page.findElement(By.id("from")).getAttribute("value");
            String to = page.findElement(By.id("to")).getAttribute("value");
            JsonNode report = Http.get(
                            platform.url(FEEDBACK) + "/api/nps?from=" + from + "&to=" + to
                                    + "&interval=day&groupBy=plan",
                            support)
                    .body();
            assertThat(report.path("responses").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(report.path("byPlan").has("classic")).isTrue();
            List<List<Object>> allPlans = table(page, "nps-all");
            assertThat(allPlans).isEqualTo(expected(report.path("series")));
            assertThat(table(page, "nps-plan-classic"))
                    .isEqualTo(expected(report.path("byPlan").path("classic").path("series")));
            assertThat(page.findElement(By.id("nps-chart")).getAttribute("aria-label"))
                    .contains("every point is in the tables below");
            @SuppressWarnings("unchecked")
            List<Object> charted = (List<Object>)
                    page.executeScript("const chart = Chart.getChart(document.getElementById('nps-chart'));"
                            + " return chart ? chart.data.datasets[0].data : [];");
            assertThat(charted.stream()
                            .map(v -> v == null ? null : ((Number) v).doubleValue())
                            .toList())
                    .as("Chart.js drew the first table's NPS")
                    .isEqualTo(allPlans.stream()
                            .map(row -> row.get(1) == null ? null : Double.valueOf((String) row.get(1)))
                            .toList());
            assertThat((Long) page.executeScript(
                            "return Chart.getChart(document.getElementById('nps-chart')).data.datasets.length;"))
                    .isEqualTo(1L + report.path("byPlan").size());
            checks.check(page, "ops-nps");

            // the detractor's follow-up, closed with a note
            navigate(page, By.linkText("Ops"));
            navigate(page, By.id("ops-follow-ups"));
            JsonNode followUp = openFollowUpOf(members.get(1));
            String id = followUp.path("id").asText();
            WebElement card = awaitElement(page, By.cssSelector("[data-follow-up='" + id + "']"));
            assertThat(card.getText()).contains("Score 3").contains("Due ");
            checks.check(page, "ops-follow-ups");
            fill(page, "note-" + id, "Called the member; a new box is on its way.");
            navigate(page, By.id("close-" + id));
            assertThat(awaitElement(page, By.id("done")).getText()).contains("closed");
            assertThat(page.findElements(By.cssSelector("[data-follow-up='" + id + "']")))
                    .isEmpty();
            JsonNode closed = findFollowUp("CLOSED", id);
            assertThat(closed.path("note").asText()).isEqualTo("Called the member; a new box is on its way.");

            // reviews, and a price typed with three decimals refused at its field (nothing sent)
            navigate(page, By.linkText("Ops"));
            navigate(page, By.id("ops-reviews"));
            checks.check(page, "ops-reviews");
            navigate(page, By.linkText("Ops"));
            navigate(page, By.id("ops-price-changes"));
            String key = page.findElement(By.name("idempotencyKey")).getAttribute("value");
            assertThat(UUID.fromString(key)).isNotNull();
            checks.check(page, "ops-price-change");
            fill(page, "newPrice", "12.345");
            page.executeScript("document.getElementById('effectiveOn').value = '2099-01-01';");
            navigate(page, By.id("announce"));
            assertThat(awaitElement(page, By.id("newPrice-error")).getText()).contains("two decimals");
            assertThat(page.findElement(By.id("newPrice")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(page.findElement(By.id("newPrice")).getAttribute("value"))
                    .isEqualTo("12.345");
            assertThat(Http.get(platform.url(MEMBER) + "/api/plans", support).raw())
                    .doesNotContain("2099-01-01");
            checks.check(page, "ops-price-refused");
        }
        // ops finance announces a price too soon: member-service's refusal is shown at the date, nothing announced
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            browser.go(portal.publicUrl() + "/ops/price-changes");
            browser.signInWithPassword("demo-finance", "demo-finance-password");
            awaitElement(page, By.id("announce"));
            new Select(page.findElement(By.id("planId"))).selectByValue("office");
            fill(page, "newPrice", "59.99");
            String tooSoon = LocalDate.now(ZoneOffset.UTC).plusDays(5).toString();
            page.executeScript("document.getElementById('effectiveOn').value = arguments[0];", tooSoon);
            navigate(page, By.id("announce"));
            assertThat(awaitElement(page, By.id("effectiveOn-error")).getText()).isNotBlank();
            assertThat(page.findElement(By.id("effectiveOn")).getAttribute("aria-invalid"))
                    .isEqualTo("true");
            assertThat(page.findElement(By.id("newPrice")).getAttribute("value"))
                    .isEqualTo("59.99");
            assertThat(Http.get(platform.url(MEMBER) + "/api/plans", support).raw())
                    .doesNotContain(tooSoon);
            checks.check(page, "ops-price-too-soon");
        }
        // a member's account is refused the ops pages
        try (SignInBrowser browser = browser()) {
            ChromeDriver page = browser.driver();
            browser.go(portal.publicUrl() + "/ops");
            browser.signInWithPassword(memberUsernames.get(0), memberPasswords.get(0));
            new WebDriverWait(page, PAGE_WAIT)
                    .until(d -> d.findElement(By.tagName("h1")).getText().equals("Not for this account"));
            assertThat(page.getCurrentUrl()).isEqualTo(portal.publicUrl() + "/ops");
            assertThat(page.findElements(By.linkText("My box"))).isNotEmpty();
            assertThat(page.findElements(By.cssSelector("a[href='/ops']"))).isEmpty();
            checks.check(page, "ops-refused");
        }
        System.out.printf(
                "[portal] ops journey took %d s%n",
                Duration.ofNanos(System.nanoTime() - began).toSeconds());
    }

    /** A table's rows as the page shows them: day, NPS (data-nps, null when none), then the four counts. */
    private static List<List<Object>> table(ChromeDriver page, String id) {
        List<List<Object>> rows = new ArrayList<>();
        for (WebElement row : page.findElements(By.cssSelector("#" + id + " tbody tr"))) {
            List<WebElement> cells = row.findElements(By.cssSelector("th, td"));
            String nps = cells.get(1).getAttribute("data-nps");
            List<Object> values = new ArrayList<>();
            values.add(cells.get(0).getText());
            values.add(nps.isEmpty() ? null : nps);
            for (int i = 2; i < 6; i++) {
                values.add(cells.get(i).getText());
            }
            rows.add(values);
        }
        return rows;
    }

    /** feedback-service's series as the table should show it. */
    private static List<List<Object>> expected(JsonNode series) {
        assertThat(series.size()).isPositive();
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode point : series) {
            List<Object> values = new ArrayList<>();
            values.add(point.path("start").asText());
            values.add(
                    point.path("nps").isNumber()
                            ? point.path("nps").decimalValue().toPlainString()
                            : null);
            for (String count : List.of("promoters", "passives", "detractors", "responses")) {
                values.add(point.path(count).asText());
            }
            rows.add(values);
        }
        return rows;
    }

    private void deliverBoxOf(UUID member) {
        Answer answer = Http.get(platform.url(BOX) + "/api/members/" + member + "/boxes", support);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        assertThat(answer.body().size()).as(answer.raw()).isEqualTo(1);
        String box = platform.url(BOX) + "/api/boxes/"
                + answer.body().get(0).path("id").asText();
        assertThat(Http.post(box + "/pack", warehouse, null).text("status")).isEqualTo("PACKED");
        assertThat(Http.post(box + "/ship", warehouse, Map.of("trackingNumber", "TRK-OPS-" + member))
                        .text("status"))
                .isEqualTo("SHIPPED");
        assertThat(Http.post(box + "/deliver", warehouse, null).text("status")).isEqualTo("DELIVERED");
    }

    private void answerNps(int index, int score) {
        UUID member = members.get(index);
        String token = accounts.token(memberUsernames.get(index), memberPasswords.get(index));
        await().atMost(EVENTUALLY)
                .until(() -> Http.get(platform.url(FEEDBACK) + "/api/members/" + member + "/nps-survey", token)
                        .body()
                        .path("eligible")
                        .asBoolean());
        Answer answered =
                Http.post(platform.url(FEEDBACK) + "/api/members/" + member + "/nps", token, Map.of("score", score));
        assertThat(answered.status()).as(answered.raw()).isEqualTo(201);
    }

    private JsonNode openFollowUpOf(UUID member) {
        Answer open = Http.get(platform.url(FEEDBACK) + "/api/follow-ups?status=OPEN&size=200", support);
        assertThat(open.status()).as(open.raw()).isEqualTo(200);
        for (JsonNode followUp : open.body()) {
            if (followUp.path("memberId").asText().equals(member.toString())) {
                return followUp;
            }
        }
        throw new AssertionError("no open follow-up of " + member + ": " + open.raw());
    }

    private JsonNode findFollowUp(String status, String id) {
        Answer answer = Http.get(platform.url(FEEDBACK) + "/api/follow-ups?status=" + status + "&size=200", support);
        for (JsonNode followUp : answer.body()) {
            if (followUp.path("id").asText().equals(id)) {
                return followUp;
            }
        }
        throw new AssertionError("no " + status + " follow-up " + id + ": " + answer.raw());
    }
}
