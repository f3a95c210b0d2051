package com.dcbeacon.platform.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every property of every event schema this build knows, for tests that hold shared vocabulary to one source. */
final class SchemaProperties {

    /** A property as a schema declares it, with the string schemas its value may take (its branches and items). */
    record Property(String schema, String path, String name, JsonNode definition, List<JsonNode> strings) {

        @Override
        public String toString() {
            return schema + " " + path;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaProperties() {}

    static List<Property> all() {
        List<Property> found = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (int version : type.acceptedVersions()) {
                String resource = type.schemaResource(version);
                collect(resource, "", read(resource), found);
            }
        }
        return found;
    }

    /** Every {@code pattern} anywhere in every event schema (and the envelope), with where it stands. */
    static List<Map.Entry<String, String>> patterns() {
        List<Map.Entry<String, String>> found = new ArrayList<>();
        for (EventType type : EventType.values()) {
            for (int version : type.acceptedVersions()) {
                String resource = type.schemaResource(version);
                patterns(resource, read(resource), found);
            }
        }
        return found;
    }

    private static void patterns(String where, JsonNode node, List<Map.Entry<String, String>> found) {
        if (node.isObject() && node.path("pattern").isTextual()) {
            found.add(Map.entry(where, node.get("pattern").asText()));
        }
        node.forEach(child -> patterns(where, child, found));
    }

    private static void collect(String schema, String path, JsonNode node, List<Property> found) {
        if (node.isObject()) {
            node.path("properties").properties().forEach(p -> {
                String at = path + "/" + p.getKey();
                List<JsonNode> strings = new ArrayList<>();
                strings(p.getValue(), strings);
                found.add(new Property(schema, at, p.getKey(), p.getValue(), strings));
            });
            node.properties()
                    .forEach(e -> collect(
                            schema,
                            path + (e.getKey().equals("properties") ? "" : "/" + e.getKey()),
                            e.getValue(),
                            found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(schema, path + "/" + i, node.get(i), found);
            }
        }
    }

    /** The string-typed schemas a value may take: itself, its oneOf/anyOf branches, an array's items. */
    private static void strings(JsonNode definition, List<JsonNode> found) {
        if ("string".equals(definition.path("type").asText()) || definition.has("enum") || definition.has("pattern")) {
            found.add(definition);
        }
        for (String branches : List.of("oneOf", "anyOf")) {
            definition.path(branches).forEach(branch -> strings(branch, found));
        }
        if (definition.has("items")) {
            strings(definition.get("items"), found);
        }
    }

    private static JsonNode read(String resource) {
        try (InputStream in = SchemaProperties.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing event schema " + resource);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
