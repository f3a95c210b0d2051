package com.dcbeacon.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.outbox.OutboxEvent;
import com.dcbeacon.platform.outbox.OutboxRelay;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * What the tests read as published: {@link Published#all} answers only once the outbox's rows committed before the
 * call have left it, so a check on a topic right after a request neither misses an event still in the outbox nor passes
 * a "never published" check because it read too early.
 */
@QuarkusTest
class PublishedTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldWaitForTheOutboxRowsCommittedBeforeItThenReadWhatTheyBecame() throws Exception {
        String key = "published-" + UUID.randomUUID();
        try (Connection holder = dataSource.getConnection()) {
            lock(holder, "select pg_advisory_lock(?)"); // the relay's own lock: while held, no batch sends anything
            try {
                QuarkusTransaction.requiringNew().run(() -> row(key).persist());

                assertThat(KafkaTestClient.readAll(Topics.MEMBER_EVENTS))
                        .as("the held relay sent nothing of the row")
                        .noneMatch(r -> key.equals(r.key()));
                assertThatThrownBy(() -> Published.awaitOutboxRelayed(Duration.ofSeconds(1)))
                        .as("no answer while a row committed before the call is in the outbox")
                        .isInstanceOf(ConditionTimeoutException.class);
                assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("messageKey", key)))
                        .as("the row still waits")
                        .isOne();
            } finally {
                lock(holder, "select pg_advisory_unlock(?)");
            }
        }

        assertThat(Published.all(Topics.MEMBER_EVENTS))
                .as("once the relay runs again, the row's record is read")
                .filteredOn(r -> key.equals(r.key()))
                .extracting(ConsumerRecord::value)
                .containsExactly("{\"published\":\"once relayed\"}");
        assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("messageKey", key)))
                .isZero();
    }

    private static void lock(Connection connection, String sql) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.execute();
        }
    }

    private static OutboxEvent row(String key) {
        OutboxEvent row = new OutboxEvent();
        row.eventId = UUID.randomUUID();
        row.topic = Topics.MEMBER_EVENTS;
        row.messageKey = key;
        row.eventType = "MemberRegistered";
        row.envelope = "{\"published\":\"once relayed\"}";
        row.createdAt = OffsetDateTime.now();
        return row;
    }
}
