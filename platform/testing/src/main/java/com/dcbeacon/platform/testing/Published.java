package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service under test has published, for its own {@code @QuarkusTest}s (it reads the service's default datasource,
 * so not from the system tests, which see the services from outside): the outbox's events reach Kafka after their
 * transaction commits, so a test that reads a topic right after a request could miss one (or pass a "never published"
 * check only because it read early). {@link #all} first waits until every outbox row committed before the call has
 * left the outbox, sent and acknowledged by the broker, then reads the topic to its end offsets: what it returns is
 * exactly what the service published by then, however long the relay took.
 *
 * <p>It covers events of transactions committed before the call (a request's own events once it has answered), not
 * events that later work will record (a consumer's, a scheduler's, or a 202-accepted job's): await those.
 */
public final class Published {

    /** How long the relay may take to empty the outbox of the rows there when called. */
    static final Duration RELAYED_WITHIN = Duration.ofSeconds(60);

    private Published() {}

    /**
     * Every record on {@code topic} once the outbox's rows committed before this call have been published; fails (see
     * {@link #awaitOutboxRelayed(Duration)}) if they have not after {@link #RELAYED_WITHIN}, or if the relay parked one
     * instead (a test that parks rows on purpose reads with {@link KafkaTestClient#readAll}).
     */
    public static List<ConsumerRecord<String, String>> all(String topic) {
        awaitOutboxRelayed();
        return KafkaTestClient.readAll(topic);
    }

    /** {@link #awaitOutboxRelayed(Duration)} for up to {@link #RELAYED_WITHIN}. */
    public static void awaitOutboxRelayed() {
        awaitOutboxRelayed(RELAYED_WITHIN);
    }

    /**
     * Waits until no outbox row up to the newest committed now is left in the outbox, then checks that none of them was
     * parked (refused by Kafka, or held behind a refused row of its key) rather than published.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if some are still there after {@code within} (the relay
     *     held or slowed, the broker away)
     * @throws AssertionError if one of them was parked
     */
    public static void awaitOutboxRelayed(Duration within) {
        long newest =
                QuarkusTransaction.requiringNew().call(() -> number("select coalesce(max(id), 0) from outbox_event"));
        String parked = "select count(*) from outbox_parked where id <= " + newest;
        long parkedBefore = QuarkusTransaction.requiringNew().call(() -> number(parked));
        await().alias("outbox rows up to id " + newest + " published")
                .atMost(within)
                .until(() -> QuarkusTransaction.requiringNew()
                                .call(() -> number("select count(*) from outbox_event where id <= " + newest))
                        == 0);
        assertThat(QuarkusTransaction.requiringNew().call(() -> number(parked)))
                .as(
                        "outbox rows up to id %d parked instead of published (%d of them were parked before)",
                        newest, parkedBefore)
                .isLessThanOrEqualTo(parkedBefore);
    }

    private static long number(String sql) {
        return ((Number) Panache.getEntityManager().createNativeQuery(sql).getSingleResult()).longValue();
    }
}
