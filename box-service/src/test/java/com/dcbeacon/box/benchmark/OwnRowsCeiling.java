package com.dcbeacon.box.benchmark;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.postgresql.PGConnection;

/**
 * The bulk-insert ceiling of a run's own rows: copies of exactly the rows a curation run leaves (its {@code box} and
 * {@code box_item} rows, its {@code stock_delta_pending} rows, its {@code outbox_event} rows and the
 * {@code outbox_sequence} counters it created). The pending deltas its pages wrote are merged into one per product and
 * cycle when it announces them, so the ceiling holds the merged rows, not the ~30,000 (at 10,000 members) the pages
 * wrote and the announcement replaced; inserted in one transaction into logged tables made
 * {@code like <table> including all} (same types, defaults, indexes and constraints but the foreign keys), through the
 * two client-side bulk paths: COPY ({@code CopyManager}) and batches sent as multi-row inserts
 * ({@code reWriteBatchedInserts}, as the service's datasource does). The ceiling is the faster of the two.
 *
 * <p>The run's outbox rows are gone once the relay sent them, so they are taken from what the relay published: each
 * record on box-events gives the row's event id and type (headers), topic, message key and envelope (the value, as
 * stored); its Kafka timestamp stands in for {@code created_at}. The read-back writes each table's rows as COPY text
 * to a temporary file (the heap could not hold 100,000 members' rows); only the inserts and their commit are timed,
 * each path reading the same files.
 */
final class OwnRowsCeiling {

    /** The rows of one table, as COPY text in {@code file}. */
    private record Rows(String table, List<String> columns, Path file, long count) {}

    /** Seconds of each path, the rows per table and their size as COPY text. */
    record Result(double copySeconds, double batchSeconds, Map<String, Long> rowsPerTable, long bytes) {
        double seconds() {
            return Math.min(copySeconds, batchSeconds);
        }

        String fastestPath() {
            return copySeconds <= batchSeconds ? "COPY" : "multi-row batches";
        }

        long rows() {
            return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static final int BATCH = 1000;
    private static final String BOX_CURATED = "BoxCurated";
    private static final String STOCK_ALLOCATED = "StockAllocated";

    private final AgroalDataSource dataSource;
    private final List<Rows> tables = new ArrayList<>();

    private OwnRowsCeiling(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reads back the rows a run of {@code cycle} started at {@code since} inserted (the database held no boxes, deltas
     * or box-events counters before it), then measures both paths.
     */
    static Result measure(AgroalDataSource dataSource, String cycle, Instant since) throws Exception {
        OwnRowsCeiling ceiling = new OwnRowsCeiling(dataSource);
        try {
            long boxes = ceiling.readBack("box", "select * from box where cycle = '" + cycle + "'");
            ceiling.readBack(
                    "box_item",
                    "select i.* from box_item i join box b on b.id = i.box_id where b.cycle = '" + cycle + "'");
            long deltas = ceiling.readBack("stock_delta_pending", "select * from stock_delta_pending");
            ceiling.readBack(
                    "outbox_sequence", "select * from outbox_sequence where topic = '" + Topics.BOX_EVENTS + "'");
            ceiling.readPublished(boxes, deltas, since);
            double copy = ceiling.insertAll(ceiling::copy);
            double batches = ceiling.insertAll(ceiling::batches);
            Map<String, Long> rows = new LinkedHashMap<>();
            ceiling.tables.forEach(t -> rows.put(t.table(), t.count()));
            long bytes = 0;
            for (Rows t : ceiling.tables) {
                bytes += Files.size(t.file());
            }
            return new Result(copy, batches, rows, bytes);
        } finally {
            for (Rows t : ceiling.tables) {
                Files.deleteIfExists(t.file());
            }
        }
    }

    private long readBack(String table, String query) throws Exception {
        Path file = Files.createTempFile("ceiling-" + table, ".copy");
        long count;
        try (Connection c = dataSource.getConnection();
                OutputStream out = Files.newOutputStream(file)) {
            count = c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (" + query + ") to stdout", out);
        }
        tables.add(new Rows(table, columns(table), file, count));
        return count;
    }

    /** The run's outbox rows, as the relay sent them: one BoxCurated per box, one StockAllocated per delta. */
    private void readPublished(long boxes, long deltas, Instant since) throws Exception {
        Path file = Files.createTempFile("ceiling-outbox_event", ".copy");
        Properties props = new Properties();
        props.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-ceiling-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        long curated = 0;
        long allocated = 0;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(10));
        try (KafkaConsumer<String, String> consumer =
                        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
                BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            consumer.subscribe(List.of(Topics.BOX_EVENTS));
            while (curated < boxes || allocated < deltas) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("box-events held " + curated + " of " + boxes + " BoxCurated and "
                            + allocated + " of " + deltas + " StockAllocated after 10 minutes");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.timestamp() < since.toEpochMilli()) {
                        continue; // not the run's
                    }
                    String type = KafkaTestClient.header(record, "ce_type");
                    curated += BOX_CURATED.equals(type) ? 1 : 0;
                    allocated += STOCK_ALLOCATED.equals(type) ? 1 : 0;
                    out.write(String.join(
                            "\t",
                            escape(KafkaTestClient.header(record, "ce_id")),
                            escape(record.topic()),
                            escape(record.key()),
                            escape(type),
                            escape(record.value()),
                            OffsetDateTime.ofInstant(Instant.ofEpochMilli(record.timestamp()), ZoneOffset.UTC)
                                    .toString()));
                    out.write('\n');
                }
            }
        }
        List<String> columns = List.of("event_id", "topic", "message_key", "event_type", "envelope", "created_at");
        tables.add(new Rows("outbox_event", columns, file, curated + allocated));
    }

    /** The table's columns in order, but an identity column: the copy gets new keys. */
    private List<String> columns(String table) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select column_name from information_schema.columns"
                        + " where table_name = ? and is_identity = 'NO' order by ordinal_position")) {
            s.setString(1, table);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @FunctionalInterface
    private interface Insert {
        void into(Connection c, Rows rows, String table) throws Exception;
    }

    /** Creates the copies' tables, times inserting every table's rows in one transaction with its commit, drops them. */
    private double insertAll(Insert insert) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (Statement s = c.createStatement()) {
                for (Rows t : tables) {
                    s.execute("create table own_rows_" + t.table() + " (like " + t.table() + " including all)");
                }
            }
            c.setAutoCommit(false);
            try {
                long start = System.nanoTime();
                for (Rows t : tables) {
                    insert.into(c, t, "own_rows_" + t.table());
                }
                c.commit();
                return (System.nanoTime() - start) / 1e9;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (Rows t : tables) {
                        s.execute("drop table if exists own_rows_" + t.table());
                    }
                }
            }
        }
    }

    private void copy(Connection c, Rows rows, String table) throws Exception {
        long copied;
        try (InputStream in = Files.newInputStream(rows.file())) {
            copied = c.unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("copy " + table + " (" + String.join(", ", rows.columns()) + ") from stdin", in);
        }
        if (copied != rows.count()) {
            throw new IllegalStateException("copied " + copied + " of " + rows.count() + " rows into " + table);
        }
    }

    /** Each row's text values cast to the column's type by the server, as COPY does; batches of 1,000. */
    private void batches(Connection c, Rows rows, String table) throws Exception {
        List<String> types = new ArrayList<>();
        try (PreparedStatement shape =
                c.prepareStatement("select " + String.join(", ", rows.columns()) + " from " + table + " where false")) {
            ResultSetMetaData meta = shape.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.add(meta.getColumnTypeName(i));
            }
        }
        String values = String.join(", ", types.stream().map(t -> "?::" + t).toList());
        try (PreparedStatement insert = c.prepareStatement("insert into " + table + " ("
                        + String.join(", ", rows.columns()) + ") values (" + values + ")");
                BufferedReader in = Files.newBufferedReader(rows.file(), StandardCharsets.UTF_8)) {
            int pending = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] fields = line.split("\t", -1);
                for (int i = 0; i < fields.length; i++) {
                    insert.setString(i + 1, unescape(fields[i]));
                }
                insert.addBatch();
                if (++pending == BATCH) {
                    insert.executeBatch();
                    pending = 0;
                }
            }
            insert.executeBatch();
        }
    }

    /** A value in COPY's text format: backslash, tab, newline and carriage return escaped; null as {@code \N}. */
    private static String escape(String value) {
        if (value == null) {
            return "\\N";
        }
        return value.replace("\\", "\\\\")
                .replace("\t", "\\t")
                .replace("\n", "\\n")
                .replace("\r", "\\r");
    }

    /** The inverse of COPY's text format, as COPY TO writes it (no octal or hex sequences). */
    private static String unescape(String field) {
        if (field.equals("\\N")) {
            return null;
        }
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder value = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char ch = field.charAt(i);
            if (ch != '\\' || i + 1 == field.length()) {
                value.append(ch);
                continue;
            }
            char next = field.charAt(++i);
            value.append(
                    switch (next) {
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        case 'n' -> '\n';
                        case 'r' -> '\r';
                        case 't' -> '\t';
                        case 'v' -> '\u000B';
                        default -> next;
                    });
        }
        return value.toString();
    }
}
