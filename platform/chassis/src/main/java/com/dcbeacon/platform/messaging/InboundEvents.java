package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.inbox.EventInbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The common path of every Kafka consumer: parse and validate the envelope (an invalid one throws
 * {@link com.dcbeacon.platform.events.InvalidEventException} and goes to the dead-letter topic), then
 * apply the handler for its type exactly once. Event types a consumer has no handler for are skipped.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final EventInbox inbox;

    private final MeterRegistry registry;

    public InboundEvents(EventCodec codec, EventInbox inbox, MeterRegistry registry) {
        this.codec = codec;
        this.inbox = inbox;
        this.registry = registry;
    }

    public void apply(String consumer, String value, Map<EventType, Consumer<EventEnvelope>> handlers) {
        EventEnvelope event = codec.read(value);
        EventType type = EventType.byTypeName(event.type()).orElseThrow();
        Consumer<EventEnvelope> handler = handlers.get(type);
        if (handler == null) {
            return;
        }
        if (inbox.processOnce(consumer, event, handler)) {
            registry.counter("dcbeacon.inbox.applied", "consumer", consumer, "type", event.type()).increment();
        } else {
            registry.counter("dcbeacon.inbox.duplicates", "consumer", consumer, "type", event.type()).increment();
            LOG.debugf("%s already applied event %s (%s)", consumer, event.id(), event.type());
        }
    }

    public <T> T payload(EventEnvelope event, Class<T> type) {
        return codec.payload(event, type);
    }
}
