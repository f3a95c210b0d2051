package com.dcbeacon.brand.benchmark;

import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.platform.persistence.CopyRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The raw insert ceiling of an import: the rows an import of new products must write, prepared in memory beforehand and
 * inserted with nothing else in one transaction, by COPY and by plain JDBC batches. Per product that is its
 * {@code product} row, its {@code outbox_event} row (the real envelope of its ProductPublished) and its
 * {@code outbox_sequence} row (the event's sequence counter). The outbox rows go to copies of the outbox tables
 * ({@code like ... including all}: same columns, keys, indexes, identity) so the relay does not publish them; the
 * product rows go to the real {@code product} table, under a brand of their own, and are deleted afterwards.
 */
final class InsertCeiling {

    /** One product's rows, every value as the import writes it. */
    record Rows(
            UUID productId,
            UUID brandId,
            String sku,
            String name,
            String category,
            String description,
            String ingredients,
            String allergens,
            String mayContain,
            String dietaryTags,
            long unitCostCents,
            int weightGrams,
            int stock,
            String contentHash,
            Timestamp now,
            UUID eventId,
            String topic,
            String eventType,
            String envelope,
            String subjectRef) {}

    private static final String OUTBOX = "ceiling_outbox_event";
    private static final String SEQUENCE = "ceiling_outbox_sequence";

    private final DataSource dataSource;
    private Cpu lastCopyCpu;

    InsertCeiling(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Seconds to COPY the rows into the three tables and commit. */
    double copy(List<Rows> rows) throws SQLException {
        prepareTables();
        CopyRows products = new CopyRows("product", ProductRepository.COLUMNS);
        CopyRows outbox = new CopyRows(
                OUTBOX, List.of("event_id", "topic", "message_key", "event_type", "envelope", "created_at"));
        CopyRows sequence = new CopyRows(SEQUENCE, List.of("topic", "subject_ref", "last_sequence"));
        for (Rows r : rows) {
            products.row(
                    r.productId(),
                    r.brandId(),
                    r.sku(),
                    r.name(),
                    r.category(),
                    r.description(),
                    r.ingredients(),
                    r.allergens(),
                    r.mayContain(),
                    r.dietaryTags(),
                    r.unitCostCents(),
                    r.weightGrams(),
                    r.stock(),
                    0,
                    "PUBLISHED",
                    null,
                    false,
                    null,
                    r.contentHash(),
                    r.now().toInstant(),
                    r.now().toInstant(),
                    0);
            outbox.row(
                    r.eventId(),
                    r.topic(),
                    r.productId(),
                    r.eventType(),
                    r.envelope(),
                    r.now().toInstant());
            sequence.row(r.topic(), r.subjectRef(), 1);
        }
        products.seal();
        outbox.seal();
        sequence.seal();
        Cpu cpuStart = Cpu.now();
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            products.copyInto(c);
            outbox.copyInto(c);
            sequence.copyInto(c);
            c.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        lastCopyCpu = Cpu.now().minus(cpuStart);
        cleanUp(rows.get(0).brandId());
        return seconds;
    }

    /** CPU used while the last {@link #copy} was timed. */
    Cpu lastCopyCpu() {
        return lastCopyCpu;
    }

    /** Seconds to insert the rows in JDBC batches of {@code batch} per table and commit. */
    double batches(List<Rows> rows, int batch) throws SQLException {
        prepareTables();
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement products = c.prepareStatement("insert into product (id, brand_id, sku, name,"
                            + " category, description, ingredients, allergens, may_contain, dietary_tags,"
                            + " unit_cost_cents, weight_grams, stock, status, content_hash, created_at, updated_at,"
                            + " oversold_units, under_review, version)"
                            + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, 'PUBLISHED', ?,"
                            + " ?, ?, 0, false, 0)");
                    PreparedStatement outbox = c.prepareStatement(
                            "insert into " + OUTBOX
                                    + " (event_id, topic, message_key, event_type, envelope, created_at) values (?, ?, ?, ?, ?, ?)");
                    PreparedStatement sequence = c.prepareStatement(
                            "insert into " + SEQUENCE + " (topic, subject_ref, last_sequence) values (?, ?, 1)")) {
                int n = 0;
                for (Rows r : rows) {
                    products.setObject(1, r.productId());
                    products.setObject(2, r.brandId());
                    products.setString(3, r.sku());
                    products.setString(4, r.name());
                    products.setString(5, r.category());
                    products.setString(6, r.description());
                    products.setString(7, r.ingredients());
                    products.setString(8, r.allergens());
                    products.setString(9, r.mayContain());
                    products.setString(10, r.dietaryTags());
                    products.setLong(11, r.unitCostCents());
                    products.setInt(12, r.weightGrams());
                    products.setInt(13, r.stock());
                    products.setString(14, r.contentHash());
                    products.setTimestamp(15, r.now());
                    products.setTimestamp(16, r.now());
                    products.addBatch();
                    outbox.setObject(1, r.eventId());
                    outbox.setString(2, r.topic());
                    outbox.setString(3, r.productId().toString());
                    outbox.setString(4, r.eventType());
                    outbox.setString(5, r.envelope());
                    outbox.setTimestamp(6, r.now());
                    outbox.addBatch();
                    sequence.setString(1, r.topic());
                    sequence.setString(2, r.subjectRef());
                    sequence.addBatch();
                    if (++n % batch == 0) {
                        products.executeBatch();
                        outbox.executeBatch();
                        sequence.executeBatch();
                    }
                }
                products.executeBatch();
                outbox.executeBatch();
                sequence.executeBatch();
            }
            c.commit();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        cleanUp(rows.get(0).brandId());
        return seconds;
    }

    private void prepareTables() throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("drop table if exists " + OUTBOX + ", " + SEQUENCE);
            s.execute("create table " + OUTBOX + " (like outbox_event including all)");
            s.execute("create table " + SEQUENCE + " (like outbox_sequence including all)");
        }
    }

    private void cleanUp(UUID brandId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("delete from product where brand_id = '" + brandId + "'");
            s.execute("drop table " + OUTBOX + ", " + SEQUENCE);
            s.execute("vacuum analyze product");
        }
    }
}
