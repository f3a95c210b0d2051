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
    private final EventVersions versions;

    public EventCodec(ObjectMapper mapper, EventVersions versions) {
        this.mapper = mapper;
        this.versions = versions;
    }

    /** An envelope of the version this service writes ({@code dcbeacon.events.write-version}, by default the newest). */
    public EventEnvelope wrap(EventType type, String source, String subject, Object payload) {
        return wrap(type, versions.writeVersion(type), source, subject, payload);
    }

    public EventEnvelope wrap(EventType type, int version, String source, String subject, Object payload) {
        JsonNode data = mapper.valueToTree(payload);
        List<String> problems = EventSchemas.payloadProblems(type, version, data);
        if (!problems.isEmpty()) {
            // A producer bug: refuse to put a broken event in the outbox (the caller's transaction rolls back).
            throw new IllegalArgumentException(
                    type.typeName() + " v" + version + " does not match its schema: " + problems);
        }
        EventEnvelope envelope = EventEnvelope.of(type, source, subject, data);
        return version == type.version() ? envelope : envelope.withDataschema(type.schemaUri(version));
    }

    public String write(EventEnvelope envelope) {
        try {
            return mapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize event " + envelope.id(), e);
        }
    }

    /**
     * Parses and validates a Kafka value. A version this service does not read throws: {@link NewerEventVersionException}
     * when it is newer than every accepted one (this instance is older than the event), else
     * {@link InvalidEventException}.
     */
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
        List<String> problems = EventSchemas.attributeProblems(tree);
        String typeName = problems.isEmpty() ? tree.get("type").asText() : null;
        EventType type =
                typeName == null ? null : EventType.byTypeName(typeName).orElse(null);
        if (problems.isEmpty() && type == null) {
            problems = List.of("unknown event type " + typeName);
        }
        if (!problems.isEmpty()) {
            throw new InvalidEventException("event does not match its schema: " + problems);
        }
        String dataschema = tree.get("dataschema").asText();
        int version = type.versionOf(dataschema)
                .orElseThrow(() -> new InvalidEventException("event does not match its schema: [unsupported schema "
                        + dataschema + " for " + typeName + "]"));
        try {
            versions.requireAccepted(type, version);
        } catch (NewerEventVersionException newer) {
            throw newer.of(envelope(tree)); // its attributes are valid: a consumer without a handler needs only them
        }
        problems = EventSchemas.dataProblems(type, version, tree.get("data"));
        if (!problems.isEmpty()) {
            throw new InvalidEventException("event does not match its schema: " + problems);
        }
        return envelope(tree);
    }

    /**
     * Parses a Kafka value's envelope attributes only (validated against the envelope schema), whatever its type, version
     * and data: for a consumer that does not apply its type. Throws {@link InvalidEventException} for anything that is not
     * a valid envelope.
     */
    public EventEnvelope readAttributes(String value) {
        JsonNode tree;
        try {
            tree = mapper.readTree(value == null ? "" : value);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not JSON: " + e.getOriginalMessage(), e);
        }
        if (tree == null
                || tree.isMissingNode()
                || !EventSchemas.attributeProblems(tree).isEmpty()) {
            throw new InvalidEventException("not an event envelope");
        }
        return envelope(tree);
    }

    private EventEnvelope envelope(JsonNode tree) {
        try {
            return mapper.readerFor(EventEnvelope.class)
                    .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
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
            return mapper.readerFor(type)
                    .without(
                            DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                            DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .readValue(envelope.data());
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("unreadable " + envelope.type() + " payload: " + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidEventException("unreadable " + envelope.type() + " payload: " + e.getMessage(), e);
        }
    }
}
