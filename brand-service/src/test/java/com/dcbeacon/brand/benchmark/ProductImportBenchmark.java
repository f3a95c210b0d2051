package com.dcbeacon.brand.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
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
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Imports a generated CSV of {@code benchmark.rows} rows (default 50,000) and prints rows per second and the
 * JVM's peak heap during the import. Not part of the normal test run (the name does not end in Test); run it
 * with the command in brand-service/README.md.
 */
@QuarkusTest
class ProductImportBenchmark {

    @Test
    void importGeneratedCsv() throws Exception {
        int rows = Integer.getInteger("benchmark.rows", 50_000);
        UUID brand = Brands.onboard();
        Path csv = Files.createTempFile("products-", ".csv");
        try {
            try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                out.write(
                        "sku,name,category,description,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock\n");
                for (int i = 0; i < rows; i++) {
                    out.write("SKU-" + i + ",\"Snack " + i + ", crunchy\",category-" + (i % 40) + ",A tasty snack,"
                            + "potato|salt|oil," + (i % 7 == 0 ? "PEANUTS" : "NONE") + ","
                            + (i % 11 == 0 ? "SESAME|MILK" : "NONE")
                            + ",VEGAN," + (100 + i % 500) + "," + (20 + i % 80) + "," + (i % 1000) + "\n");
                }
            }
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest request = HttpRequest.newBuilder(URI.create(
                            "http://localhost:" + RestAssured.port + "/api/brands/" + brand + "/products/import"))
                    .header("Authorization", "Bearer " + TestTokens.brand(brand))
                    .header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofFile(csv))
                    .build();
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            double seconds = (System.nanoTime() - start) / 1e9;
            long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed())
                    .sum();

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"created\":" + rows);
            System.out.printf(
                    "[benchmark] import of %d CSV rows (%.1f MB): %.1f s, %.0f rows/s, peak heap %d MB (-Xmx %d MB)%n",
                    rows,
                    Files.size(csv) / 1e6,
                    seconds,
                    rows / seconds,
                    peakHeap / (1024 * 1024),
                    Runtime.getRuntime().maxMemory() / (1024 * 1024));
        } finally {
            Files.deleteIfExists(csv);
        }
    }
}
