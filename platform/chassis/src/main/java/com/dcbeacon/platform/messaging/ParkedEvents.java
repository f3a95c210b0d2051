package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.inbox.EventInbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Events this service's consumers parked because they arrived before their predecessor ({@link EventInbox}): what ops
 * see ({@code GET /api/ops/inbox/parked}) and how they give up on a predecessor that will never come ({@link #release}).
 * Gauge {@code dcbeacon_inbox_parked} (events parked now), alerted in deploy/k8s.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final Logger LOG = Logger.getLogger(ParkedEvents.class);
    /** At most this many parked events are listed. */
    static final int LIST_LIMIT = 500;

    private final EventInbox inbox;
    private final InboundEvents events;
    private final Instance<EventConsumer> consumers;

    public ParkedEvents(
            EventInbox inbox, InboundEvents events, Instance<EventConsumer> consumers, MeterRegistry registry) {
        this.inbox = inbox;
        this.events = events;
        this.consumers = consumers;
        registry.gauge("dcbeacon.inbox.parked", this, ParkedEvents::countQuietly);
    }

    /** A parked event: which predecessor it waits for ({@code sequence - 1}), and why applying it failed, if it did. */
    public record Parked(
            String consumer,
            String topic,
            String source,
            String subject,
            long sequence,
            String eventId,
            String eventType,
            String error) {}

    /** The oldest parked events, at most {@value #LIST_LIMIT}. */
    public List<Parked> list() {
        return inbox.parked(LIST_LIMIT).stream()
                .map(p -> new Parked(
                        p.consumer(),
                        p.topic(),
                        p.source(),
                        p.subject(),
                        p.sequence(),
                        p.eventId().toString(),
                        p.eventType(),
                        p.error()))
                .toList();
    }

    /** What a release did: events applied, and events of the subject still parked (the first of them failed). */
    public record Released(int applied, int stillParked) {}

    /**
     * Applies a subject's parked events from {@code topic} and {@code source}, skipping the missing predecessors (lost for
     * good: e.g. a dead letter that can never be applied). Empty when none is parked; 400 naming {@code topic} when this
     * service does not consume it.
     */
    public java.util.Optional<Released> release(String topic, String source, String subject) {
        Map<String, EventConsumer.Handlers> byTopic = handlersByTopic();
        EventConsumer.Handlers handlers = byTopic.get(topic);
        if (handlers == null) {
            throw com.dcbeacon.platform.problem.ProblemException.invalidField(
                    "topic",
                    "not a topic this service consumes; it consumes "
                            + String.join(", ", new java.util.TreeSet<>(byTopic.keySet())));
        }
        int parked = inbox.release(handlers.consumer(), topic, source, subject);
        if (parked == 0) {
            return java.util.Optional.empty();
        }
        LOG.warnf(
                "%s: parked events of %s on %s from %s released by ops, skipping what was missing before them",
                handlers.consumer(), subject, topic, source);
        int applied = events.applyParked(handlers.consumer(), topic, source, subject, handlers.byType());
        return java.util.Optional.of(new Released(applied, parked - applied));
    }

    /**
     * Applies parked events whose predecessor is applied but which were not applied after it (the service stopped in
     * between), every {@code dcbeacon.inbox.parked-sweep} (default 30 s).
     */
    @io.quarkus.scheduler.Scheduled(
            every = "${dcbeacon.inbox.parked-sweep:30s}",
            delayed = "30s",
            concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = io.quarkus.scheduler.Scheduled.ApplicationNotRunning.class)
    public void applyReady() {
        Map<String, EventConsumer.Handlers> byTopic = handlersByTopic();
        for (List<String> subject : inbox.readyToApply()) {
            EventConsumer.Handlers handlers = byTopic.get(subject.get(1));
            if (handlers != null && handlers.consumer().equals(subject.get(0))) {
                events.applyParked(subject.get(0), subject.get(1), subject.get(2), subject.get(3), handlers.byType());
            }
        }
    }

    private Map<String, EventConsumer.Handlers> handlersByTopic() {
        Map<String, EventConsumer.Handlers> byTopic = new HashMap<>();
        consumers.forEach(c -> byTopic.putAll(c.handlersByTopic()));
        return byTopic;
    }

    private double countQuietly() {
        try {
            return inbox.parkedCount();
        } catch (RuntimeException e) {
            LOG.debugf("Parked inbox events not counted: %s", e.toString());
            return Double.NaN;
        }
    }
}
