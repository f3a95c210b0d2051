package com.dcbeacon.member;

import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Test fixture: publishes box-service's events on the real broker, as box-service would (schema-checked envelope,
 * keyed by member), and waits until member-service's consumer applied one. Applying it is the positive anchor every
 * "nothing was charged" check needs.
 */
@ApplicationScoped
public class BoxServiceEvents {

    private final EventCodec codec;
    private final EntityManager em;
    private KafkaProducer<String, String> producer;

    public BoxServiceEvents(EventCodec codec, EntityManager em) {
        this.codec = codec;
        this.em = em;
    }

    /** Publishes the event and returns its id. */
    public UUID publish(EventType type, UUID memberId, Object payload) {
        EventEnvelope envelope = codec.wrap(type, "/box-service", memberId.toString(), payload);
        send(memberId, codec.write(envelope));
        return envelope.id();
    }

    /** Publishes the event and waits until member-service applied it. */
    public UUID publishAndAwait(EventType type, UUID memberId, Object payload) {
        UUID id = publish(type, memberId, payload);
        awaitApplied(id);
        return id;
    }

    public void awaitApplied(UUID eventId) {
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(15))
                .until(() -> applied(eventId));
    }

    private boolean applied(UUID eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery(
                                                "select count(*) from processed_event where consumer = 'member-service' and event_id = ?1")
                                        .setParameter(1, eventId)
                                        .getSingleResult())
                                .longValue()
                        == 1);
    }

    private synchronized void send(UUID key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.put(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    TestInfrastructure.get().kafkaBootstrapServers());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        try {
            producer.send(new ProducerRecord<>(Topics.BOX_EVENTS, key.toString(), value))
                    .get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + Topics.BOX_EVENTS, e);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
