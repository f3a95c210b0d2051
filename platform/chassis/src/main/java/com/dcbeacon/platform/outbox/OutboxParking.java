package com.dcbeacon.platform.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;
import org.jboss.logging.Logger;

/**
 * Outbox rows Kafka will never accept (record too large, topic or ACL missing, unserializable) are parked in
 * {@code outbox_parked} with their error instead of blocking every row behind them; later rows of the same key are
 * parked behind them, so per-aggregate order holds. Operators inspect them ({@code GET /api/ops/outbox/parked}), fix the
 * cause and re-send a key's parked rows in order ({@code POST /api/ops/outbox/parked/resend}). Metrics:
 * {@code dcbeacon_outbox_parked_total} and the gauge {@code dcbeacon_outbox_parked}, alerted in deploy/k8s.
 */
@ApplicationScoped
public class OutboxParking {

    private static final Logger LOG = Logger.getLogger(OutboxParking.class);

    private final EntityManager em;
    private final Counter parked;

    public OutboxParking(EntityManager em, MeterRegistry registry) {
        this.em = em;
        this.parked = registry.counter("dcbeacon.outbox.parked");
        registry.gauge("dcbeacon.outbox.parked.rows", this, OutboxParking::countQuietly);
    }

    /** A send failure Kafka will not get over by itself: anything but a {@link RetriableException} or a timeout. */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RetriableException || t instanceof java.util.concurrent.TimeoutException) {
                return false;
            }
            if (t instanceof org.apache.kafka.common.KafkaException) {
                return true;
            }
        }
        return false;
    }

    /** Topic and key of every parked row. Runs in the relay's transaction. */
    @SuppressWarnings("unchecked")
    Set<String> parkedKeys() {
        Set<String> keys = new HashSet<>();
        ((List<Object[]>) em.createNativeQuery("select distinct topic, message_key from outbox_parked")
                        .getResultList())
                .forEach(r -> keys.add(OutboxRelay.Row.key((String) r[0], (String) r[1])));
        return keys;
    }

    /** Moves the row to the parking table, in the relay's transaction: one statement, the row's columns as stored. */
    void park(OutboxRelay.Row row, String error) {
        int moved = em.createNativeQuery("""
                with moved as (delete from outbox_event where id = ?1
                               returning id, event_id, topic, message_key, event_type, envelope, created_at)
                insert into outbox_parked (id, event_id, topic, message_key, event_type, envelope, created_at, parked_at, error)
                select id, event_id, topic, message_key, event_type, envelope, created_at, now(), ?2 from moved
                on conflict do nothing""")
                .setParameter(1, row.id())
                .setParameter(2, error)
                .executeUpdate();
        if (moved == 0) {
            // The row is gone from the outbox (another relay took it; the relay's lock makes that unexpected) or its id
            // or event id is parked already (the same event): nothing new is parked, and nothing is lost.
            LOG.warnf(
                    "Outbox event %s (%s, key %s) not parked: no longer in the outbox, or parked already",
                    row.eventId(), row.eventType(), row.messageKey());
            return;
        }
        parked.increment();
        LOG.errorf("Outbox event %s (%s, key %s) parked: %s", row.eventId(), row.eventType(), row.messageKey(), error);
    }

    /** One parked row as operators see it. */
    public record Parked(
            long id,
            String eventId,
            String topic,
            String messageKey,
            String eventType,
            String error,
            String parkedAt) {}

    @SuppressWarnings("unchecked")
    public List<Parked> list() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select id, event_id, topic, message_key, event_type, error, parked_at from outbox_parked order by id")
                                .getResultList())
                        .stream()
                                .map(r -> new Parked(
                                        ((Number) r[0]).longValue(),
                                        String.valueOf(r[1]),
                                        (String) r[2],
                                        (String) r[3],
                                        (String) r[4],
                                        (String) r[5],
                                        String.valueOf(r[6])))
                                .toList());
    }

    /**
     * Puts every parked row of a topic and key back into the outbox, in their original order, behind what is queued now;
     * returns how many. Call after fixing the cause (e.g. raising the topic's max.message.bytes or adding the ACL).
     */
    @Transactional
    public int resend(String topic, String messageKey) {
        int moved = em.createNativeQuery("""
                insert into outbox_event (event_id, topic, message_key, event_type, envelope, created_at)
                select event_id, topic, message_key, event_type, envelope, created_at from outbox_parked
                where topic = ?1 and message_key = ?2 order by id""")
                .setParameter(1, topic)
                .setParameter(2, messageKey)
                .executeUpdate();
        em.createNativeQuery("delete from outbox_parked where topic = ?1 and message_key = ?2")
                .setParameter(1, topic)
                .setParameter(2, messageKey)
                .executeUpdate();
        return moved;
    }

    private double countQuietly() {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> ((Number) em.createNativeQuery("select count(*) from outbox_parked")
                                    .getSingleResult())
                            .doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
