package com.dcbeacon.brand.importing;

import static com.dcbeacon.brand.Brands.as;
import static com.dcbeacon.brand.importing.ProductImportTest.HEADER;
import static com.dcbeacon.brand.importing.ProductImportTest.RAW_CONTENT_TYPE;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.brand.Brands;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What spreadsheet programs write into a CSV, and how the import reads it (see ProductFileReader). */
@QuarkusTest
class SpreadsheetConventionsTest {

    private static final String ROW_1 = "S-1,Chili Crisps,chips,,potato|chili,NONE,NONE,VEGAN,120,40,10";
    private static final String ROW_2 = "S-2,Salt Crisps,chips,,potato|salt,NONE,NONE,VEGAN,110,40,12";

    @Test
    void shouldIgnoreBlankLinesAtTheEndOfACrlfFile() {
        UUID brand = Brands.onboard();
        String csv = HEADER.replace("\n", "\r\n") + ROW_1 + "\r\n" + ROW_2 + "\r\n\r\n\r\n";

        upload(brand, csv).statusCode(200).body("created", equalTo(2)).body("rejectedRows", equalTo(0));
        as(brand).get("/api/brands/" + brand + "/products").then().body("sku", containsInAnyOrder("S-1", "S-2"));
    }

    @Test
    void shouldIgnoreBlankAndAllEmptyRowsBetweenProducts() {
        UUID brand = Brands.onboard();
        String csv = HEADER + "\n" + ROW_1 + "\n,,,,,,,,,,\n   \n" + ROW_2 + "\n,,,,,,,,,,\n";

        upload(brand, csv).statusCode(200).body("created", equalTo(2)).body("rejectedRows", equalTo(0));
    }

    @Test
    void shouldAcceptABomAndATrailingSeparatorOnEveryLine() {
        UUID brand = Brands.onboard();
        String csv = "\uFEFF" + HEADER.replace("\n", ",\r\n") + ROW_1 + ",\r\n" + ROW_2 + ",\r\n";

        upload(brand, csv).statusCode(200).body("created", equalTo(2));
        as(brand)
                .get("/api/brands/" + brand + "/products/S-1")
                .then()
                .statusCode(200)
                .body("stock", equalTo(10));
    }

    @Test
    void shouldRefuseSemicolonSeparatedFilesSayingWhatToDo() {
        UUID brand = Brands.onboard();
        String csv = HEADER.replace(',', ';') + ROW_1.replace(',', ';') + "\n";

        upload(brand, csv)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("separated by ';'"))
                .body("detail", containsString("','"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }

    @Test
    void shouldRefuseNewSkusOutsideTheAlphabetInEveryImportFormat() {
        UUID brand = Brands.onboard();
        String csv =
                HEADER + ROW_1 + "\n" + ROW_2.replace("S-2", "A/B") + "\n" + ROW_2.replace("S-2", "CHOC{70}") + "\n";

        upload(brand, csv)
                .statusCode(422)
                .body("violations.field", containsInAnyOrder("sku", "sku"))
                .body("violations.line", containsInAnyOrder(3, 4));
        String ndjson = Brands.product("N-1", "", 1).replace("\n", "") + "\n"
                + Brands.product("N/2", "", 1).replace("\n", "") + "\n";
        as(brand)
                .config(RAW_CONTENT_TYPE)
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/brands/" + brand + "/products/import")
                .then()
                .statusCode(422)
                .body("violations.field", containsInAnyOrder("sku"))
                .body("violations[0].line", equalTo(2));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));

        upload(brand, HEADER + ROW_1 + "\n").statusCode(200).body("created", equalTo(1));
        as(brand)
                .get("/api/brands/" + brand + "/products/S-1")
                .then()
                .statusCode(200)
                .body("sku", equalTo("S-1"));
    }

    /**
     * A column named twice: the second allergens cell (NONE) would silently stand for the first (MILK), and a milk bar
     * would reach members as allergen-free. Refused, as a JSON product with a key twice is; so is a column with no name
     * before the last named one. The same file with one allergens column imports (the positive anchor).
     */
    @Test
    void shouldRefuseAHeaderThatNamesAColumnTwiceOrLeavesOneUnnamed() {
        UUID brand = Brands.onboard();
        String milk = "S-1,Milk bar,bars,,milk,MILK,NONE,,120,40,10";

        upload(brand, HEADER.replace("\n", ",allergens\n") + milk + ",NONE\n")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("allergens appears twice"));
        upload(brand, "," + HEADER + "1," + milk + "\n")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("column 1 has no name"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));

        upload(brand, HEADER + milk + "\n").statusCode(200).body("created", equalTo(1));
        as(brand)
                .get("/api/brands/" + brand + "/products/S-1")
                .then()
                .statusCode(200)
                .body("allergens", containsInAnyOrder("MILK"));
    }

    /**
     * A quote opened and never closed: RFC 4180 reads every following line into the quoted cell until the next quote
     * closes it. Here the nut product's rows vanished into the chili's description and the chili took the peanut
     * product's allergens; the file is refused naming the line instead, wherever description stands, also when a
     * description meant to run over two lines lost its closing quote. Descriptions that really run over lines (the
     * positive anchors, with commas, description last or second to last) still import, with their line breaks.
     */
    @Test
    void shouldRefuseAQuoteThatIsNeverClosedRatherThanLoseTheRowsAfterIt() {
        UUID brand = Brands.onboard();
        String swallowed = HEADER
                + "S-1,Chili Crisps,chips,\"Crunchy,potato|chili,NONE,NONE,VEGAN,120,40,10\n"
                + ROW_2 + "\n"
                + "S-3,Peanut Crisps,chips,Roasted\",potato|peanut,PEANUTS,NONE,,130,40,8\n"
                + "S-4,Plain Crisps,chips,,potato,NONE,NONE,VEGAN,100,40,9\n";
        upload(brand, swallowed)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 2"))
                .body("detail", containsString("description"))
                .body("detail", containsString("never closed"));
        String inName = HEADER
                + "S-1,\"Chili Crisps,chips,,potato|chili,NONE,NONE,VEGAN,120,40,10\n"
                + "S-3,Peanut Crisps\",chips,,potato|peanut,PEANUTS,NONE,,130,40,8\n";
        upload(brand, inName)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("the cell name"));
        String forgotClose = HEADER
                + "S-1,Peanut Crisps,chips,\"Roasted\n"
                + "in oil,potato|peanut,PEANUTS,NONE,,130,40,8\n"
                + "S-2,Salt Crisps,chips,Thin 2\",potato|salt,NONE,NONE,VEGAN,110,40,12\n";
        upload(brand, forgotClose)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("never closed"));
        String lastHeader =
                "sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock,"
                        + "description\n";
        String lastSwallowed = lastHeader
                + "S-1,Chili Crisps,chips,potato|chili,NONE,NONE,VEGAN,120,40,10,\"Crunchy\n"
                + "S-2,Salt Crisps,chips,potato|salt,NONE,NONE,VEGAN,110,40,12,Salted\n"
                + "S-3,Peanut Crisps,chips,potato|peanut,PEANUTS,NONE,,130,40,8,Roasted in pans of 12\"\n";
        upload(brand, lastSwallowed)
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("line 2"))
                .body("detail", containsString("never closed"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));

        String lastMultiLine =
                lastHeader + "S-4,Plain Crisps,chips,potato,NONE,NONE,VEGAN,100,40,9,\"Thin, salted\nand crisp\"\n";
        upload(brand, lastMultiLine).statusCode(200).body("created", equalTo(1));
        String penultimateMultiLine =
                "sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,description,"
                        + "stock\nS-5,Lime Crisps,chips,potato|lime,NONE,NONE,VEGAN,120,40,\"Thin, salted\nand crisp\",10\n";
        upload(brand, penultimateMultiLine).statusCode(200).body("created", equalTo(1));
        String multiLine = HEADER
                + "S-1,Chili Crisps,chips,\"Hot, crunchy\r\nand \"\"hand-cut\"\"\",potato|chili,NONE,NONE,VEGAN,120,40,10\n"
                + ROW_2 + "\n";
        upload(brand, multiLine).statusCode(200).body("created", equalTo(2)).body("rejectedRows", equalTo(0));
        as(brand)
                .get("/api/brands/" + brand + "/products/S-4")
                .then()
                .statusCode(200)
                .body("description", equalTo("Thin, salted\nand crisp"));
        as(brand)
                .get("/api/brands/" + brand + "/products/S-1")
                .then()
                .statusCode(200)
                .body("description", equalTo("Hot, crunchy\r\nand \"hand-cut\""));
    }

    /** An NDJSON line that is JSON's {@code null} is a rejected line, not a failure of the whole upload. */
    @Test
    void shouldRejectAnNdjsonLineThatIsNull() {
        UUID brand = Brands.onboard();
        String ndjson = Brands.product("N-1", "", 1).replace("\n", "") + "\nnull\n";

        as(brand)
                .config(RAW_CONTENT_TYPE)
                .contentType("application/x-ndjson")
                .body(ndjson.getBytes(StandardCharsets.UTF_8))
                .post("/api/brands/" + brand + "/products/import")
                .then()
                .statusCode(422)
                .body("violations[0].line", equalTo(2))
                .body("violations[0].message", containsString("not a JSON product"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }

    private static ValidatableResponse upload(UUID brand, String csv) {
        return as(brand)
                .config(RAW_CONTENT_TYPE)
                .contentType("text/csv")
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post("/api/brands/" + brand + "/products/import")
                .then();
    }
}
