package com.dcbeacon.brand;

import static io.restassured.RestAssured.given;

import com.dcbeacon.platform.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/** Test fixtures: brands onboarded and products created over the real API. */
public final class Brands {

    private Brands() {}

    public static UUID onboard() {
        String id = given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Brand %s\",\"contactEmail\":\"partners@example.com\"}".formatted(UUID.randomUUID()))
                .post("/api/brands")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        return UUID.fromString(id);
    }

    public static RequestSpecification as(UUID brandId) {
        return given().auth().oauth2(TestTokens.brand(brandId)).contentType(ContentType.JSON);
    }

    public static String product(String sku, String allergens, int stock) {
        return """
                {"sku":"%s","name":"Chili Crisps","category":"chips","description":"Hot","ingredients":["potato","chili"],
                 "allergens":[%s],"mayContain":[],"dietaryTags":["VEGAN"],"unitCostCents":120,"weightGrams":40,"stock":%d}""".formatted(sku, allergens, stock);
    }

    public static String createProduct(UUID brandId, String sku, int stock) {
        return as(brandId)
                .body(product(sku, "", stock))
                .post("/api/brands/" + brandId + "/products")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }
}
