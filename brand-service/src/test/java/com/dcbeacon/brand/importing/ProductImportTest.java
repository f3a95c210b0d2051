package com.dcbeacon.brand.importing;

import static com.dcbeacon.brand.Brands.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductImportTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ProductImport productImport;

    /** Send the Content-Type as given, as curl does: no charset added by the test client. */
    static final io.restassured.config.RestAssuredConfig RAW_CONTENT_TYPE = io.restassured.RestAssured.config()
            .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                    .appendDefaultContentCharsetToContentTypeIfUndefined(false));

    static final String HEADER =
            "sku,name,category,description,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock\n";

    @Test
    void shouldImportNothingFromAFileWithABadRowByDefault() {
        UUID brand = Brands.onboard();
        String csv = HEADER
                + "A-1,Chili Crisps,chips,,potato|chili,NONE,NONE,VEGAN,120,40,10\n"
                + "A-2,Peanut Bar,bars,,peanuts,PEANUTS,NONE,,-5,40,10\n"
                + "A-3,Choc,sweets,,cocoa,CHOCOLATE,NONE,,100,40,10\n";
        upload(brand, csv, "text/csv", "")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations", hasSize(2))
                .body("violations[0].line", equalTo(3))
                .body("violations[0].field", equalTo("unitCostCents"))
                .body("violations[1].line", equalTo(4))
                .body("violations[1].field", equalTo("allergens[0]"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));

        upload(brand, csv, "text/csv", "?mode=partial")
                .statusCode(200)
                .body("committed", equalTo(true))
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(2));
        as(brand)
                .get("/api/brands/" + brand + "/products")
                .then()
                .body("sku", hasItem("A-1"))
                .body("", hasSize(1));
    }

    @Test
    void shouldReadQuotedCommasEmbeddedNewlinesUtf8BomAndCrlf() {
        UUID brand = Brands.onboard();
        String csv = "\uFEFF" + HEADER.replace("\n", "\r\n")
                + "Q-1,\"Crème brûlée, crunchy\",sweets,\"Line one\r\nline two\",\"sugar|egg, yolk\",EGGS|MILK,NONE,VEGETARIAN,250,60,5\r\n"
                + "Q-2,Smörgås Chips,chips,,potato,NONE,SESAME,,90,30,7\r\n";
        upload(brand, csv, "text/csv; charset=utf-8", "").statusCode(200).body("created", equalTo(2));
        as(brand)
                .get("/api/brands/" + brand + "/products/Q-1")
                .then()
                .statusCode(200)
                .body("name", equalTo("Crème brûlée, crunchy"))
                .body("description", equalTo("Line one\r\nline two"))
                .body("ingredients", hasItem("egg, yolk"))
                .body("allergens", hasItem("MILK"));
        as(brand).get("/api/brands/" + brand + "/products/Q-2").then().body("mayContain", hasItem("SESAME"));
    }

    @Test
    void shouldChangeNothingAndAnnounceNothingWhenTheSameFileComesAgain() {
        UUID brand = Brands.onboard();
        String csv = HEADER + "R-1,Rice Cakes,snacks,,rice,NONE,NONE,GLUTEN_FREE,80,20,50\n"
                + "R-2,Corn Puffs,snacks,,corn,NONE,NONE,,70,25,50\n";
        upload(brand, csv, "text/csv", "").statusCode(200).body("created", equalTo(2));
        upload(brand, csv, "text/csv", "")
                .statusCode(200)
                .body("created", equalTo(0))
                .body("unchanged", equalTo(2));
        upload(
                        brand,
                        csv.replace("rice,NONE,NONE,GLUTEN_FREE,80,20,50", "rice,NONE,NONE,GLUTEN_FREE,80,20,40"),
                        "text/csv",
                        "")
                .statusCode(200)
                .body("updated", equalTo(1))
                .body("unchanged", equalTo(1));

        String productId = as(brand)
                .get("/api/brands/" + brand + "/products/R-1")
                .then()
                .extract()
                .path("id");
        assertThat(Published.all(Topics.BRAND_EVENTS).stream()
                        .filter(r -> productId.equals(r.key()))
                        .map(r -> KafkaTestClient.header(r, "ce_type")))
                .containsExactly("ProductPublished", "ProductUpdated");
    }

    @Test
    void shouldImportTheExampleFileOfTheReadme() throws Exception {
        UUID brand = Brands.onboard();
        String example = java.nio.file.Files.readString(java.nio.file.Path.of("docs/example-products.csv"));
        upload(brand, example, "text/csv", "").statusCode(200).body("created", equalTo(3));
        as(brand)
                .get("/api/brands/" + brand + "/products/CHILI-40")
                .then()
                .body("allergens", hasSize(0))
                .body("mayContain", contains("SESAME"));
    }

    @Test
    void shouldRejectBlankAllergenCellNamingLineAndColumn() {
        UUID brand = Brands.onboard();
        String csv = HEADER
                + "E-1,Rice Cakes,snacks,,rice,NONE,NONE,VEGAN,80,20,50\n"
                + "E-2,Corn Puffs,snacks,,corn,,NONE,VEGAN,70,25,50\n"
                + "E-3,Oat Bar,bars,,oats,GLUTEN,\"\",,60,45,50\n"
                + "E-4,Milk Choc,sweets,,cocoa|milk,NONE|MILK,NONE,,90,30,50\n";
        upload(brand, csv, "text/csv", "")
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.line", contains(3, 4, 5))
                .body("violations.field", contains("allergens", "mayContain", "allergens"))
                .body("violations[0].message", containsString("NONE"))
                .body("violations[2].message", containsString("stand alone"));
        as(brand)
                .get("/api/brands/" + brand + "/products")
                .then()
                .statusCode(200)
                .body("", hasSize(0));

        upload(brand, csv, "text/csv", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(3))
                .body("rejected.line", contains(3, 4, 5))
                .body("rejected.field", contains("allergens", "mayContain", "allergens"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("sku", contains("E-1"));
    }

    @Test
    void shouldReadNoneInAnyCaseAsNoAllergens() {
        UUID brand = Brands.onboard();
        String csv = HEADER + "N-1,Rice Cakes,snacks,,rice,none,None,VEGAN,80,20,50\n"
                + "N-2,Peanut Bar,bars,,peanuts,PEANUTS,nOnE,,95,45,50\n";
        upload(brand, csv, "text/csv", "").statusCode(200).body("created", equalTo(2));
        as(brand)
                .get("/api/brands/" + brand + "/products/N-1")
                .then()
                .statusCode(200)
                .body("allergens", hasSize(0))
                .body("mayContain", hasSize(0));
        as(brand)
                .get("/api/brands/" + brand + "/products/N-2")
                .then()
                .body("allergens", contains("PEANUTS"))
                .body("mayContain", hasSize(0));
    }

    @Test
    void shouldRejectContradictoryDietaryTagsInCsvAndNdjson() {
        UUID brand = Brands.onboard();
        String csv = HEADER
                + "D-1,Butter Cookie,cookies,,flour|butter,GLUTEN|MILK,NONE,VEGAN,80,20,50\n"
                + "D-2,Trail Mix,nuts,,raisins|oats,NONE,PEANUTS,NUT_FREE|VEGAN,70,25,50\n"
                + "D-3,Butter Cookie,cookies,,flour|butter,GLUTEN|MILK,NONE,VEGETARIAN,80,20,50\n";
        upload(brand, csv, "text/csv", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(2))
                .body("rejected.line", contains(2, 3))
                .body("rejected.field", contains("dietaryTags", "dietaryTags"))
                .body("rejected[0].message", equalTo("VEGAN contradicts the declared allergen MILK"))
                .body("rejected[1].message", equalTo("NUT_FREE contradicts the 'may contain' warning PEANUTS"));

        String ndjson =
                Brands.product("J-1", "\"MILK\"", 3).replace("\n", "").replace("[\"VEGAN\"]", "[\"DAIRY_FREE\"]") + "\n"
                        + Brands.product("J-2", "\"MILK\"", 3)
                                .replace("\n", "")
                                .replace("[\"VEGAN\"]", "[\"VEGETARIAN\"]")
                        + "\n";
        upload(brand, ndjson, "application/x-ndjson", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(1))
                .body("rejected.line", contains(1))
                .body("rejected.field", contains("dietaryTags"))
                .body("rejected[0].message", equalTo("DAIRY_FREE contradicts the declared allergen MILK"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("sku", contains("D-3", "J-2"));
    }

    @Test
    void shouldRejectNdjsonLinesWithoutAllergenData() {
        UUID brand = Brands.onboard();
        String ndjson =
                Brands.product("K-1", "", 3).replace("\n", "").replace("\"allergens\":[]", "\"allergens\":null") + "\n"
                        + Brands.product("K-2", "", 3).replace("\n", "").replace("\"mayContain\":[],", "") + "\n"
                        + Brands.product("K-3", "", 3).replace("\n", "") + "\n";
        upload(brand, ndjson, "application/x-ndjson", "")
                .statusCode(422)
                .body("violations.line", contains(1, 2))
                .body("violations.field", contains("allergens", "mayContain"));
        upload(brand, ndjson, "application/x-ndjson", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(2));
        as(brand).get("/api/brands/" + brand + "/products").then().body("sku", contains("K-3"));
    }

    @Test
    void shouldImportNdjsonAndRejectBadLinesPrecisely() {
        UUID brand = Brands.onboard();
        String ndjson = Brands.product("N-1", "", 3).replace("\n", "") + "\n"
                + "{not json}\n"
                + Brands.product("N-2", "", 3).replace("\n", "").replace("\"stock\"", "\"colour\":\"red\",\"stock\"")
                + "\n"
                + Brands.product("N-1", "", 4).replace("\n", "") + "\n";
        upload(brand, ndjson, "application/x-ndjson", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejectedRows", equalTo(3))
                .body("rejected.line", org.hamcrest.Matchers.contains(2, 3, 4))
                .body("rejected[1].field", equalTo("colour"))
                .body("rejected[2].message", containsString("twice"));
    }

    @Test
    void shouldRefuseFilesThatCannotBeReadAsAWhole() {
        UUID brand = Brands.onboard();
        upload(brand, "", "text/csv", "").statusCode(400).body("detail", containsString("empty"));
        upload(brand, "sku,name,colour\nA,B,C\n", "text/csv", "")
                .statusCode(400)
                .body("detail", containsString("missing columns"))
                .body("detail", containsString("colour"));
        upload(brand, HEADER + "B-1,\"Broken quote,chips,,x,NONE,NONE,,1,1,1\n", "text/csv", "")
                .statusCode(400)
                .contentType("application/problem+json");
        byte[] latin1 = (HEADER + "L-1,Crème,chips,,x,NONE,NONE,,1,1,1\n").getBytes(StandardCharsets.ISO_8859_1);
        as(brand)
                .config(RAW_CONTENT_TYPE)
                .contentType("text/csv")
                .body(latin1)
                .post("/api/brands/" + brand + "/products/import")
                .then()
                .statusCode(400)
                .body("detail", containsString("UTF-8"));
        upload(brand, HEADER, "text/plain", "").statusCode(415);
        upload(brand, HEADER, "text/csv; charset=iso-8859-1", "").statusCode(400);
        upload(brand, HEADER + "A,B,c,,x,NONE,NONE,,1,1,1\n", "text/csv", "?mode=sometimes")
                .statusCode(400)
                .body("violations.field", hasItem("mode"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }

    /** A client announcing a 1 GB upload is refused before it sends a byte of it. */
    @Test
    void shouldRefuseAOneGigabyteUploadWithoutReadingIt() throws Exception {
        UUID brand = Brands.onboard();
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            String request = "POST /api/brands/" + brand + "/products/import HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: Bearer " + com.dcbeacon.platform.testing.TestTokens.brand(brand) + "\r\n"
                    + "Content-Type: text/csv\r\n"
                    + "Content-Length: 1073741824\r\n"
                    + "Expect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String statusLine = new java.io.BufferedReader(
                            new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 413");
        }
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
    }

    /**
     * More rows than one insert batch and one outbox write-ahead: every new product is stored and announced exactly
     * once, and the same file again changes and announces nothing.
     */
    @Test
    void shouldAnnounceEveryImportedProductOnceAcrossBatches() {
        UUID brand = Brands.onboard();
        int rows = 1_100;
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < rows; i++) {
            csv.append("BULK-")
                    .append(i)
                    .append(",Bar ")
                    .append(i)
                    .append(",bars,,oats|honey,")
                    .append(i % 3 == 0 ? "MILK" : "NONE")
                    .append(",NONE,,")
                    .append(100 + i)
                    .append(",30,")
                    .append(i)
                    .append('\n');
        }
        upload(brand, csv.toString(), "text/csv", "").statusCode(200).body("created", equalTo(rows));

        List<ConsumerRecord<String, String>> published = productEvents(brand);
        assertThat(published).hasSize(rows);
        assertThat(published.stream().map(ConsumerRecord::key).distinct()).hasSize(rows);
        assertThat(productEventsOf(brand)).containsOnly("ProductPublished");
        as(brand)
                .get("/api/brands/" + brand + "/products/BULK-1099")
                .then()
                .body("stock", equalTo(1099))
                .body("allergens", hasSize(0))
                .body("ingredients", contains("oats", "honey"));

        upload(brand, csv.toString(), "text/csv", "")
                .statusCode(200)
                .body("created", equalTo(0))
                .body("unchanged", equalTo(rows));
        assertThat(productEventsOf(brand)).hasSize(rows);
    }

    /** A product an import wrote reads, changes and announces exactly like one created on its own. */
    @Test
    void shouldStoreAnImportedProductAsACreateDoes() throws Exception {
        UUID single = Brands.onboard();
        UUID imported = Brands.onboard();
        String json = Brands.product("SAME-1", "\"MILK\"", 12).replace("\"VEGAN\"", "");
        String row = HEADER + "SAME-1,Chili Crisps,chips,Hot,potato|chili,MILK,NONE,,120,40,12\n";
        as(single).body(json).post("/api/brands/" + single + "/products").then().statusCode(201);
        upload(imported, row, "text/csv", "").statusCode(200).body("created", equalTo(1));
        assertThat(withoutIdsAndTimes(as(imported).get("/api/brands/" + imported + "/products/SAME-1")))
                .isEqualTo(withoutIdsAndTimes(as(single).get("/api/brands/" + single + "/products/SAME-1")));
        // Every column as stored, not only what the API shows: the import writes its rows by COPY, column by column.
        assertThat(storedRow(imported, "SAME-1")).isEqualTo(storedRow(single, "SAME-1"));

        as(imported)
                .body(json.replace("\"stock\":12", "\"stock\":7"))
                .put("/api/brands/" + imported + "/products/SAME-1")
                .then()
                .statusCode(200)
                .body("stock", equalTo(7));
        upload(imported, row, "text/csv", "").statusCode(200).body("updated", equalTo(1));
        as(imported).get("/api/brands/" + imported + "/products/SAME-1").then().body("stock", equalTo(12));
        assertThat(productEventsOf(imported)).containsExactly("ProductPublished", "ProductUpdated", "ProductUpdated");
    }

    /**
     * Text with a tab, backslashes, line breaks, a literal \\N and characters beyond ASCII is stored
     * and announced exactly as sent; a NUL character, which PostgreSQL cannot store, is rejected naming the field.
     */
    @Test
    void shouldStoreAndAnnounceAwkwardTextAsSent() {
        UUID brand = Brands.onboard();
        String name = "Tab\\there \\\\N back\\\\slash"; // as JSON: decoded, a tab and two backslashes
        String description = "line one\\nline two\\r\\n\\\\. caf\u00e9 \ud83c\udf36";
        String ndjson = Brands.product("ODD-1", "", 3)
                        .replace("\n", "")
                        .replace("Chili Crisps", name)
                        .replace("\"Hot\"", "\"" + description + "\"")
                        .replace("\"chili\"", "\"chili\\\\flakes\\t\"")
                + "\n"
                + Brands.product("ODD-2", "", 3).replace("\n", "").replace("Chili Crisps", "nul\\u0000")
                + "\n";
        upload(brand, ndjson, "application/x-ndjson", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1))
                .body("rejected[0].line", equalTo(2))
                .body("rejected[0].field", equalTo("name"));
        as(brand)
                .get("/api/brands/" + brand + "/products/ODD-1")
                .then()
                .statusCode(200)
                .body("name", equalTo("Tab\there \\N back\\slash"))
                .body("description", equalTo("line one\nline two\r\n\\. caf\u00e9 \ud83c\udf36"))
                .body("ingredients", contains("potato", "chili\\flakes"));
        List<ConsumerRecord<String, String>> published = productEvents(brand);
        assertThat(published).hasSize(1);
        assertThat(published.get(0).value()).contains("\"name\":\"Tab\\there \\\\N back\\\\slash\"");
    }

    /**
     * The events of new products are built on the import's reading thread, yet carry the trace context of the request
     * that sent the file (envelope and record header), in every batch; an import outside any trace carries none.
     */
    @Test
    void shouldCarryTheRequestsTraceContextToEveryImportedProductsEvent() {
        UUID traced = Brands.onboard();
        UUID untraced = Brands.onboard();
        String traceId = java.util.HexFormat.of()
                .formatHex(java.nio.ByteBuffer.allocate(16)
                        .putLong(UUID.randomUUID().getMostSignificantBits())
                        .putLong(UUID.randomUUID().getLeastSignificantBits())
                        .array());
        io.opentelemetry.api.trace.SpanContext request = io.opentelemetry.api.trace.SpanContext.create(
                traceId,
                "00f067aa0ba902b7",
                io.opentelemetry.api.trace.TraceFlags.getSampled(),
                io.opentelemetry.api.trace.TraceState.getDefault());
        try (io.opentelemetry.context.Scope ignored = io.opentelemetry.context.Context.root()
                .with(io.opentelemetry.api.trace.Span.wrap(request))
                .makeCurrent()) {
            importCsv(traced, HEADER + bars("TRACED-", 1_100));
        }
        importCsv(untraced, HEADER + bars("UNTRACED-", 3));

        List<ConsumerRecord<String, String>> published = productEvents(traced);
        assertThat(published).hasSize(1_100);
        assertThat(published)
                .allSatisfy(r ->
                        assertThat(r.value()).contains("\"traceparent\":\"00-" + traceId + "-00f067aa0ba902b7-01\""))
                .allSatisfy(r ->
                        assertThat(KafkaTestClient.header(r, "traceparent")).contains(traceId));
        List<ConsumerRecord<String, String>> untracedEvents = productEvents(untraced);
        assertThat(untracedEvents)
                .hasSize(3)
                .allSatisfy(r -> assertThat(r.value()).doesNotContain("traceparent"))
                .allSatisfy(r ->
                        assertThat(KafkaTestClient.header(r, "traceparent")).isNull());
    }

    private ImportResult importCsv(UUID brand, String csv) {
        ImportResult result = productImport.importFile(
                brand,
                ProductFileReader.CSV,
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                ProductImport.Mode.ALL_OR_NOTHING);
        assertThat(result.rejectedRows()).isZero();
        return result;
    }

    /**
     * The import writes new products by COPY with an explicit column list: it names every column of the table, so a
     * column added by a migration cannot quietly take its default for imported products while a create sets it.
     */
    @Test
    void shouldWriteEveryColumnOfTheProductTableWhenImporting() throws Exception {
        List<String> columns = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection();
                java.sql.ResultSet r = c.createStatement()
                        .executeQuery("select column_name from information_schema.columns"
                                + " where table_schema = current_schema() and table_name = 'product'"
                                + " order by ordinal_position")) {
            while (r.next()) {
                columns.add(r.getString(1));
            }
        }
        assertThat(columns).contains("id", "sku", "content_hash");
        assertThat(com.dcbeacon.brand.persistence.ProductRepository.COLUMNS)
                .containsExactlyInAnyOrderElementsOf(columns);
    }

    /** A bad row after more than one insert batch: nothing of the file is kept, nothing announced. */
    @Test
    void shouldKeepNothingOfWrittenBatchesWhenALateRowIsRejected() {
        UUID brand = Brands.onboard();
        StringBuilder csv = new StringBuilder(HEADER).append(bars("LATE-", 1_100));
        csv.append("LATE-X,Bar,bars,,oats,,NONE,,100,30,5\n");
        upload(brand, csv.toString(), "text/csv", "").statusCode(422).body("violations[0].line", equalTo(1_102));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
        upload(brand, csv.toString(), "text/csv", "?mode=partial")
                .statusCode(200)
                .body("created", equalTo(1_100))
                .body("rejectedRows", equalTo(1));
        assertThat(productEventsOf(brand)).hasSize(1_100);
    }

    /**
     * The database refuses a row after several batches were written (a trigger, as a full disk or a lost connection
     * would): the import fails as a whole, nothing of the file is kept, nothing announced, and the reading thread ends.
     */
    @Test
    void shouldKeepNothingWhenTheDatabaseFailsMidFile() throws Exception {
        UUID brand = Brands.onboard();
        String failing = "FAIL-" + UUID.randomUUID();
        String csv = HEADER + bars("DBFAIL-", 2_500) + failing + BAR + bars("DBFAIL-LATE-", 999);
        refusingRow(
                failing,
                "raise exception 'refused for the test'",
                () -> assertThatThrownBy(() -> productImport.importFile(
                                brand,
                                ProductFileReader.CSV,
                                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                                ProductImport.Mode.PARTIAL))
                        .hasStackTraceContaining("refused for the test"));
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .doesNotContain("product-import");
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
        assertThat(productEventsOf(brand)).isEmpty();

        upload(brand, csv, "text/csv", "").statusCode(200).body("created", equalTo(3_500));
    }

    /**
     * Over HTTP, a transient database fault mid-file (here a deadlock reported on row 1,500, after a batch was written)
     * is answered 503 problem+json with {@code Retry-After}, never 500: nothing of the file is kept, and the same file
     * sent again imports.
     */
    @Test
    void shouldAnswerATransientDatabaseFaultMidFileWithRetryLater() throws Exception {
        UUID brand = Brands.onboard();
        String failing = "DEADLOCK-" + UUID.randomUUID();
        String csv = HEADER + bars("TRANSIENT-", 1_499) + failing + BAR + bars("TRANSIENT-LATE-", 500);
        refusingRow(
                failing,
                "raise exception 'deadlock for the test' using errcode = '40P01'",
                () -> upload(brand, csv, "text/csv", "?mode=partial")
                        .statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", equalTo("1"))
                        .body("detail", containsString("nothing was changed")));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
        assertThat(productEventsOf(brand)).isEmpty();

        upload(brand, csv, "text/csv", "").statusCode(200).body("created", equalTo(2_000));
    }

    /**
     * Two imports of one brand at once that both create the same new SKU: each read the SKU as new, the first inserted
     * it and is held before its commit (a trigger on the real database waits for a lock the test holds), the second's
     * insert of it then waits for the first (PostgreSQL says so). Once released, the first creates its products; the
     * second is answered 409 problem+json, never 500, and keeps nothing of its file; sent again, it updates the product
     * the first created.
     */
    @Test
    void shouldAnswerTheSecondOfTwoImportsCreatingTheSameSkuAtOnceWithAConflict() throws Exception {
        UUID brand = Brands.onboard();
        String sku = "RACE-" + UUID.randomUUID();
        String first = HEADER + sku + BAR + bars("RACE-FIRST-", 3);
        String second = HEADER + bars("RACE-SECOND-", 3) + sku + ",Other bar,bars,,oats,NONE,NONE,,120,30,5\n";
        ExecutorService clients = Executors.newFixedThreadPool(2); // not the common pool: one thread on 2 cores
        try (Connection holder = dataSource.getConnection();
                Statement lock = holder.createStatement()) {
            lock.execute("select pg_advisory_lock(" + HELD + ")");
            try {
                holdingAfterInsert(sku, () -> {
                    CompletableFuture<ValidatableResponse> a;
                    CompletableFuture<ValidatableResponse> b;
                    try {
                        a = CompletableFuture.supplyAsync(() -> upload(brand, first, "text/csv", ""), clients);
                        await().atMost(Duration.ofSeconds(30)).until(() -> sessionsWaitingFor("advisory") == 1);
                        b = CompletableFuture.supplyAsync(() -> upload(brand, second, "text/csv", ""), clients);
                        await().atMost(Duration.ofSeconds(30)).until(() -> sessionsWaitingFor("transactionid") == 1);
                    } finally {
                        release(lock);
                    }
                    answer(a).statusCode(200).body("created", equalTo(4));
                    answer(b)
                            .statusCode(409)
                            .contentType("application/problem+json")
                            .body("detail", containsString("retry"));
                });
            } finally {
                release(lock); // a no-op once released: the connection never goes back to the pool holding it
            }
        } finally {
            clients.shutdownNow();
        }
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(4));
        as(brand).get("/api/brands/" + brand + "/products/" + sku).then().body("unitCostCents", equalTo(100));

        upload(brand, second, "text/csv", "")
                .statusCode(200)
                .body("created", equalTo(3))
                .body("updated", equalTo(1));
        as(brand).get("/api/brands/" + brand + "/products/" + sku).then().body("unitCostCents", equalTo(120));
    }

    private static ValidatableResponse answer(CompletableFuture<ValidatableResponse> request) {
        try {
            return request.get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within 60 s", e);
        }
    }

    private static void release(Statement lock) {
        try {
            lock.execute("select pg_advisory_unlock(" + HELD + ")");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The advisory lock the trigger of {@link #holdingAfterInsert} waits for. */
    private static final long HELD = 4_207_001;

    /**
     * Runs {@code during} while a trigger holds the transaction that inserted the product row with this SKU, after the
     * insert, until the advisory lock {@link #HELD} is free.
     */
    private void holdingAfterInsert(String sku, Runnable during) throws Exception {
        withTrigger("after", sku, "perform pg_advisory_xact_lock_shared(" + HELD + "); return null;", during);
    }

    /** Sessions of brand-service's database waiting for a lock of this kind ({@code pg_stat_activity.wait_event}). */
    private long sessionsWaitingFor(String lockType) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("select count(*) from pg_stat_activity where datname ="
                        + " current_database() and wait_event_type = 'Lock' and wait_event = '" + lockType + "'")) {
            r.next();
            return r.getLong(1);
        }
    }

    /** Runs {@code during} while a trigger on the real database runs {@code raise} for the product row with this SKU. */
    private void refusingRow(String sku, String raise, Runnable during) throws Exception {
        withTrigger("before", sku, raise + ";", during);
    }

    /** Runs {@code during} while a row trigger runs {@code body} {@code when} ("before", "after") a row with this SKU is inserted. */
    private void withTrigger(String when, String sku, String body, Runnable during) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("create or replace function import_test_trigger() returns trigger language plpgsql as $$ begin "
                    + body + " end $$");
            s.execute("create or replace trigger import_test_trigger " + when + " insert on product for each row"
                    + " when (new.sku = '" + sku + "') execute function import_test_trigger()");
        }
        try {
            during.run();
        } finally {
            try (Connection c = dataSource.getConnection();
                    Statement s = c.createStatement()) {
                s.execute("drop trigger import_test_trigger on product");
                s.execute("drop function import_test_trigger()");
            }
        }
    }

    /** A file that turns out malformed after several batches were written: 400, nothing kept, nothing announced. */
    @Test
    void shouldKeepNothingWhenTheFileBreaksAfterWrittenBatches() {
        UUID brand = Brands.onboard();
        StringBuilder csv = new StringBuilder(HEADER).append(bars("BROKEN-", 2_500));
        csv.append("BROKEN-X,\"Bar,bars,,oats,NONE,NONE,,100,30,5\n");
        upload(brand, csv.toString(), "text/csv", "?mode=partial")
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("nothing was imported"));
        as(brand).get("/api/brands/" + brand + "/products").then().body("", hasSize(0));
        assertThat(productEventsOf(brand)).isEmpty();
    }

    /** The ce_type of every event on brand-events about a product of the brand, in the order they were published. */
    private static List<String> productEventsOf(UUID brand) {
        return productEvents(brand).stream()
                .map(r -> KafkaTestClient.header(r, "ce_type"))
                .toList();
    }

    private static List<ConsumerRecord<String, String>> productEvents(UUID brand) {
        return Published.all(Topics.BRAND_EVENTS).stream()
                .filter(r -> r.value().contains("\"brandId\":\"" + brand + "\""))
                .filter(r -> !KafkaTestClient.header(r, "ce_type").equals("BrandOnboarded"))
                .toList();
    }

    /** The cells after the SKU of a valid new product. */
    private static final String BAR = ",Bar,bars,,oats,NONE,NONE,,100,30,5\n";

    /** CSV rows of {@code rows} valid new products, their SKUs the prefix and 0, 1, 2, ... */
    private static String bars(String skuPrefix, int rows) {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            csv.append(skuPrefix).append(i).append(BAR);
        }
        return csv.toString();
    }

    /** Every column of the brand's product as stored, but its id, brand and times, as one JSON object. */
    private String storedRow(UUID brand, String sku) throws java.sql.SQLException {
        try (java.sql.Connection c = dataSource.getConnection();
                java.sql.PreparedStatement s = c.prepareStatement(
                        "select (to_jsonb(p) - 'id' - 'brand_id' - 'created_at' - 'updated_at')::text"
                                + " from product p where brand_id = ? and sku = ?")) {
            s.setObject(1, brand);
            s.setString(2, sku);
            try (java.sql.ResultSet r = s.executeQuery()) {
                assertThat(r.next()).as("product " + sku + " stored").isTrue();
                return r.getString(1);
            }
        }
    }

    private static Map<String, Object> withoutIdsAndTimes(io.restassured.response.Response response) {
        Map<String, Object> product = new java.util.HashMap<>(
                response.then().statusCode(200).extract().jsonPath().getMap(""));
        product.keySet().removeAll(List.of("id", "brandId", "createdAt", "updatedAt"));
        return product;
    }

    private static ValidatableResponse upload(UUID brand, String body, String contentType, String query) {
        return as(brand)
                .config(RAW_CONTENT_TYPE)
                .contentType(contentType)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/brands/" + brand + "/products/import" + query)
                .then();
    }
}
