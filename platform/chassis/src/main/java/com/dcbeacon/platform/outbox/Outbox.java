package com.dcbeacon.platform.outbox;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that transaction commits
 * ({@link OutboxRelay} publishes it afterwards), so no change goes unannounced and no event is invented.
 */
@ApplicationScoped
public class Outbox {

    private final EventCodec codec;
    private final String source;

    public Outbox(EventCodec codec, @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.codec = codec;
        this.source = "/" + applicationName;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(EventType type, String subject, Object payload) {
        return publish(type.topic(), type, subject, payload);
    }

    /** For event types several services publish, each on its own topic (export parts, erasure confirmations). */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, EventType type, String subject, Object payload) {
        EventEnvelope envelope = codec.wrap(type, source, subject, payload);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.topic = topic;
        row.messageKey = subject;
        row.eventType = type.typeName();
        row.envelope = codec.write(envelope);
        row.createdAt = OffsetDateTime.now();
        row.persist();
        return envelope;
    }
}
