package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.NewerEventVersionException;
import com.dcbeacon.platform.inbox.EventInbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The common path of every Kafka consumer: parse and validate the envelope (an invalid one throws
 * {@link com.dcbeacon.platform.events.InvalidEventException} and goes to the dead-letter topic), then
 * apply the handler for its type exactly once. Event types a consumer has no handler for are skipped.
 *
 * <p>Transient faults wait, only the impossible is dead-lettered: a failure {@link TransientFailures} calls transient
 * (the database away, a lock conflict, the pool exhausted) is retried with exponential backoff (from
 * {@code dcbeacon.inbox.retry.initial-delay}, doubling up to {@code dcbeacon.inbox.retry.max-delay}) for as long as it
 * lasts, holding the partition so later events of the same aggregate never overtake it. Metrics:
 * {@code dcbeacon_inbox_retries_total} per consumer and {@code dcbeacon_inbox_waiting} (events waiting now). Any other
 * failure propagates at once and SmallRye's dead-letter strategy takes the record, unless the service is stopping: then
 * the failure is the shutdown's and the record stays uncommitted for redelivery ({@link DeadLetterUnlessStopping}).
 *
 * <p>Each applied event gets a span in the trace of the request that published it (the envelope's {@code traceparent}),
 * so whatever the handler publishes in turn carries the same trace id.
 */
@ApplicationScoped
public class InboundEvents {

    private static final Logger LOG = Logger.getLogger(InboundEvents.class);

    private final EventCodec codec;
    private final EventInbox inbox;
    private final MeterRegistry registry;
    private final Guard untilNotTransient;
    private final AtomicInteger waiting = new AtomicInteger();
    private final ErasedMembers erased;
    private final Tracer tracer;

    public InboundEvents(EventCodec codec, EventInbox inbox, MeterRegistry registry, ErasedMembers erased, Tracer tracer,
            @ConfigProperty(name = "dcbeacon.inbox.retry.initial-delay", defaultValue = "PT0.1S") Duration initialDelay,
            @ConfigProperty(name = "dcbeacon.inbox.retry.max-delay", defaultValue = "PT30S") Duration maxDelay) {
        this.codec = codec;
        this.inbox = inbox;
        this.registry = registry;
        this.erased = erased;
        this.tracer = tracer;
        registry.gauge("dcbeacon.inbox.waiting", waiting);
        this.untilNotTransient = Guard.create()
                .withRetry()
                .maxRetries(-1)
                .maxDuration(3650, ChronoUnit.DAYS)
                .delay(initialDelay.toMillis(), ChronoUnit.MILLIS)
                .jitter(initialDelay.toMillis() / 2, ChronoUnit.MILLIS)
                .whenException(e -> !DeadLetterUnlessStopping.stopping() && TransientFailures.isTransient(e))
                .withExponentialBackoff().factor(2).maxDelay(maxDelay.toMillis(), ChronoUnit.MILLIS).done()
                .done()
                .build();
    }

    /**
     * Applies one record's event with the consumer's handler for its type, once. Returns false when the consumer had
     * already applied it (nothing happened now), true otherwise: applied, dropped for an erased member, or of a type the
     * consumer has no handler for.
     */
    public boolean apply(String consumer, String value, Map<EventType, Consumer<EventEnvelope>> handlers) {
        EventEnvelope event;
        try {
            event = codec.read(value);
        } catch (NewerEventVersionException newer) {
            if (!handlers.containsKey(newer.type())) {
                return true; // a type this consumer has no handler for, whatever its version
            }
            event = readOnceANewerBuildRuns(consumer, value, newer);
        }
        EventType type = EventType.byTypeName(event.type()).orElseThrow();
        Consumer<EventEnvelope> handler = handlers.get(type);
        if (handler == null) {
            return true;
        }
        Consumer<EventEnvelope> unlessErased = e -> {
            if (erased.concernsErasedMember(e, type)) {
                registry.counter("dcbeacon.inbox.dropped.erased", "consumer", consumer, "type", e.type()).increment();
                LOG.infof("%s dropped %s %s: its member was erased", consumer, e.type(), e.id());
            } else {
                handler.accept(e);
            }
        };
        Span span = startSpan(consumer, event);
        try (Scope ignored = span.makeCurrent()) {
            if (processWaitingOutTransientFaults(consumer, event, unlessErased)) {
                registry.counter("dcbeacon.inbox.applied", "consumer", consumer, "type", event.type()).increment();
                return true;
            }
            registry.counter("dcbeacon.inbox.duplicates", "consumer", consumer, "type", event.type()).increment();
            LOG.debugf("%s already applied event %s (%s)", consumer, event.id(), event.type());
            span.setAttribute("dcbeacon.inbox.duplicate", true);
            return false;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /**
     * A span in the publisher's trace: a child of the current span when that is already in the trace (the Kafka
     * connector's receive span, started from the record's traceparent header), else a consumer span continuing the
     * envelope's traceparent (a record without the header, e.g. one sent by hand); without one, of the current context.
     */
    private Span startSpan(String consumer, EventEnvelope event) {
        Context parent = Context.current();
        SpanKind kind = SpanKind.INTERNAL;
        if (event.traceparent() != null) {
            Context published = W3CTraceContextPropagator.getInstance().extract(Context.root(), event, ENVELOPE_TRACE_CONTEXT);
            SpanContext publisher = Span.fromContext(published).getSpanContext();
            if (publisher.isValid()
                    && !publisher.getTraceId().equals(Span.fromContext(parent).getSpanContext().getTraceId())) {
                parent = published;
                kind = SpanKind.CONSUMER;
            }
        }
        return tracer.spanBuilder(consumer + " apply " + event.type())
                .setParent(parent)
                .setSpanKind(kind)
                .setAttribute("messaging.message.id", String.valueOf(event.id()))
                .setAttribute("dcbeacon.event.type", event.type())
                .setAttribute("dcbeacon.consumer", consumer)
                .startSpan();
    }

    private static final TextMapGetter<EventEnvelope> ENVELOPE_TRACE_CONTEXT = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(EventEnvelope envelope) {
            return java.util.List.of("traceparent", "tracestate");
        }

        @Override
        public String get(EventEnvelope envelope, String key) {
            if (envelope == null) {
                return null;
            }
            return switch (key) {
                case "traceparent" -> envelope.traceparent();
                case "tracestate" -> envelope.tracestate();
                default -> null;
            };
        }
    };

    /**
     * A version newer than this build reads is not poison: this instance is older than the event, mid rolling upgrade. It
     * waits like a transient fault, holding the partition ({@code dcbeacon_inbox_waiting}, retries counted), until the
     * instance stops; the record then stays uncommitted ({@link DeadLetterUnlessStopping}) and the new build reads it.
     */
    private EventEnvelope readOnceANewerBuildRuns(String consumer, String value, NewerEventVersionException newer) {
        LOG.warnf("%s: %s", consumer, newer.getMessage());
        waiting.incrementAndGet();
        try {
            return untilNotTransient.get(() -> {
                registry.counter("dcbeacon.inbox.retries", "consumer", consumer).increment();
                return codec.read(value);
            }, EventEnvelope.class);
        } finally {
            waiting.decrementAndGet();
        }
    }

    private boolean processWaitingOutTransientFaults(String consumer, EventEnvelope event, Consumer<EventEnvelope> handler) {
        int[] attempt = {0};
        try {
            return untilNotTransient.get(() -> {
                if (attempt[0]++ > 0) {
                    registry.counter("dcbeacon.inbox.retries", "consumer", consumer).increment();
                    if (attempt[0] == 2) {
                        waiting.incrementAndGet();
                    }
                }
                try {
                    return inbox.processOnce(consumer, event, handler);
                } catch (RuntimeException e) {
                    if (TransientFailures.isTransient(e)) {
                        LOG.warnf("%s: %s %s failed transiently (attempt %d), waiting and trying again: %s", consumer,
                                event.type(), event.id(), attempt[0], e.toString());
                    }
                    throw e;
                }
            }, Boolean.class);
        } finally {
            if (attempt[0] > 1) {
                waiting.decrementAndGet();
            }
        }
    }

    public <T> T payload(EventEnvelope event, Class<T> type) {
        return codec.payload(event, type);
    }
}
