package com.dcbeacon.brand.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.persistence.CopyRows;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * What {@link CopyRows} encodes, PostgreSQL reads back unchanged: any text without NUL (which PostgreSQL cannot store
 * and the import rejects), with the characters COPY's text format escapes (backslash, tab, line ends) and a literal
 * {@code \N} among them, nulls, numbers, booleans, UUIDs and times.
 */
@QuarkusTest
class CopyRowsRoundTripTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldReadBackEveryValueAsEncoded() throws Exception {
        Arbitrary<String> awkward = Arbitraries.strings()
                .withChars("\\\t\n\rN\"',;|é€")
                .withCharRange(' ', '~')
                .ofMaxLength(40);
        // Any character but NUL and lone surrogates (UTF-8 has no encoding for them; a decoded upload never holds one).
        Arbitrary<String> any = Arbitraries.strings()
                .withCharRange('\u0001', '\ud7ff')
                .withCharRange('\ue000', '\ufffd')
                .ofMaxLength(40);
        List<String> texts =
                new ArrayList<>(List.of("", "\\N", "\\", "a\tb", "line\r\nnext", "\\.", "caf\u00e9 \ud83c\udf36"));
        awkward.sampleStream().limit(500).forEach(texts::add);
        any.sampleStream().limit(500).forEach(texts::add);

        OffsetDateTime time = OffsetDateTime.of(2026, 12, 2, 13, 4, 5, 123_456_000, ZoneOffset.ofHours(2));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("create temporary table copy_round_trip (n integer, t text, b boolean, u uuid, at timestamptz,"
                    + " big bigint) on commit drop");
            CopyRows rows = new CopyRows("copy_round_trip", List.of("n", "t", "b", "u", "at", "big"));
            UUID uuid = UUID.randomUUID();
            for (int i = 0; i < texts.size(); i++) {
                rows.row(i, texts.get(i), i % 2 == 0, uuid, time, Long.MAX_VALUE - i);
            }
            rows.row(texts.size(), null, null, null, null, null);
            assertThat(rows.copyInto(c)).isEqualTo(texts.size() + 1L);

            List<String> read = new ArrayList<>();
            try (ResultSet r = s.executeQuery("select n, t, b, u, at, big from copy_round_trip order by n")) {
                while (r.next()) {
                    int n = r.getInt(1);
                    if (n == texts.size()) {
                        assertThat(r.getString(2)).isNull();
                        assertThat(r.getObject(3)).isNull();
                        assertThat(r.getObject(6)).isNull();
                        continue;
                    }
                    read.add(r.getString(2));
                    assertThat(r.getBoolean(3)).isEqualTo(n % 2 == 0);
                    assertThat(r.getObject(4, UUID.class)).isEqualTo(uuid);
                    assertThat(r.getObject(5, OffsetDateTime.class).toInstant()).isEqualTo(time.toInstant());
                    assertThat(r.getLong(6)).isEqualTo(Long.MAX_VALUE - n);
                }
            }
            c.rollback();
            assertThat(read).hasSameSizeAs(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertThat(read.get(i))
                        .as(
                                "text %d, code points %s",
                                i,
                                texts.get(i)
                                        .codePoints()
                                        .mapToObj(Integer::toHexString)
                                        .toList())
                        .isEqualTo(texts.get(i));
            }
        }
    }
}
