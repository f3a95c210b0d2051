package com.dcbeacon.brand.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.brand.importing.ProductFileReader;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.testing.TestTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * After a warm-up import of {@code benchmark.warmup-rows} rows (default 10,000; the JIT compiles the import path as it
 * would in a service that has run for a while), imports a generated CSV of {@code benchmark.rows} rows (default
 * 50,000) and prints rows per second, the JVM's peak
 * heap during the import, the time the relay then takes to put every event on Kafka, and, in the same run, the raw
 * insert ceiling of the same rows ({@link InsertCeiling}) before and after the import, with the ratio of the import's
 * rate to the best ceiling. Not part of the normal test run (the name does not end in Test); run it with the command
 * in brand-service/README.md.
 */
@QuarkusTest
class ProductImportBenchmark {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventCodec codec;

    @Inject
    ObjectMapper mapper;

    @Test
    void importGeneratedCsv() throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 50_000);
        int warmUpRows = Integer.getInteger("benchmark.warmup-rows", 10_000);
        Path csv = csv(rows);
        try {
            if (warmUpRows > 0) {
                Path warmUp = csv(warmUpRows);
                double seconds = upload(Brands.onboard(), warmUp, warmUpRows);
                Files.delete(warmUp);
                secondsUntilOutboxEmpty();
                System.out.printf(
                        "[benchmark] warm-up import of %d rows (JIT, not counted): %.1f s, %.0f rows/s%n",
                        warmUpRows, seconds, warmUpRows / seconds);
            }
            InsertCeiling ceiling = new InsertCeiling(dataSource);
            List<InsertCeiling.Rows> ceilingRows = ceilingRows(rows, Brands.onboard());
            double copyBefore = ceiling.copy(ceilingRows);
            Cpu copyCpu = ceiling.lastCopyCpu();
            double batchesBefore = ceiling.batches(ceilingRows, 1000);

            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            Cpu importStart = Cpu.now();
            double seconds = upload(Brands.onboard(), csv, rows);
            Cpu importCpu = Cpu.now().minus(importStart);
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();
            double relay = secondsUntilOutboxEmpty();

            double copyAfter = ceiling.copy(ceilingRows);
            double batchesAfter = ceiling.batches(ceilingRows, 1000);
            double best = Math.min(Math.min(copyBefore, copyAfter), Math.min(batchesBefore, batchesAfter));
            System.out.printf(
                    "[benchmark] import of %d CSV rows (%.1f MB): %.1f s, %.0f rows/s, peak heap %d MB (-Xmx %d MB);"
                            + " relay of its %d events to Kafka after the commit: %.1f s%n",
                    rows,
                    Files.size(csv) / 1e6,
                    seconds,
                    rows / seconds,
                    peakHeap / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024),
                    rows,
                    relay);
            System.out.printf(
                    "[benchmark] ceiling (product + outbox_event + outbox_sequence row per product, one transaction):"
                            + " COPY %.2f s before / %.2f s after the import, JDBC batches of 1000 %.2f s / %.2f s;"
                            + " best %.2f s, %.0f rows/s%n",
                    copyBefore, copyAfter, batchesBefore, batchesAfter, best, rows / best);
            System.out.printf(
                    "[benchmark] import / ceiling = %.0f / %.0f rows/s = %.2f%n",
                    rows / seconds, rows / best, best / seconds);
            System.out.printf(
                    "[benchmark] CPU seconds (%d cores): import %s over %.2f s; ceiling's first COPY %s over %.2f s%n",
                    Runtime.getRuntime().availableProcessors(), importCpu, seconds, copyCpu, copyBefore);
        } finally {
            Files.deleteIfExists(csv);
        }
    }

    private static Path csv(int rows) throws Exception {
        Path csv = Files.createTempFile("products-", ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            out.write(String.join(",", ProductFileReader.CSV_COLUMNS) + "\n");
            for (int i = 0; i < rows; i++) {
                out.write(csvLine(i));
            }
        }
        return csv;
    }

    /** Seconds from sending the file to the answer that every row was imported. */
    private static double upload(UUID brand, Path csv, int rows) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + RestAssured.port + "/api/brands/" + brand + "/products/import"))
                .header("Authorization", "Bearer " + TestTokens.brand(brand))
                .header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(csv))
                .build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"created\":" + rows);
            return seconds;
        }
    }

    private static String csvLine(int i) {
        return "SKU-" + i + ",\"Snack " + i + ", crunchy\",category-" + (i % 40) + ",A tasty snack,potato|salt|oil,"
                + (i % 7 == 0 ? "PEANUTS" : "NONE") + "," + (i % 11 == 0 ? "SESAME|MILK" : "NONE") + ",VEGAN,"
                + (100 + i % 500) + "," + (20 + i % 80) + "," + (i % 1000) + "\n";
    }

    private static ProductInput input(int i) {
        return new ProductInput(
                "SKU-" + i,
                "Snack " + i + ", crunchy",
                "category-" + (i % 40),
                "A tasty snack",
                List.of("potato", "salt", "oil"),
                i % 7 == 0 ? List.of("PEANUTS") : List.of(),
                i % 11 == 0 ? List.of("SESAME", "MILK") : List.of(),
                List.of("VEGAN"),
                100L + i % 500,
                20 + i % 80,
                i % 1000);
    }

    /** The rows the import writes for the same products, built before any clock starts. */
    private List<InsertCeiling.Rows> ceilingRows(int rows, UUID brandId) throws Exception {
        List<InsertCeiling.Rows> all = new ArrayList<>(rows);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (int i = 0; i < rows; i++) {
            Product p = new Product();
            p.id = UUID.randomUUID();
            p.apply(input(i), now);
            p.brandId = brandId;
            p.status = ProductStatus.PUBLISHED;
            ProductData data = ProductCatalog.data(p, "Brand " + brandId);
            String subject = p.id.toString();
            String envelope = codec.write(codec.wrap(EventType.PRODUCT_PUBLISHED, "/brand-service", subject, data)
                    .withSequence(1));
            all.add(new InsertCeiling.Rows(
                    p.id,
                    brandId,
                    p.sku,
                    p.name,
                    p.category,
                    p.description,
                    mapper.writeValueAsString(p.ingredients),
                    mapper.writeValueAsString(p.allergens),
                    mapper.writeValueAsString(p.mayContain),
                    mapper.writeValueAsString(p.dietaryTags),
                    p.unitCostCents,
                    p.weightGrams,
                    p.stock,
                    p.contentHash,
                    Timestamp.from(now.toInstant()),
                    UUID.randomUUID(),
                    EventType.PRODUCT_PUBLISHED.topic(),
                    EventType.PRODUCT_PUBLISHED.typeName(),
                    envelope,
                    ErasedMembers.ref(subject)));
        }
        return all;
    }

    /** Seconds from now until the relay has sent every outbox row to Kafka (it deletes them once acknowledged). */
    private double secondsUntilOutboxEmpty() throws Exception {
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            while (true) {
                try (ResultSet r = s.executeQuery("select count(*) from outbox_event")) {
                    r.next();
                    if (r.getLong(1) == 0) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                Thread.sleep(50); // polling a benchmark's progress, not synchronising a test
            }
        }
    }
}
