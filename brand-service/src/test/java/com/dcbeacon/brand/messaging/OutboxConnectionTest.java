package com.dcbeacon.brand.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.brand.Brands;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The outbox writes its rows as the transaction completes, after Hibernate has given its connection back; it must give
 * the connection back too, or the pool closes it with a warning at every commit that announces something.
 */
@QuarkusTest
class OutboxConnectionTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldLeaveNoConnectionOpenAtCommit() {
        List<String> warnings = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // The pool logs a pattern and its parameters: keep both.
                warnings.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger pool = Logger.getLogger("io.agroal.pool");
        pool.addHandler(handler);
        List<String> anchor;
        try {
            // Positive anchor: a connection taken in a transaction and left open is closed by the pool with the
            // warning.
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    dataSource.getConnection().createStatement().execute("select 1");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            anchor = List.copyOf(warnings);
            warnings.clear();
            Brands.onboard(); // one event, written by the outbox as the transaction completes
        } finally {
            pool.removeHandler(handler);
        }
        assertThat(anchor).as("the pool's warning is seen here").anyMatch(w -> w.contains("Closing open connection"));
        assertThat(warnings).noneMatch(w -> w.contains("Closing open connection"));
    }
}
