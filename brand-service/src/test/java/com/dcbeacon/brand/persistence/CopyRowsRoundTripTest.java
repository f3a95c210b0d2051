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
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
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
        List<String> texts =
                new ArrayList<>(List.of("", "\\N", "\\", "a\tb", "line\r\nnext", "\\.", "caf\u00e9 \ud83c\udf36"));
        Random random = new Random(20261202L); // fixed, so a failure can be run again with the same texts
        for (int i = 0; i < 500; i++) {
            texts.add(awkward(random));
            texts.add(anyText(random));
        }

        // Times as the import writes them: nanoseconds (rounded to microseconds by PostgreSQL) and whole minutes,
        // whose ISO-8601 text leaves the seconds out.
        List<OffsetDateTime> times = List.of(
                OffsetDateTime.of(2026, 12, 2, 13, 4, 5, 123_456_001, ZoneOffset.ofHours(2)),
                OffsetDateTime.of(2026, 12, 2, 13, 4, 0, 0, ZoneOffset.UTC),
                OffsetDateTime.of(2026, 12, 2, 13, 4, 5, 7_000, ZoneOffset.ofHoursMinutes(-9, -30)));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("create temporary table copy_round_trip (n integer, t text, b boolean, u uuid, at timestamptz,"
                    + " big bigint) on commit drop");
            CopyRows rows = new CopyRows("copy_round_trip", List.of("n", "t", "b", "u", "at", "big"));
            UUID uuid = UUID.randomUUID();
            for (int i = 0; i < texts.size(); i++) {
                rows.row(i, texts.get(i), i % 2 == 0, uuid, times.get(i % times.size()), Long.MAX_VALUE - i);
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
                    assertThat(r.getObject(5, OffsetDateTime.class).toInstant())
                            .isEqualTo(times.get(n % times.size()).toInstant().truncatedTo(ChronoUnit.MICROS));
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

    private static final String AWKWARD = "\\\t\n\rN\"',;|\u00e9\u20ac";

    /** Up to 40 characters, half of them those COPY escapes or quotes and separators, the rest printable ASCII. */
    private static String awkward(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(41); n > 0; n--) {
            text.append(
                    random.nextBoolean()
                            ? AWKWARD.charAt(random.nextInt(AWKWARD.length()))
                            : (char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return text.toString();
    }

    /** Up to 40 code points anywhere in Unicode but NUL and the surrogates (UTF-8 cannot carry a lone one). */
    private static String anyText(Random random) {
        StringBuilder text = new StringBuilder();
        for (int n = random.nextInt(41); n > 0; n--) {
            int codePoint = 1 + random.nextInt(Character.MAX_CODE_POINT);
            if (codePoint < Character.MIN_SURROGATE || codePoint > Character.MAX_SURROGATE) {
                text.appendCodePoint(codePoint);
            }
        }
        return text.toString();
    }
}
