package com.dcbeacon.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.EventEnvelope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The relay sends an envelope's W3C trace context (the CloudEvents distributed tracing extension) as Kafka headers. It
 * reads the two top-level fields token by token instead of building the envelope's tree: the same answer as the tree for
 * every envelope, whatever its data holds (fields of the same names nested in the data included).
 */
class OutboxTraceContextTest {

    private static final ObjectMapper MAPPER =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Property(tries = 300)
    void shouldReadTheSameTraceContextAsTheEnvelopesTree(@ForAll("envelopes") String envelope) throws Exception {
        Map<String, String> read = OutboxRelay.traceContext(MAPPER.getFactory(), envelope);

        Map<String, String> expected = treeReading(envelope);
        assertThat(read).isEqualTo(expected);
        Statistics.label("trace context fields").collect(expected.size());
        Statistics.label("decoy in the data")
                .collect(envelope.indexOf("traceparent") != envelope.lastIndexOf("traceparent"));
    }

    @Example
    void shouldSendNoTraceContextForAnUnreadableEnvelope() {
        // Positive anchor: the same reader finds the context of a well-formed envelope.
        assertThat(OutboxRelay.traceContext(MAPPER.getFactory(), "{\"traceparent\":\"00-a-b-01\"}"))
                .containsEntry("traceparent", "00-a-b-01");
        assertThat(OutboxRelay.traceContext(MAPPER.getFactory(), "{\"data\":{\"traceparent\":"))
                .isEmpty();
        assertThat(OutboxRelay.traceContext(MAPPER.getFactory(), "[\"traceparent\",\"00-a-b-01\"]"))
                .isEmpty();
        assertThat(OutboxRelay.traceContext(MAPPER.getFactory(), "{\"traceparent\":\"00-a-b-01\",\"data\":{"))
                .as("cut off after its trace context: unreadable, so none")
                .isEmpty();
    }

    /** A field named twice counts as its last value, as in the tree; envelopes our outbox writes never have one. */
    @Example
    void shouldReadATraceFieldNamedTwiceAsTheTreeDoes() throws Exception {
        for (String envelope : List.of(
                "{\"traceparent\":\"00-a-b-01\",\"traceparent\":1}",
                "{\"traceparent\":{\"x\":1},\"traceparent\":\"00-c-d-01\"}",
                "{\"tracestate\":\"k=v\",\"traceparent\":\"00-a-b-01\",\"tracestate\":null}")) {
            assertThat(OutboxRelay.traceContext(MAPPER.getFactory(), envelope))
                    .as(envelope)
                    .isEqualTo(treeReading(envelope));
        }
        // Positive anchor: the tree reading these are compared with finds a context where there is one.
        assertThat(treeReading("{\"traceparent\":{\"x\":1},\"traceparent\":\"00-c-d-01\"}"))
                .containsExactly(Map.entry("traceparent", "00-c-d-01"));
    }

    /** The trace context as the relay read it before: the envelope's whole tree, its top-level string fields. */
    private static Map<String, String> treeReading(String envelope) throws Exception {
        JsonNode tree = MAPPER.readTree(envelope);
        Map<String, String> context = new LinkedHashMap<>();
        for (String name : List.of("traceparent", "tracestate")) {
            if (tree.get(name) != null && tree.get(name).isTextual()) {
                context.put(name, tree.get(name).asText());
            }
        }
        return context;
    }

    @Provide
    Arbitrary<String> envelopes() {
        Arbitrary<String> traceparent = Arbitraries.strings()
                .alpha()
                .numeric()
                .withChars('-')
                .ofMaxLength(55)
                .map(s -> "00-" + s)
                .injectNull(0.3);
        Arbitrary<String> tracestate = Arbitraries.strings().ofMaxLength(30).injectNull(0.5);
        return Combinators.combine(data(3), traceparent, tracestate).as((data, parent, state) -> {
            try {
                return MAPPER.writeValueAsString(new EventEnvelope(
                        EventEnvelope.SPEC_VERSION,
                        UUID.randomUUID(),
                        "BoxCurated",
                        "/box-service",
                        "subject",
                        OffsetDateTime.parse("2041-01-01T00:00:00Z"),
                        "urn:schema",
                        EventEnvelope.CONTENT_TYPE,
                        data,
                        parent,
                        state,
                        null));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Event data of any shape: nested objects and arrays, strings with quotes and escapes, decoy trace fields. */
    private Arbitrary<JsonNode> data(int depth) {
        Arbitrary<JsonNode> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(JsonNodeFactory.instance::textNode),
                Arbitraries.longs().map(JsonNodeFactory.instance::numberNode),
                Arbitraries.of(true, false).map(JsonNodeFactory.instance::booleanNode),
                Arbitraries.just(JsonNodeFactory.instance.nullNode()));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<String> names = Arbitraries.oneOf(
                Arbitraries.of("traceparent", "tracestate", "data", "\"traceparent\":\"x\""),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<JsonNode> object = Combinators.combine(
                        names.list().ofMaxSize(4), data(depth - 1).list().ofSize(4))
                .as((keys, values) -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    for (int i = 0; i < keys.size(); i++) {
                        node.set(keys.get(i), values.get(i));
                    }
                    return (JsonNode) node;
                });
        Arbitrary<JsonNode> array = data(depth - 1).list().ofMaxSize(3).map(values -> {
            ArrayNode node = JsonNodeFactory.instance.arrayNode();
            values.forEach(node::add);
            return (JsonNode) node;
        });
        return Arbitraries.oneOf(leaf, object, array);
    }
}
