package com.dcbeacon.brand.api;

import static com.dcbeacon.brand.Brands.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.brand.Brands;
import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Product input is read as written: nothing coerced, SKUs in their alphabet, nulls never a 500. */
@QuarkusTest
class StrictProductInputTest {

    @Test
    void shouldRefuseSkusOutsideTheAlphabetAndRecallANormalOne() {
        UUID brand = Brands.onboard();
        for (String sku : new String[] {"CHOC{70}", "A/B", "-lead", "a b"}) {
            as(brand)
                    .body(Brands.product(sku, "", 5))
                    .post("/api/brands/" + brand + "/products")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("violations.field", hasItem("sku"));
        }
        Brands.createProduct(brand, "Choc_70.dark-1", 5);
        as(brand)
                .get("/api/brands/" + brand + "/products/Choc_70.dark-1")
                .then()
                .statusCode(200)
                .body("stock", equalTo(5));

        as(brand)
                .body("{\"reason\":\"glass found\"}")
                .post("/api/brands/" + brand + "/products/Choc_70.dark-1/recall")
                .then()
                .statusCode(200)
                .body("status", equalTo("RECALLED"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(1));
    }

    @Test
    void shouldRefuseNullListElementsNamingTheirIndex() {
        UUID brand = Brands.onboard();
        as(brand)
                .body(Brands.product("N-1", "null", 5))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("allergens[0]"));
        as(brand)
                .body(Brands.product("N-1", "", 5).replace("\"VEGAN\"", "\"VEGAN\",null"))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("dietaryTags[1]"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
        Brands.createProduct(brand, "N-1", 5);
    }

    @Test
    void shouldRefuseAFractionalOrQuotedNumberInsteadOfTruncatingIt() {
        UUID brand = Brands.onboard();
        as(brand)
                .body(Brands.product("F-1", "", 5).replace("\"unitCostCents\":120", "\"unitCostCents\":120.75"))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("unitCostCents"));
        as(brand)
                .body(Brands.product("F-1", "", 5).replace("\"stock\":5", "\"stock\":\"5\""))
                .post("/api/brands/" + brand + "/products")
                .then()
                .statusCode(400)
                .body("violations[0].field", equalTo("stock"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }

    @Test
    void shouldNameTheFieldOfAWronglyTypedValueInAnNdjsonImport() {
        UUID brand = Brands.onboard();
        String ndjson = Brands.product("J-1", "", 5).replace("\n", "") + "\n"
                + Brands.product("J-2", "", 5).replace("\n", "").replace("\"stock\":5", "\"stock\":\"5\"") + "\n";

        as(brand)
                .config(io.restassured.RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/api/brands/" + brand + "/products/import")
                .then()
                .statusCode(422)
                .body("violations[0].line", equalTo(2))
                .body("violations[0].field", equalTo("stock"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }
}
