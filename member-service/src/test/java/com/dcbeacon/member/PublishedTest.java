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

    @Inject
    OutboxRelay relay;

    @Test
    void shouldWaitForTheOutboxRowsCommittedBeforeItThenReadWhatTheyBecame() throws Exception {
        String key = "published-" + UUID.randomUUID();
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try {
                // The relay's own lock, for this transaction: while it is held, no batch of the relay sends anything.
                lock(holder, "select pg_advisory_xact_lock(?)");
                QuarkusTransaction.requiringNew().run(() -> row(key).persist());
                relay.nudge(); // the relay tries at once, as after any commit that recorded events

                assertThatThrownBy(() -> Published.awaitOutboxRelayed(Duration.ofSeconds(3)))
                        .as("no answer while a row committed before the call is in the outbox")
                        .isInstanceOf(ConditionTimeoutException.class);
                assertThat(QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("messageKey", key)))
                        .as("the row still waits: the relay, nudged and polling every second, is held")
                        .isOne();
                assertThat(KafkaTestClient.readAll(Topics.MEMBER_EVENTS))
                        .as("nothing of the row was sent")
                        .noneMatch(r -> key.equals(r.key()));
            } finally {
                holder.rollback(); // releases the lock, whatever happened above
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
