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
 * {@link EventType#acceptedVersions()} lists (narrowed by configuration, {@link EventVersions}), and fields it does not
 * know (an optional field a newer producer added): it validates against the same schema with
 * {@code additionalProperties: false} lifted, and ignores the extra fields. Removing or renaming a field, changing its
 * meaning or type, or making an optional field required needs a new version.
 */
public final class EventSchemas {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final JsonSchema ENVELOPE = load("event-schemas/envelope.v1.json");
    /** Per type and version, the producer's strict schema. */
    private static final Map<EventType, Map<Integer, JsonSchema>> PAYLOADS = new EnumMap<>(EventType.class);
    /** Per type and accepted version, the consumer's tolerant schema. */
    private static final Map<EventType, Map<Integer, JsonSchema>> TOLERANT = new EnumMap<>(EventType.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        for (EventType type : EventType.values()) {
            Map<Integer, JsonSchema> strict = new HashMap<>();
            Map<Integer, JsonSchema> versions = new HashMap<>();
            for (int version : type.acceptedVersions()) {
                strict.put(version, load(type.schemaResource(version)));
                versions.put(version, tolerant(type.schemaResource(version)));
            }
            PAYLOADS.put(type, strict);
            TOLERANT.put(type, versions);
        }
    }

    private EventSchemas() {}

    /** Problems of a payload against the schema of its type's newest version; empty when valid. */
    public static List<String> payloadProblems(EventType type, JsonNode payload) {
        return payloadProblems(type, type.version(), payload);
    }

    /** Problems of a payload against the schema of the given version (a producer's check); empty when valid. */
    public static List<String> payloadProblems(EventType type, int version, JsonNode payload) {
        JsonSchema schema = PAYLOADS.get(type).get(version);
        if (schema == null) {
            return List.of(
                    "no schema v" + version + " for " + type.typeName() + "; versions " + type.acceptedVersions());
        }
        return messages(schema, payload);
    }

    /**
     * Problems of a whole envelope (attributes and, for a known type and a version this build knows, its data); empty
     * when valid.
     */
    public static List<String> envelopeProblems(JsonNode envelope) {
        List<String> problems = attributeProblems(envelope);
        if (!problems.isEmpty()) {
            return problems;
        }
        String typeName = envelope.get("type").asText();
        EventType type = EventType.byTypeName(typeName).orElse(null);
        if (type == null) {
            return List.of("unknown event type " + typeName);
        }
        String dataschema = envelope.get("dataschema").asText();
        Integer version = type.versionOf(dataschema)
                .filter(TOLERANT.get(type)::containsKey)
                .orElse(null);
        if (version == null) {
            return List.of("unsupported schema " + dataschema + " for " + typeName + "; accepted versions "
                    + type.acceptedVersions());
        }
        return dataProblems(type, version, envelope.get("data"));
    }

    /** Problems of the envelope's attributes alone (CloudEvents names, id, type, dataschema present and well formed). */
    public static List<String> attributeProblems(JsonNode envelope) {
        return messages(ENVELOPE, envelope);
    }

    /** Problems of an event's data against the consumer's tolerant schema of a version this build knows. */
    public static List<String> dataProblems(EventType type, int version, JsonNode data) {
        return messages(TOLERANT.get(type).get(version), data);
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
            if (object.path("additionalProperties").isBoolean()
                    && !object.get("additionalProperties").asBoolean()) {
                object.remove("additionalProperties");
            }
        }
        node.forEach(EventSchemas::lift);
    }

    private static List<String> messages(JsonSchema schema, JsonNode node) {
        return schema.validate(node).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
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
