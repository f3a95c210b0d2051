package com.dcbeacon.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates envelopes and payloads against the versioned JSON Schemas in {@code event-schemas/}.
 * Producers validate before writing to the outbox, consumers before acting, so a contract break
 * fails loudly at the edge instead of corrupting a replica.
 *
 * <p>The compatibility rule (docs/messaging.md): producers are strict, consumers tolerant. A producer's payload must
 * match its schema exactly (no field the schema does not name). A consumer accepts every version its
 * {@link EventType#acceptedVersions()} lists, and fields it does not know (an optional field a newer producer added):
 * it validates against the same schema with {@code additionalProperties: false} lifted, and ignores the extra fields.
 * Removing or renaming a field, or changing its meaning or type, needs a new version.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final JsonSchema ENVELOPE = load("event-schemas/envelope.v1.json");
    private static final Map<EventType, JsonSchema> PAYLOADS = new EnumMap<>(EventType.class);
    /** Per type and accepted version, the consumer's tolerant schema. */
    private static final Map<EventType, Map<Integer, JsonSchema>> TOLERANT = new EnumMap<>(EventType.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        for (EventType type : EventType.values()) {
            PAYLOADS.put(type, load(type.schemaResource()));
            Map<Integer, JsonSchema> versions = new HashMap<>();
            for (int version : type.acceptedVersions()) {
                versions.put(version, tolerant(type.schemaResource(version)));
            }
            TOLERANT.put(type, versions);
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
        String dataschema = envelope.get("dataschema").asText();
        JsonSchema tolerant = versionOf(type, dataschema).map(TOLERANT.get(type)::get).orElse(null);
        if (tolerant == null) {
            return List.of("unsupported schema " + dataschema + " for " + typeName + "; accepted versions " + type.acceptedVersions());
        }
        return messages(tolerant, envelope.get("data"));
    }

    private static java.util.Optional<Integer> versionOf(EventType type, String dataschema) {
        String prefix = "urn:dcbeacon:event:" + type.typeName() + ":v";
        if (!dataschema.startsWith(prefix)) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(Integer.parseInt(dataschema.substring(prefix.length())));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** The schema with every {@code additionalProperties: false} lifted: unknown fields pass, known ones are checked. */
    private static JsonSchema tolerant(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing event schema " + resource);
            }
            JsonNode schema = JSON.readTree(in);
            lift(schema);
            return FACTORY.getSchema(schema, CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void lift(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.path("additionalProperties").isBoolean() && !object.get("additionalProperties").asBoolean()) {
                object.remove("additionalProperties");
            }
        }
        node.forEach(EventSchemas::lift);
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
