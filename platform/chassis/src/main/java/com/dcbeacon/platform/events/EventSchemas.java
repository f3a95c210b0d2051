package com.dcbeacon.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Validates envelopes and payloads against the versioned JSON Schemas in {@code event-schemas/}.
 * Producers validate before writing to the outbox, consumers before acting, so a contract break
 * fails loudly at the edge instead of corrupting a replica.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchema ENVELOPE = load("event-schemas/envelope.v1.json");
    private static final Map<EventType, JsonSchema> PAYLOADS = new EnumMap<>(EventType.class);

    static {
        for (EventType type : EventType.values()) {
            PAYLOADS.put(type, load(type.schemaResource()));
        }
    }

    private EventSchemas() {
    }

    /** Problems of a payload against its type's schema; empty when valid. */
    public static List<String> payloadProblems(EventType type, JsonNode payload) {
        return messages(PAYLOADS.get(type), payload);
    }

    /** Problems of a whole envelope (attributes and, for a known type and version, its data); empty when valid. */
    public static List<String> envelopeProblems(JsonNode envelope) {
        List<String> problems = messages(ENVELOPE, envelope);
        if (!problems.isEmpty()) {
            return problems;
        }
        String typeName = envelope.get("type").asText();
        EventType type = EventType.byTypeName(typeName).orElse(null);
        if (type == null) {
            return List.of("unknown event type " + typeName);
        }
        if (!type.schemaUri().equals(envelope.get("dataschema").asText())) {
            return List.of("unsupported schema " + envelope.get("dataschema").asText() + " for " + typeName);
        }
        return payloadProblems(type, envelope.get("data"));
    }

    private static List<String> messages(JsonSchema schema, JsonNode node) {
        return schema.validate(node).stream().map(ValidationMessage::getMessage).sorted().toList();
    }

    private static JsonSchema load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing event schema " + resource);
            }
            return FACTORY.getSchema(in, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
