package com.dcbeacon.brand.api;

import static com.dcbeacon.brand.Brands.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void shouldPublishANewProductWithEverythingCurationNeeds() {
        UUID brand = Brands.onboard();
        String id = as(brand)
                .body(Brands.product("CC-1", "\"SESAME\"", 100))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(201)
                .body("status", equalTo("PUBLISHED"))
                .body("allergens", contains("SESAME"))
                .extract()
                .path("id");
        var record = KafkaTestClient.await(Topics.BRAND_EVENTS, r -> id.equals(r.key()), TIMEOUT)
                .orElseThrow();
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("ProductPublished");
        assertThat(record.value())
                .contains("\"allergens\":[\"SESAME\"]")
                .contains("\"brandName\"")
                .contains("\"stock\":100");

        as(brand)
                .body(Brands.product("CC-1", "", 5))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseIncompleteOrWrongProductData() {
        UUID brand = Brands.onboard();
        String path = "/api/brands/" + brand + "/products";
        as(brand)
                .body(Brands.product("X-1", "\"CHOCOLATE\"", 1))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("allergens[0]"));
        as(brand)
                .body(Brands.product("X-1", "", 1).replace("\"allergens\":[],", ""))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("allergens"));
        as(brand)
                .body(Brands.product("X-1", "", -1))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("stock"));
        as(brand)
                .body(Brands.product("X\\u0007BELL", "", 1))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sku"));
        as(brand)
                .body(Brands.product("S".repeat(65), "", 1))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sku"));
        as(brand)
                .body(Brands.product("X-1", "", 1).replace("120", "\"cheap\""))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("unitCostCents"));
        as(brand)
                .body(Brands.product("X-1", "", 1).replace("\"stock\"", "\"secretField\":1,\"stock\""))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("secretField"));
        as(brand).get(path).then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void shouldRejectNullOrMissingAllergenFieldsNamingThem() {
        UUID brand = Brands.onboard();
        String path = "/api/brands/" + brand + "/products";
        as(brand)
                .body(Brands.product("NL-1", "", 1).replace("\"allergens\":[]", "\"allergens\":null"))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("allergens"));
        as(brand)
                .body(Brands.product("NL-1", "", 1).replace("\"mayContain\":[]", "\"mayContain\":null"))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", contains("mayContain"));
        as(brand)
                .body(Brands.product("NL-1", "", 1).replace("\"mayContain\":[],", ""))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", contains("mayContain"));
        as(brand)
                .body(Brands.product("NL-1", "null", 1))
                .post(path)
                .then()
                .statusCode(400)
                .body("violations.field", contains("allergens[0]"));
        as(brand).get(path).then().statusCode(200).body("", hasSize(0));

        as(brand)
                .body(Brands.product("NL-1", "", 1))
                .post(path)
                .then()
                .statusCode(201)
                .body("allergens", hasSize(0))
                .body("mayContain", hasSize(0));
    }

    @Test
    void shouldRejectContradictoryDietaryTagsOnCreateAndUpdate() {
        UUID brand = Brands.onboard();
        String path = "/api/brands/" + brand + "/products";
        as(brand)
                .body(Brands.product("DT-1", "\"MILK\"", 5))
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", contains("dietaryTags"))
                .body("violations[0].message", equalTo("VEGAN contradicts the declared allergen MILK"));
        as(brand).get(path).then().body("", hasSize(0));

        Brands.createProduct(brand, "DT-1", 5);
        String glutenFreeWithTraces = Brands.product("DT-1", "", 5)
                .replace("\"mayContain\":[]", "\"mayContain\":[\"GLUTEN\"]")
                .replace("[\"VEGAN\"]", "[\"VEGAN\",\"GLUTEN_FREE\"]");
        as(brand)
                .body(glutenFreeWithTraces)
                .put(path + "/DT-1")
                .then()
                .statusCode(400)
                .body("violations.field", contains("dietaryTags"))
                .body("violations[0].message", equalTo("GLUTEN_FREE contradicts the 'may contain' warning GLUTEN"));
        as(brand)
                .get(path + "/DT-1")
                .then()
                .statusCode(200)
                .body("dietaryTags", contains("VEGAN"))
                .body("mayContain", hasSize(0));
    }

    @Test
    void shouldAnnounceChangesAndNothingForANoOp() {
        UUID brand = Brands.onboard();
        String id = Brands.createProduct(brand, "UP-1", 10);
        String path = "/api/brands/" + brand + "/products/UP-1";
        as(brand).body(Brands.product("UP-1", "", 10)).put(path).then().statusCode(200);
        as(brand)
                .body(Brands.product("UP-1", "\"PEANUTS\"", 10))
                .put(path)
                .then()
                .statusCode(200)
                .body("allergens", contains("PEANUTS"));
        as(brand)
                .body("{\"units\":7}")
                .put(path + "/stock")
                .then()
                .statusCode(200)
                .body("stock", equalTo(7));
        as(brand).body("{\"units\":7}").put(path + "/stock").then().statusCode(200);
        as(brand)
                .body(Brands.product("OTHER", "", 10))
                .put(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("sku"));

        List<String> types = Published.all(Topics.BRAND_EVENTS).stream()
                .filter(r -> id.equals(r.key()))
                .map(r -> KafkaTestClient.header(r, "ce_type"))
                .toList();
        assertThat(types).containsExactly("ProductPublished", "ProductUpdated", "ProductStockChanged");
    }

    @Test
    void shouldRecallFinallyAndAnnounceItWithinSeconds() {
        UUID brand = Brands.onboard();
        String id = Brands.createProduct(brand, "RC-1", 10);
        String path = "/api/brands/" + brand + "/products/RC-1";
        long start = System.nanoTime();
        as(brand)
                .body("{\"reason\":\"Undeclared peanuts found in batch 42\"}")
                .post(path + "/recall")
                .then()
                .statusCode(200)
                .body("status", equalTo("RECALLED"));
        var recalled = KafkaTestClient.await(
                Topics.BRAND_EVENTS,
                r -> id.equals(r.key()) && "ProductRecalled".equals(KafkaTestClient.header(r, "ce_type")),
                TIMEOUT);
        assertThat(recalled).isPresent();
        System.out.printf(
                "[measure] recall acknowledged to ProductRecalled on Kafka: %d ms%n",
                (System.nanoTime() - start) / 1_000_000);

        as(brand).body(Brands.product("RC-1", "", 10)).put(path).then().statusCode(409);
        as(brand).body("{\"units\":3}").put(path + "/stock").then().statusCode(409);
        as(brand).post(path + "/retire").then().statusCode(409);
        as(brand).body("{\"reason\":\"again\"}").post(path + "/recall").then().statusCode(200);
        as(brand).body("{}").post(path + "/recall").then().statusCode(400).body("violations.field", hasItem("reason"));
    }

    @Test
    void shouldListPagedAndFiltered() {
        UUID brand = Brands.onboard();
        Brands.createProduct(brand, "L-1", 1);
        Brands.createProduct(brand, "L-2", 1);
        as(brand)
                .post("/api/brands/" + brand + "/products/L-2/retire")
                .then()
                .statusCode(200)
                .body("status", equalTo("RETIRED"));
        String path = "/api/brands/" + brand + "/products";
        as(brand).get(path + "?status=RETIRED").then().statusCode(200).body("sku", contains("L-2"));
        as(brand)
                .get(path + "?category=CHIPS&size=1&page=1")
                .then()
                .statusCode(200)
                .body("sku", contains("L-2"));
        as(brand).get(path + "?status=GONE").then().statusCode(400).body("violations.field", hasItem("status"));
        as(brand).get(path + "?size=201").then().statusCode(400);
        as(brand).get(path + "/NOPE").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void shouldKeepEveryBrandPathFromOtherBrandsMembersAndStrangers() {
        UUID victim = Brands.onboard();
        Brands.createProduct(victim, "V-1", 10);
        UUID attacker = Brands.onboard();
        String base = "/api/brands/" + victim;
        List<String[]> calls = List.of(
                new String[] {"GET", base, null},
                new String[] {"GET", base + "/products", null},
                new String[] {"POST", base + "/products", Brands.product("Z-1", "", 1)},
                new String[] {"GET", base + "/products/V-1", null},
                new String[] {"PUT", base + "/products/V-1", Brands.product("V-1", "", 1)},
                new String[] {"PUT", base + "/products/V-1/stock", "{\"units\":1}"},
                new String[] {"POST", base + "/products/V-1/retire", null},
                new String[] {"POST", base + "/products/V-1/recall", "{\"reason\":\"sabotage\"}"},
                new String[] {"POST", base + "/campaigns", "{\"sku\":\"V-1\",\"cycle\":\"2099-01\",\"units\":1}"},
                new String[] {"GET", base + "/campaigns", null});
        for (String[] call : calls) {
            var other = Brands.as(attacker);
            var member =
                    given().auth().oauth2(TestTokens.member(UUID.randomUUID())).contentType("application/json");
            var anonymous = given().contentType("application/json");
            if (call[2] != null) {
                other = other.body(call[2]);
                member = member.body(call[2]);
                anonymous = anonymous.body(call[2]);
            }
            other.request(call[0], call[1]).then().statusCode(404);
            member.request(call[0], call[1]).then().statusCode(403);
            anonymous.request(call[0], call[1]).then().statusCode(401);
        }
        as(victim)
                .get(base + "/products/V-1")
                .then()
                .statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("stock", equalTo(10));
        given().auth()
                .oauth2(TestTokens.ops())
                .get(base + "/products/V-1")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType("application/json")
                .body("{\"units\":1}")
                .put(base + "/products/V-1/stock")
                .then()
                .statusCode(403);
    }
}
