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
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
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

    public InboundEvents(
            EventCodec codec,
            EventInbox inbox,
            MeterRegistry registry,
            ErasedMembers erased,
            Tracer tracer,
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
                .withExponentialBackoff()
                .factor(2)
                .maxDelay(maxDelay.toMillis(), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    /**
     * Applies one record's event from {@code topic} with the consumer's handler for its type, once and in its subject's
     * order ({@link EventInbox}): an event whose predecessor has not been applied yet is parked and applied right after
     * it; every parked successor the event unblocks is applied next. Returns false when nothing happened now because the
     * consumer had already applied it (or its place in the sequence), true otherwise: applied, parked, dropped for an
     * erased member, or of a type the consumer has no handler for.
     */
    public boolean apply(
            String consumer, String topic, String value, Map<EventType, Consumer<EventEnvelope>> handlers) {
        Reading reading = read(consumer, value, handlers, e -> inbox.alreadyProcessed(consumer, topic, e));
        EventEnvelope event = reading.event();
        if (reading.skipped() != null) {
            skipped(consumer, event, reading.skipped());
            return false;
        }
        Consumer<EventEnvelope> effect = effect(consumer, event, handlers);
        if (effect == null && event.sequenceNumber() == null) {
            return true; // nothing to do and no place to take
        }
        // Kept if parked: nothing of an event the consumer does not apply, or of one about an erased member.
        java.util.function.Supplier<String> kept = () -> effect == null || erasedMember(event) ? "" : value;
        boolean snapshot =
                EventType.byTypeName(event.type()).map(EventType::isSnapshot).orElse(false);
        Span span = startSpan(consumer, event);
        try (Scope ignored = span.makeCurrent()) {
            EventInbox.Processed processed = waitingOutTransientFaults(
                    consumer,
                    event,
                    EventInbox.Processed.class,
                    () -> inbox.process(consumer, topic, event, kept, snapshot, effect));
            EventInbox.Outcome outcome = processed.outcome();
            span.setAttribute("dcbeacon.inbox.outcome", outcome.name());
            switch (outcome) {
                case APPLIED -> {
                    if (effect != null) {
                        registry.counter("dcbeacon.inbox.applied", "consumer", consumer, "type", event.type())
                                .increment();
                    }
                    if (processed.nextParked()) {
                        applyParkedSuccessors(consumer, topic, event, handlers);
                    }
                }
                case DUPLICATE, STALE -> skipped(consumer, event, outcome);
                case PARKED -> {
                    registry.counter("dcbeacon.inbox.parked.events", "consumer", consumer, "type", event.type())
                            .increment();
                    LOG.warnf(
                            "%s parked %s %s: %s #%s arrived before its predecessor",
                            consumer, event.type(), event.id(), event.subject(), event.sequence());
                    // Parked events that follow an applied one are normally applied right after it; if the service
                    // stopped in between, the next event of the subject (or the sweep) picks them up.
                    applyParkedSuccessors(consumer, topic, event, handlers);
                }
            }
            return outcome == EventInbox.Outcome.APPLIED || outcome == EventInbox.Outcome.PARKED;
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Counts and logs an event skipped as a duplicate or as stale. */
    private void skipped(String consumer, EventEnvelope event, EventInbox.Outcome outcome) {
        if (outcome == EventInbox.Outcome.DUPLICATE) {
            registry.counter("dcbeacon.inbox.duplicates", "consumer", consumer, "type", event.type())
                    .increment();
            LOG.debugf("%s already applied event %s (%s)", consumer, event.id(), event.type());
        } else {
            registry.counter("dcbeacon.inbox.stale", "consumer", consumer, "type", event.type())
                    .increment();
            LOG.infof(
                    "%s dropped %s %s: %s #%s was already applied",
                    consumer, event.type(), event.id(), event.subject(), event.sequence());
        }
    }

    private boolean erasedMember(EventEnvelope event) {
        return EventType.byTypeName(event.type())
                .map(t -> erased.concernsErasedMember(event, t))
                .orElse(false);
    }

    /** The handler for the event's type, dropping events about an erased member; null when the consumer has none. */
    private Consumer<EventEnvelope> effect(
            String consumer, EventEnvelope event, Map<EventType, Consumer<EventEnvelope>> handlers) {
        EventType type = EventType.byTypeName(event.type()).orElse(null);
        Consumer<EventEnvelope> handler = type == null ? null : handlers.get(type);
        if (handler == null) {
            return null;
        }
        return e -> {
            if (erased.concernsErasedMember(e, type)) {
                registry.counter("dcbeacon.inbox.dropped.erased", "consumer", consumer, "type", e.type())
                        .increment();
                LOG.infof("%s dropped %s %s: its member was erased", consumer, e.type(), e.id());
            } else {
                handler.accept(e);
            }
        };
    }

    private int applyParkedSuccessors(
            String consumer, String topic, EventEnvelope applied, Map<EventType, Consumer<EventEnvelope>> handlers) {
        return applied.sequenceNumber() == null
                ? 0
                : applyParkedSuccessors(consumer, topic, applied.source(), applied.subject(), handlers);
    }

    /**
     * Applies the subject's parked events that come next now, if any (see {@link ParkedEvents}' sweep). Returns how many.
     */
    public int applyParked(
            String consumer,
            String topic,
            String source,
            String subject,
            Map<EventType, Consumer<EventEnvelope>> handlers) {
        return applyParkedSuccessors(consumer, topic, source, subject, handlers);
    }

    /**
     * Applies, one transaction each, the parked events that now come next for the subject. One that fails for good stays
     * parked with its error (the gauge and alert show it; ops fix the cause and release the subject again); one that fails
     * because the service is stopping, or waits for a newer build, stays parked as it was, for the sweep.
     */
    private int applyParkedSuccessors(
            String consumer,
            String topic,
            String source,
            String subject,
            Map<EventType, Consumer<EventEnvelope>> handlers) {
        int applied = 0;
        while (true) {
            java.util.Optional<EventInbox.Parked> next = waitingOutTransientFaults(
                    consumer, null, PARKED, () -> inbox.nextParked(consumer, topic, source, subject));
            if (next.isEmpty()) {
                return applied;
            }
            EventInbox.Parked parked = next.get();
            boolean done;
            try {
                // Read outside the transaction: a newer version waits here without holding the subject's lock. A parked
                // event's id is recorded as processed already: it is the copy to apply, never one to skip.
                EventEnvelope event = parked.envelope().isEmpty()
                        ? null
                        : read(consumer, parked.envelope(), handlers, e -> Optional.empty())
                                .event();
                Consumer<EventEnvelope> effect = event == null ? null : effect(consumer, event, handlers);
                done = waitingOutTransientFaults(
                        consumer, event, Boolean.class, () -> inbox.applyParked(parked, event, effect));
            } catch (RuntimeException e) {
                if (!DeadLetterUnlessStopping.stopping() && !TransientFailures.isTransient(e)) {
                    inbox.parkedFailed(parked, e.toString());
                    LOG.errorf(
                            e,
                            "%s: parked %s #%d of %s on %s could not be applied; it stays parked",
                            consumer,
                            parked.eventType(),
                            parked.sequence(),
                            subject,
                            topic);
                }
                return applied;
            }
            if (done) {
                applied++;
                registry.counter("dcbeacon.inbox.applied", "consumer", consumer, "type", parked.eventType())
                        .increment();
                LOG.infof(
                        "%s applied parked %s %s: %s #%d",
                        consumer, parked.eventType(), parked.eventId(), subject, parked.sequence());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static final Class<java.util.Optional<EventInbox.Parked>> PARKED =
            (Class<java.util.Optional<EventInbox.Parked>>) (Class<?>) java.util.Optional.class;

    /**
     * A span in the publisher's trace: a child of the current span when that is already in the trace (the Kafka
     * connector's receive span, started from the record's traceparent header), else a consumer span continuing the
     * envelope's traceparent (a record without the header, e.g. one sent by hand); without one, of the current context.
     */
    private Span startSpan(String consumer, EventEnvelope event) {
        Context parent = Context.current();
        SpanKind kind = SpanKind.INTERNAL;
        if (event.traceparent() != null) {
            Context published =
                    W3CTraceContextPropagator.getInstance().extract(Context.root(), event, ENVELOPE_TRACE_CONTEXT);
            SpanContext publisher = Span.fromContext(published).getSpanContext();
            if (publisher.isValid()
                    && !publisher
                            .getTraceId()
                            .equals(Span.fromContext(parent).getSpanContext().getTraceId())) {
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
     * A record as read: its event, and {@code skipped} (DUPLICATE or STALE) when the event is one this build cannot read
     * but the consumer has already processed (see {@link #read}); null otherwise.
     */
    private record Reading(EventEnvelope event, EventInbox.Outcome skipped) {}

    /**
     * Reads a record for this consumer. A version newer than this build reads (see {@link #readOnceANewerBuildRuns}) is
     * waited out when the consumer has a handler for the type; otherwise only the envelope matters here (the event still
     * takes its place in its subject's sequence), and its data is not validated.
     *
     * <p>An event this build cannot read, of a type the consumer handles, that the consumer has already processed
     * ({@code alreadyProcessed}: {@link EventInbox#alreadyProcessed}) comes back {@code skipped}, never to be applied: a
     * copy redelivered after a failed offset commit, a rebalance or a rolled-back deployment, that a build which read it
     * processed. A newer version then does not hold the partition waiting for a build that reads it, and a version this
     * build dropped (or any data this build finds invalid) is not dead-lettered for a replay that could never succeed;
     * were it readable, it would be skipped as the same duplicate or stale event.
     */
    private Reading read(
            String consumer,
            String value,
            Map<EventType, Consumer<EventEnvelope>> handlers,
            Function<EventEnvelope, Optional<EventInbox.Outcome>> alreadyProcessed) {
        try {
            return new Reading(codec.read(value), null);
        } catch (NewerEventVersionException newer) {
            if (!handlers.containsKey(newer.type())) {
                return new Reading(newer.envelope(), null);
            }
            Optional<EventInbox.Outcome> skipped =
                    processedBefore(consumer, newer.envelope(), newer.getMessage(), alreadyProcessed);
            return skipped.isPresent()
                    ? new Reading(newer.envelope(), skipped.get())
                    : new Reading(readOnceANewerBuildRuns(consumer, value, newer), null);
        } catch (com.dcbeacon.platform.events.InvalidEventException invalid) {
            // A type this consumer does not apply (one a newer build added, or a version it dropped) is not its poison:
            // a valid envelope still takes its place in the subject's sequence.
            EventEnvelope attributes;
            try {
                attributes = codec.readAttributes(value);
            } catch (RuntimeException notAnEnvelope) {
                throw invalid;
            }
            if (EventType.byTypeName(attributes.type())
                    .map(handlers::containsKey)
                    .orElse(false)) {
                Optional<EventInbox.Outcome> skipped =
                        processedBefore(consumer, attributes, invalid.getMessage(), alreadyProcessed);
                if (skipped.isPresent()) {
                    return new Reading(attributes, skipped.get());
                }
                throw invalid;
            }
            return new Reading(attributes, null);
        }
    }

    /**
     * Whether the consumer has processed the event (or its place) already, transient faults waited out. A check that
     * fails otherwise counts as "not processed": the event then waits or is dead-lettered, as it would without the check.
     */
    private Optional<EventInbox.Outcome> processedBefore(
            String consumer,
            EventEnvelope envelope,
            String unreadable,
            Function<EventEnvelope, Optional<EventInbox.Outcome>> alreadyProcessed) {
        Optional<EventInbox.Outcome> processed;
        try {
            processed = waitingOutTransientFaults(consumer, envelope, OUTCOME, () -> alreadyProcessed.apply(envelope));
        } catch (RuntimeException e) {
            LOG.warnf(
                    e,
                    "%s: could not tell whether %s %s was already processed",
                    consumer,
                    envelope.type(),
                    envelope.id());
            return Optional.empty();
        }
        processed.ifPresent(outcome -> LOG.warnf(
                "%s: %s %s, already processed here, cannot be read by this build; skipped (%s): %s",
                consumer, envelope.type(), envelope.id(), outcome, unreadable));
        return processed;
    }

    @SuppressWarnings("unchecked")
    private static final Class<Optional<EventInbox.Outcome>> OUTCOME =
            (Class<Optional<EventInbox.Outcome>>) (Class<?>) Optional.class;

    /**
     * A version newer than this build reads is not poison: this instance is older than the event, mid rolling upgrade. It
     * waits like a transient fault, holding the partition ({@code dcbeacon_inbox_waiting}, retries counted), until the
     * instance stops; the record then stays uncommitted ({@link DeadLetterUnlessStopping}) and the new build reads it.
     * (Unless the consumer has already processed it: see {@link #read}.)
     */
    private EventEnvelope readOnceANewerBuildRuns(String consumer, String value, NewerEventVersionException newer) {
        LOG.warnf("%s: %s", consumer, newer.getMessage());
        waiting.incrementAndGet();
        try {
            return untilNotTransient.get(
                    () -> {
                        registry.counter("dcbeacon.inbox.retries", "consumer", consumer)
                                .increment();
                        return codec.read(value);
                    },
                    EventEnvelope.class);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** Runs {@code step}, retrying transient failures for as long as they last; {@code event} (may be null) names it in logs. */
    private <T> T waitingOutTransientFaults(
            String consumer, EventEnvelope event, Class<T> type, java.util.function.Supplier<T> step) {
        int[] attempt = {0};
        try {
            return untilNotTransient.get(
                    () -> {
                        if (attempt[0]++ > 0) {
                            registry.counter("dcbeacon.inbox.retries", "consumer", consumer)
                                    .increment();
                            if (attempt[0] == 2) {
                                waiting.incrementAndGet();
                            }
                        }
                        try {
                            return step.get();
                        } catch (RuntimeException e) {
                            if (TransientFailures.isTransient(e)) {
                                LOG.warnf(
                                        "%s: %s failed transiently (attempt %d), waiting and trying again: %s",
                                        consumer,
                                        event == null ? "a parked event" : event.type() + " " + event.id(),
                                        attempt[0],
                                        e.toString());
                            }
                            throw e;
                        }
                    },
                    type);
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
