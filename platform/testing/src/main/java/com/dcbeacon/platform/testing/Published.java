package com.dcbeacon.platform.testing;

import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.outbox.OutboxEvent;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service under test has published, for its own {@code @QuarkusTest}s: the outbox's events reach Kafka after
 * their transaction commits, so a test that reads a topic right after a request could miss one (or pass a "never
 * published" check only because it was early). {@link #all} first waits until every outbox row committed before the
 * call has left the outbox (acknowledged by the broker and deleted, or parked), then reads the topic to its end
 * offsets: what it returns is exactly what the service published by then, however long the relay took.
 */
public final class Published {

    /** How long the relay may take to empty the outbox of the rows there when called. */
    static final Duration RELAYED_WITHIN = Duration.ofSeconds(60);

    private Published() {}

    /**
     * Every record on {@code topic} once the outbox's rows committed before this call have left it; fails with
     * Awaitility's timeout if they have not after {@link #RELAYED_WITHIN} (the relay stopped, the broker away).
     */
    public static List<ConsumerRecord<String, String>> all(String topic) {
        awaitOutboxRelayed();
        return KafkaTestClient.readAll(topic);
    }

    /** Waits until no outbox row up to the newest committed now is left in the outbox, for up to {@link #RELAYED_WITHIN}. */
    public static void awaitOutboxRelayed() {
        awaitOutboxRelayed(RELAYED_WITHIN);
    }

    /**
     * Waits until no outbox row up to the newest committed now is left in the outbox.
     *
     * @throws org.awaitility.core.ConditionTimeoutException if some are still there after {@code within}
     */
    public static void awaitOutboxRelayed(Duration within) {
        long newest = QuarkusTransaction.requiringNew()
                .call(() -> ((Number) Panache.getEntityManager()
                                .createNativeQuery("select coalesce(max(id), 0) from outbox_event")
                                .getSingleResult())
                        .longValue());
        await().atMost(within)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> OutboxEvent.count("id <= ?1", newest)) == 0);
    }
}
