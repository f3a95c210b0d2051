package com.dcbeacon.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.InvalidEventException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void shouldWaitOutADatabaseThatIsAway() {
        assertThat(TransientFailures.isTransient(new PersistenceException(
                        "could not open connection", new SQLException("Connection refused", "08001"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new SQLTransientConnectionException("pool"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new IllegalStateException(new ConnectException("refused"))))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("Sorry, acquisition timeout!")))
                .isTrue();
        assertThat(TransientFailures.isTransient(
                        new SQLException("terminating connection due to administrator command", "57P01")))
                .isTrue();
    }

    @Test
    void shouldWaitOutLockAndSerializationConflicts() {
        assertThat(TransientFailures.isTransient(new SQLException("could not serialize access", "40001")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("deadlock detected", "40P01")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("lock not available", "55P03")))
                .isTrue();
        assertThat(TransientFailures.isTransient(new RuntimeException(new OptimisticLockException("stale"))))
                .isTrue();
    }

    @Test
    void shouldDeadLetterWhatCanNeverSucceed() {
        assertThat(TransientFailures.isTransient(new InvalidEventException("not JSON")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new PermanentEventFailure("unknown member")))
                .isFalse();
        assertThat(TransientFailures.isTransient(new NullPointerException())).isFalse();
        assertThat(TransientFailures.isTransient(new PersistenceException(new SQLException("duplicate key", "23505"))))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("value too long", "22001")))
                .isFalse();
    }
}
