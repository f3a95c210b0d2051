package com.dcbeacon.platform.persistence;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * Rows for one table in PostgreSQL's COPY text format (PostgreSQL manual, COPY, "Text Format": columns separated by
 * a tab, rows ended by a newline, {@code \N} for null, backslash, tab, newline and carriage return escaped with a
 * backslash), encoded on whatever thread builds them and sent with one {@code COPY ... FROM STDIN} on the connection
 * of the caller's transaction. For bulk writes where the thread holding the transaction should only send.
 *
 * <p>Values: {@code null}; {@link String} (any text, escaped); {@link Integer}, {@link Long}, {@link UUID} and
 * {@link Boolean} as their {@code toString}; {@link Enum} by name; {@link OffsetDateTime} and {@link Instant} as
 * ISO-8601 with offset (PostgreSQL rounds to microseconds, as it does a bound parameter). Any other type is refused, so
 * no value reaches the table as some {@code toString} PostgreSQL would read differently. A row must give one value per
 * column, in the order of the columns; a row that is refused leaves nothing behind.
 */
public final class CopyRows {

    private final String table;
    private final List<String> columns;
    private final StringBuilder text = new StringBuilder(1 << 16);
    private byte[] encoded;
    private int rows;

    public CopyRows(String table, List<String> columns) {
        this.table = table;
        this.columns = List.copyOf(columns);
    }

    /** Appends one row; {@code values} in the order of the columns. */
    public CopyRows row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException(
                    values.length + " values for the " + columns.size() + " columns of " + table + " " + columns);
        }
        if (sealed()) {
            throw new IllegalStateException("rows for " + table + " already sealed");
        }
        int start = text.length();
        try {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    text.append('\t');
                }
                append(columns.get(i), values[i]);
            }
        } catch (RuntimeException e) {
            text.setLength(start);
            throw e;
        }
        text.append('\n');
        rows++;
        return this;
    }

    /** Rows appended so far. */
    public int size() {
        return rows;
    }

    /** Turns the rows into the bytes COPY reads (UTF-8), here rather than on the sending thread; no row may follow. */
    public CopyRows seal() {
        if (encoded == null) {
            encoded = text.toString().getBytes(StandardCharsets.UTF_8);
            text.setLength(0);
            text.trimToSize();
        }
        return this;
    }

    /**
     * Inserts the rows with {@code COPY table (columns) FROM STDIN} on {@code connection} (in its transaction);
     * returns the number of rows inserted. Constraint violations fail the statement as an insert would.
     */
    public long copyInto(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        seal();
        try {
            return connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn(
                            "copy " + table + " (" + String.join(", ", columns) + ") from stdin",
                            new ByteArrayInputStream(encoded));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@link #seal} was called. */
    public boolean sealed() {
        return encoded != null;
    }

    private void append(String column, Object value) {
        switch (value) {
            case null -> text.append("\\N");
            case String s -> escape(s);
            case Integer n -> text.append(n.intValue());
            case Long n -> text.append(n.longValue());
            case Boolean b -> text.append(b.booleanValue());
            case UUID u -> text.append(u);
            case Enum<?> e -> escape(e.name());
            case OffsetDateTime t -> text.append(t);
            case Instant t -> text.append(t);
            default ->
                throw new IllegalArgumentException(
                        "no COPY text for a " + value.getClass().getName() + " in " + table + "." + column);
        }
    }

    /** The index of the first character COPY needs escaped, or -1. */
    private static int firstSpecial(String s) {
        for (int k = 0; k < s.length(); k++) {
            char ch = s.charAt(k);
            if (ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r') {
                return k;
            }
        }
        return -1;
    }

    private void escape(String s) {
        int first = firstSpecial(s);
        if (first < 0) {
            text.append(s);
            return;
        }
        text.append(s, 0, first);
        for (int k = first; k < s.length(); k++) {
            char ch = s.charAt(k);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }
}
