package com.dcbeacon.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrandPagesTest {

    private static final String CSV = "sku,name,category\nCR-1,Crème brûlée,dessert\n";

    @TempDir
    Path dir;

    @Test
    void shouldReadAUtf8File() throws IOException {
        Path file = Files.writeString(dir.resolve("utf8.csv"), CSV, StandardCharsets.UTF_8);

        assertThat(BrandPages.utf8(file)).contains(CSV);
    }

    @Test
    void shouldRefuseAFileSavedInAnotherEncoding() throws IOException {
        Path file = Files.writeString(dir.resolve("cp1252.csv"), CSV, Charset.forName("windows-1252"));

        assertThat(BrandPages.utf8(file)).isEmpty();
    }

    @Test
    void shouldSendAFileNamedNdjsonOrJsonlAsNdjsonAndAnyOtherAsCsv() {
        assertThat(BrandPages.ndjson("products.ndjson")).isTrue();
        assertThat(BrandPages.ndjson("PRODUCTS.JSONL")).isTrue();
        assertThat(BrandPages.ndjson("products.csv")).isFalse();
        assertThat(BrandPages.ndjson("ndjson.csv")).isFalse();
        assertThat(BrandPages.ndjson(null)).isFalse();
    }
}
