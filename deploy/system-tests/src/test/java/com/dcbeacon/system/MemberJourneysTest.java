package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static com.dcbeacon.system.PlatformUnderTest.Service.FEEDBACK;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The six member journeys of the platform, end to end: the four packaged services as separate processes on a real
 * Kafka broker and real PostgreSQL servers, driven only over HTTP with the tokens each user would hold. Steps run in
 * order and build on each other, like one cycle of the business. Where a step has to wait for events to travel, it
 * polls the HTTP API; only the wait before curation reads box-service's replica tables, because no user-facing API
 * says "box-service has heard of this member yet".
 */
@Order(1)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MemberJourneysTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final String CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
    private static final String NEXT_CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(2).toString();

    private PlatformUnderTest platform;
    private String ops;
    private UUID crunchCo;
    private UUID greenLeaf;
    private final Map<String, UUID> products = new HashMap<>(); // SKU -> platform-wide product id
    private final Map<String, UUID> members = new LinkedHashMap<>(); // role in the story -> member id
    private final Map<String, JsonNode> boxes = new HashMap<>(); // role -> box of CYCLE
    private UUID swappedOut;

    @BeforeAll
    void startPlatform() {
        platform = PlatformUnderTest.shared();
        ops = platform.tokens().ops();
    }

    @Test
    @Order(1)
    void opsOnboardTwoBrandsAndTheBrandsUploadProductsByCsv() {
        crunchCo = onboard("Crunch Co");
        greenLeaf = onboard("Green Leaf");

        importCsv(crunchCo, """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                PEANUT-BAR,Peanut Power Bar,bars,peanuts|dates,PEANUTS,NONE,VEGETARIAN,95,45,100
                TRAIL-MIX,Trail Mix,nuts,almonds|raisins,TREE_NUTS,PEANUTS,VEGAN,110,50,100
                SEA-SALT-CHIPS,"Sea Salt Chips, thin",chips,potato|salt,NONE,NONE,VEGAN|GLUTEN_FREE,80,40,100
                RYE-CRACKERS,Rye Crackers,crackers,rye|salt,GLUTEN,NONE,VEGETARIAN,70,60,100
                MILK-CHOC,Milk Chocolate,chocolate,cocoa|milk|sugar,MILK,NONE,VEGETARIAN,90,30,100
                RARE-TRUFFLE,Rare Truffle,truffles,cocoa|sugar,NONE,NONE,VEGAN,300,20,2
                """);
        importCsv(greenLeaf, """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                SEAWEED,Seaweed Snack,seaweed,seaweed|oil,NONE,NONE,VEGAN,60,10,100
                OAT-COOKIE,Oat Cookie,cookies,oats|sugar,NONE,NONE,VEGAN,50,30,100
                POPCORN,Butter Popcorn,popcorn,corn|butter,MILK,NONE,VEGETARIAN,40,50,100
                DRIED-MANGO,Dried Mango,fruit,mango,NONE,NONE,VEGAN,90,40,100
                BEEF-JERKY,Beef Jerky,jerky,beef|salt,NONE,NONE,,150,40,100
                MOCHI,Mochi,sweets,rice|sugar,NONE,PEANUTS|SESAME,VEGAN,120,35,100
                OAT-BAR,Oat Bar,oat bars,oats|honey,GLUTEN,NONE,VEGETARIAN,60,45,100
                APPLE-CHIPS,Apple Chips,apple chips,apple,NONE,NONE,VEGAN,50,25,100
                HUMMUS-CRISPS,Hummus Crisps,crisps,chickpeas|oil,SESAME,NONE,VEGAN,70,40,100
                """);

        assertThat(products).hasSize(15);
    }

    @Test
    @Order(2)
    void membersSignUpSetTheirPreferencesAndSubscribe() {
        // the six members of the story, plus four more so that some products reach five raters
        for (String role : List.of(
                "allergic",
                "vegan",
                "skipper",
                "pauser",
                "reporter",
                "canceller",
                "crowd1",
                "crowd2",
                "crowd3",
                "crowd4")) {
            members.put(role, signUp(role));
        }
        assertThat(Http.put(
                                memberUrl("allergic", "/preferences"),
                                memberToken("allergic"),
                                preferences(List.of("PEANUTS"), List.of(), true))
                        .status())
                .isEqualTo(200);
        assertThat(Http.put(
                                memberUrl("vegan", "/preferences"),
                                memberToken("vegan"),
                                preferences(List.of(), List.of("VEGAN"), false))
                        .status())
                .isEqualTo(200);
        for (String role : members.keySet()) {
            Answer subscribed =
                    Http.post(memberUrl(role, "/subscription"), memberToken(role), Map.of("planId", "classic"));
            assertThat(subscribed.status()).as(subscribed.raw()).isEqualTo(201);
            assertThat(subscribed.text("nextCycle")).isEqualTo(CYCLE);
        }
        Answer skipped =
                Http.post(memberUrl("skipper", "/subscription/skip"), memberToken("skipper"), Map.of("cycle", CYCLE));
        assertThat(skipped.status()).as(skipped.raw()).isEqualTo(200);
        assertThat(skipped.text("nextCycle")).isEqualTo(NEXT_CYCLE);
        Answer paused = Http.post(memberUrl("pauser", "/subscription/pause"), memberToken("pauser"), Map.of());
        assertThat(paused.status()).as(paused.raw()).isEqualTo(200);
        assertThat(paused.text("status")).isEqualTo("PAUSED");
    }

    @Test
    @Order(3)
    void curationGivesBoxesOnlyToTheRightMembersAndRespectsAllergiesAndDiets() throws Exception {
        awaitBoxServiceKnowsEverything();

        JsonNode run = curate(CYCLE);
        assertThat(run.path("boxesCurated").asInt()).isGreaterThanOrEqualTo(8);

        for (String role : members.keySet()) {
            JsonNode box = boxOf(role, CYCLE);
            if (role.equals("skipper") || role.equals("pauser")) {
                assertThat(box).as(role + " gets no box").isNull();
            } else {
                assertThat(box).as(role + " gets a box").isNotNull();
                assertThat(box.path("items").size()).as(role + "'s box is full").isEqualTo(8);
                boxes.put(role, box);
            }
        }
        Set<UUID> peanutRisk = Set.of(products.get("PEANUT-BAR"), products.get("TRAIL-MIX"), products.get("MOCHI"));
        assertThat(itemIds(boxes.get("allergic"))).doesNotContainAnyElementsOf(peanutRisk);
        Set<UUID> vegan = Set.of(
                products.get("TRAIL-MIX"),
                products.get("SEA-SALT-CHIPS"),
                products.get("RARE-TRUFFLE"),
                products.get("SEAWEED"),
                products.get("OAT-COOKIE"),
                products.get("DRIED-MANGO"),
                products.get("MOCHI"),
                products.get("APPLE-CHIPS"),
                products.get("HUMMUS-CRISPS"));
        assertThat(vegan).containsAll(itemIds(boxes.get("vegan")));

        JsonNode crowdBox = boxes.get("crowd1");
        swappedOut =
                UUID.fromString(crowdBox.path("items").get(0).path("productId").asText());
        Answer swapped = Http.post(
                platform.url(BOX) + "/api/boxes/" + crowdBox.path("id").asText() + "/items/" + swappedOut + "/swap",
                memberToken("crowd1"),
                null);
        assertThat(swapped.status()).as(swapped.raw()).isEqualTo(200);
        assertThat(itemIds(swapped.body())).doesNotContain(swappedOut).hasSize(8);
        Answer notYours = Http.post(
                platform.url(BOX) + "/api/boxes/" + crowdBox.path("id").asText() + "/items/"
                        + itemIds(swapped.body()).get(0) + "/swap",
                memberToken("crowd2"),
                null);
        assertThat(notYours.status()).isEqualTo(404);
        boxes.put("crowd1", swapped.body());
    }

    @Test
    @Order(4)
    void aRecalledProductLeavesEveryUnshippedBox() {
        // Green Leaf recalls the product of theirs that is in the most boxes; which products the draft picks
        // depends on the order it gives the members, and that order on their (random) ids.
        Map<String, Integer> boxesWith = new HashMap<>();
        boxes.values()
                .forEach(box -> box.path("items").forEach(item -> {
                    if (item.path("brandName").asText().equals("Green Leaf")) {
                        boxesWith.merge(item.path("sku").asText(), 1, Integer::sum);
                    }
                }));
        String sku = boxesWith.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElseThrow();
        UUID recalled = products.get(sku);
        assertThat(boxes.values())
                .as("the recalled product was in a box")
                .anyMatch(box -> itemIds(box).contains(recalled));

        Answer recall = Http.post(
                platform.url(BRAND) + "/api/brands/" + greenLeaf + "/products/" + sku + "/recall",
                platform.tokens().brand(greenLeaf),
                Map.of("reason", "undeclared sesame found in a batch"));
        assertThat(recall.status()).as(recall.raw()).isEqualTo(200);

        await().atMost(EVENTUALLY).untilAsserted(() -> {
            for (String role : boxes.keySet()) {
                assertThat(itemIds(boxOf(role, CYCLE))).as(role + "'s box").doesNotContain(recalled);
            }
        });
        boxes.replaceAll((role, box) -> boxOf(role, CYCLE));
    }

    @Test
    @Order(5)
    void boxesAreShippedAndChargedOnceThenDeliveredRatedAndSurveyed() throws Exception {
        // A box is charged only if its preview was mailed before it shipped.
        platform.awaitPreviewsMailed(boxes.values().stream()
                .map(box -> UUID.fromString(box.path("id").asText()))
                .toList());
        for (var box : boxes.entrySet()) {
            String boxUrl = platform.url(BOX) + "/api/boxes/"
                    + box.getValue().path("id").asText();
            assertThat(Http.post(boxUrl + "/pack", ops, null).text("status")).isEqualTo("PACKED");
            assertThat(Http.post(boxUrl + "/ship", ops, Map.of("trackingNumber", "TRK-" + box.getKey()))
                            .text("status"))
                    .isEqualTo("SHIPPED");
            assertThat(Http.post(boxUrl + "/deliver", ops, null).text("status")).isEqualTo("DELIVERED");
        }
        for (String role : members.keySet()) {
            JsonNode box = boxes.get(role);
            await().atMost(EVENTUALLY).untilAsserted(() -> {
                List<JsonNode> charges = ledgerEntries(role, "CHARGE");
                assertThat(charges).as(role + " is charged once per box").hasSize(box == null ? 0 : 1);
                if (box != null) {
                    assertThat(charges.get(0).path("boxId").asText())
                            .isEqualTo(box.path("id").asText());
                    assertThat(charges.get(0).path("amountCents").asLong()).isEqualTo(2499);
                }
            });
        }

        Map<UUID, Set<String>> raters = new HashMap<>();
        for (var box : boxes.entrySet()) {
            for (UUID product : itemIds(box.getValue())) {
                int stars = product.equals(products.get("SEA-SALT-CHIPS")) ? 5 : 4;
                await().atMost(EVENTUALLY).untilAsserted(() -> {
                    Answer rated = Http.post(
                            platform.url(FEEDBACK) + "/api/members/" + members.get(box.getKey()) + "/ratings",
                            memberToken(box.getKey()),
                            Map.of(
                                    "boxId",
                                    box.getValue().path("id").asText(),
                                    "productId",
                                    product.toString(),
                                    "stars",
                                    stars));
                    assertThat(rated.status()).as(rated.raw()).isEqualTo(201);
                });
                raters.computeIfAbsent(product, p -> new HashSet<>()).add(box.getKey());
            }
        }

        answerNps("allergic", 9, null);
        answerNps("vegan", 10, null);
        answerNps("crowd2", 3, "two items were broken");
        JsonNode followUps = Http.get(platform.url(FEEDBACK) + "/api/follow-ups?status=OPEN", ops)
                .body();
        assertThat(followUps.findValuesAsText("memberId"))
                .containsExactly(members.get("crowd2").toString());
        assertThat(Http.get(
                                platform.url(FEEDBACK) + "/api/members/" + members.get("crowd2") + "/nps-survey",
                                memberToken("crowd2"))
                        .body()
                        .path("eligible")
                        .asBoolean())
                .as("asked once, not again")
                .isFalse();

        JsonNode insights = Http.get(
                        platform.url(FEEDBACK) + "/api/brands/" + crunchCo + "/insights",
                        platform.tokens().brand(crunchCo))
                .body();
        int shown = 0;
        int suppressed = 0;
        for (JsonNode insight : insights) {
            UUID product = UUID.fromString(insight.path("productId").asText());
            int distinctRaters = raters.getOrDefault(product, Set.of()).size();
            if (distinctRaters >= 5) {
                assertThat(insight.path("suppressed").asBoolean())
                        .as(insight.toString())
                        .isFalse();
                assertThat(insight.path("ratings").asInt()).isEqualTo(distinctRaters);
                shown++;
            } else {
                assertThat(insight.path("suppressed").asBoolean())
                        .as(insight.toString())
                        .isTrue();
                assertThat(insight.path("ratings").isNull()
                                || insight.path("ratings").isMissingNode())
                        .isTrue();
                suppressed++;
            }
        }
        assertThat(shown).as("products with 5+ raters").isPositive();
        assertThat(suppressed).as("products with fewer raters").isPositive();
        assertThat(Http.get(
                                platform.url(FEEDBACK) + "/api/brands/" + crunchCo + "/insights",
                                platform.tokens().brand(greenLeaf))
                        .status())
                .as("another brand's insights")
                .isEqualTo(404);
    }

    @Test
    @Order(6)
    void membersReportCancelExportAndEraseTheirData() throws Exception {
        // a damaged box: the credit is there at once and in the ledger
        Answer issue = Http.post(
                platform.url(BOX) + "/api/boxes/"
                        + boxes.get("reporter").path("id").asText() + "/issues",
                memberToken("reporter"),
                Map.of("type", "DAMAGED", "note", "box crushed"));
        assertThat(issue.status()).as(issue.raw()).isEqualTo(201);
        long credit = issue.body().path("creditCents").asLong();
        assertThat(credit).isEqualTo(2499);
        await().atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(ledgerEntries("reporter", "CREDIT"))
                        .singleElement()
                        .satisfies(entry ->
                                assertThat(entry.path("amountCents").asLong()).isEqualTo(credit)));
        assertThat(Http.get(memberUrl("reporter", "/ledger"), memberToken("reporter"))
                        .body()
                        .path("balanceCents")
                        .asLong())
                .isEqualTo(0);

        // cancel with one call; the next cycle has a box for an active member and none for the one who left
        Answer cancelled = Http.post(memberUrl("canceller", "/subscription/cancel"), memberToken("canceller"), null);
        assertThat(cancelled.status()).as(cancelled.raw()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        importCsv(crunchCo, """
                sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock
                RICE-CAKES,Rice Cakes,rice cakes,rice,NONE,NONE,VEGAN,40,20,100
                LENTIL-CHIPS,Lentil Chips,lentil chips,lentils,NONE,NONE,VEGAN,60,40,100
                CORN-PUFFS,Corn Puffs,puffs,corn,NONE,NONE,VEGAN,30,20,100
                """);
        awaitBoxServiceKnowsEverything();
        curate(NEXT_CYCLE);
        assertThat(boxOf("canceller", NEXT_CYCLE)).as("no box after cancelling").isNull();
        assertThat(boxOf("crowd3", NEXT_CYCLE)).as("an active member's box").isNotNull();

        // export: all three sections, then erase everywhere
        UUID member = members.get("allergic");
        Answer export = Http.post(memberUrl("allergic", "/exports"), memberToken("allergic"), null);
        assertThat(export.status()).as(export.raw()).isEqualTo(202);
        String exportUrl = memberUrl("allergic", "/exports/" + export.text("exportId"));
        await().atMost(EVENTUALLY)
                .until(() -> Http.get(exportUrl, memberToken("allergic"))
                        .text("status")
                        .equals("COMPLETE"));
        JsonNode sections = Http.get(exportUrl, memberToken("allergic")).body().path("sections");
        assertThat(sections.path("member").toString())
                .contains(member.toString())
                .contains("PEANUTS");
        JsonNode box = boxes.get("allergic");
        assertThat(sections.path("box").toString())
                .contains(CYCLE)
                .contains(box.path("items").findValuesAsText("sku"));
        assertThat(sections.path("feedback").toString())
                .contains(itemIds(box).stream().map(UUID::toString).toList());

        Answer erasure = Http.delete(memberUrl("allergic", ""), memberToken("allergic"));
        assertThat(erasure.status()).as(erasure.raw()).isEqualTo(202);
        await().atMost(EVENTUALLY)
                .until(() -> Http.get(memberUrl("allergic", "/erasure"), ops)
                        .text("status")
                        .equals("DONE"));
        assertThat(Http.get(memberUrl("allergic", ""), ops).status()).isEqualTo(404);
        assertThat(Http.get(platform.url(BOX) + "/api/members/" + member + "/boxes", ops)
                        .body())
                .isEmpty();
        assertThat(Http.get(platform.url(FEEDBACK) + "/api/members/" + member + "/ratings", ops)
                        .body())
                .isEmpty();
    }

    private UUID onboard(String name) {
        return BrandOnboarding.onboard(platform, ops, name);
    }

    private void importCsv(UUID brand, String csv) {
        String token = platform.tokens().brand(brand);
        Answer imported = Http.send(
                "POST", platform.url(BRAND) + "/api/brands/" + brand + "/products/import", token, "text/csv", csv);
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        assertThat(imported.body().path("rejectedRows").asInt()).isZero();
        for (JsonNode product : Http.get(platform.url(BRAND) + "/api/brands/" + brand + "/products?size=200", token)
                .body()) {
            products.put(
                    product.path("sku").asText(),
                    UUID.fromString(product.path("id").asText()));
        }
    }

    private UUID signUp(String role) {
        Answer signedUp = MemberSignUp.signUp(platform, role);
        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(201);
        return UUID.fromString(signedUp.text("id"));
    }

    private static Map<String, Object> preferences(List<String> allergens, List<String> diets, boolean consent) {
        return Map.of(
                "allergens",
                allergens,
                "dietaryTags",
                diets,
                "likedCategories",
                List.of(),
                "dislikedCategories",
                List.of(),
                "sensitiveDataConsent",
                consent);
    }

    private JsonNode curate(String cycle) {
        Answer started = Http.post(platform.url(BOX) + "/api/curation-runs", ops, Map.of("cycle", cycle));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String runUrl = platform.url(BOX) + "/api/curation-runs/" + started.text("runId");
        await().atMost(EVENTUALLY)
                .until(() -> !Http.get(runUrl, ops).text("status").equals("RUNNING"));
        JsonNode run = Http.get(runUrl, ops).body();
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("DONE");
        return run;
    }

    private JsonNode boxOf(String role, String cycle) {
        Answer answer = Http.get(platform.url(BOX) + "/api/members/" + members.get(role) + "/boxes", memberToken(role));
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        for (JsonNode box : answer.body()) {
            if (box.path("cycle").asText().equals(cycle)) {
                return box;
            }
        }
        return null;
    }

    private static List<UUID> itemIds(JsonNode box) {
        List<UUID> ids = new ArrayList<>();
        box.path("items")
                .forEach(item -> ids.add(UUID.fromString(item.path("productId").asText())));
        return ids;
    }

    private List<JsonNode> ledgerEntries(String role, String type) {
        List<JsonNode> entries = new ArrayList<>();
        Http.get(memberUrl(role, "/ledger"), memberToken(role))
                .body()
                .path("entries")
                .forEach(entry -> {
                    if (entry.path("type").asText().equals(type)) {
                        entries.add(entry);
                    }
                });
        return entries;
    }

    private void answerNps(String role, int score, String comment) {
        Map<String, Object> answer = new HashMap<>(Map.of("score", score));
        if (comment != null) {
            answer.put("comment", comment);
        }
        assertThat(Http.get(
                                platform.url(FEEDBACK) + "/api/members/" + members.get(role) + "/nps-survey",
                                memberToken(role))
                        .body()
                        .path("eligible")
                        .asBoolean())
                .as(role + " may be asked")
                .isTrue();
        Answer answered = Http.post(
                platform.url(FEEDBACK) + "/api/members/" + members.get(role) + "/nps", memberToken(role), answer);
        assertThat(answered.status()).as(answered.raw()).isEqualTo(201);
    }

    private String memberUrl(String role, String path) {
        return platform.url(MEMBER) + "/api/members/" + members.get(role) + path;
    }

    private String memberToken(String role) {
        return platform.tokens().member(members.get(role));
    }

    /** Waits until box-service replicated every member's subscription and preferences and the whole catalogue. */
    private void awaitBoxServiceKnowsEverything() throws Exception {
        Map<UUID, String> statuses = new HashMap<>();
        for (var member : members.entrySet()) {
            statuses.put(
                    member.getValue(),
                    Http.get(memberUrl(member.getKey(), "/subscription"), ops).text("status"));
        }
        await().atMost(EVENTUALLY).untilAsserted(() -> {
            try (Connection box = platform.database(BOX)) {
                Map<UUID, String> replicated = new HashMap<>();
                try (ResultSet rs =
                        box.createStatement().executeQuery("select member_id, status from subscription_replica")) {
                    while (rs.next()) {
                        replicated.put(rs.getObject(1, UUID.class), rs.getString(2));
                    }
                }
                assertThat(replicated).containsAllEntriesOf(statuses);
                assertThat(count(
                                box,
                                "select count(*) from preference_replica where member_id = ? and allergens @> '[\"PEANUTS\"]'",
                                members.get("allergic")))
                        .isEqualTo(1);
                assertThat(count(
                                box,
                                "select count(*) from preference_replica where member_id = ? and dietary_tags @> '[\"VEGAN\"]'",
                                members.get("vegan")))
                        .isEqualTo(1);
                assertThat(count(box, "select count(*) from catalogue_product", null))
                        .isEqualTo(products.size());
            }
            // Curation waits for members whose allergens it cannot vouch for; these journeys need none waiting.
            Answer waiting = Http.get(platform.url(BOX) + "/api/curation/waiting-members", ops);
            assertThat(waiting.status()).as(waiting.raw()).isEqualTo(200);
            assertThat(waiting.raw())
                    .as("members curation waits for")
                    .doesNotContain(
                            members.values().stream().map(UUID::toString).toList());
        });
    }

    private static long count(Connection connection, String sql, UUID parameter) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
