package com.dcbeacon.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Turns payloads into envelopes and Kafka values back into checked envelopes and typed payloads. */
@ApplicationScoped
public class EventCodec {

    private final ObjectMapper mapper;

    public EventCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public EventEnvelope wrap(EventType type, String source, String subject, Object payload) {
        JsonNode data = mapper.valueToTree(payload);
        List<String> problems = EventSchemas.payloadProblems(type, data);
        if (!problems.isEmpty()) {
            // A producer bug: refuse to put a broken event in the outbox (the caller's transaction rolls back).
            throw new IllegalArgumentException(type.typeName() + " does not match its schema: " + problems);
        }
        return EventEnvelope.of(type, source, subject, data);
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + envelope.id(), e);
        }
    }

    /** Parses and validates a Kafka value. */
    public EventEnvelope read(String value) {
        JsonNode tree;
        try {
            tree = mapper.readTree(value == null ? "" : value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new InvalidEventException("empty record value");
        }
        List<String> problems = EventSchemas.envelopeProblems(tree);
        if (!problems.isEmpty()) {
            throw new InvalidEventException("event does not match its schema: " + problems);
        }
        try {
            return mapper.readerFor(EventEnvelope.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(tree); // other CloudEvents extension attributes are ignored
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("unreadable envelope: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidEventException("unreadable envelope: " + e.getMessage(), e);
        }
    }

    public <T> T payload(EventEnvelope envelope, Class<T> type) {
        try {
            // Tolerant reader: a field added by a newer producer is ignored, not a failure.
            // A field an older producer did not write yet reads as its default, as before strict request JSON.
            return mapper.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).readValue(envelope.data());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("unreadable " + envelope.type() + " payload: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidEventException("unreadable " + envelope.type() + " payload: " + e.getMessage(), e);
        }
    }
}
