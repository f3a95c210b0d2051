package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.Response;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Property-based fuzzing of a service's HTTP API, driven by the service's own OpenAPI document. For every operation it
 * sends requests a sloppy or hostile client would send (values of the wrong JSON type, nulls, null list elements,
 * unknown and duplicate fields, overlong and odd strings, broken encodings, wrong content types, unconvertible and
 * huge parameters), with a token of the operation's role for the subclass's own tenant and for another tenant, and
 * asserts that the service never answers 5xx, that every 4xx is {@code application/problem+json}, and that a 400
 * for a value of the wrong type names that field or parameter.
 *
 * <p>A service extends this with one small class saying who calls it ({@link #caller}) and, where a value has a
 * format the document cannot express, a valid one ({@link #knownValues}). Runs in {@code verify} with
 * {@value #DEFAULT_TRIES} random strings per string field; {@code -Ddcbeacon.fuzz.tries=50} runs a longer
 * campaign, {@code -Ddcbeacon.fuzz.seed=...} repeats one (the seed is logged).
 */
public abstract class OpenApiFuzzContract {

    public static final String TRIES_PROPERTY = "dcbeacon.fuzz.tries";
    public static final String SEED_PROPERTY = "dcbeacon.fuzz.seed";
    static final int DEFAULT_TRIES = 2;

    private static final Logger LOG = Logger.getLogger(OpenApiFuzzContract.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String PROBLEM = "application/problem+json";
    private static final RestAssuredConfig RAW = RestAssured.config()
            .encoderConfig(EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false));
    /** Strings no validation should choke on: NUL, a lone surrogate, right-to-left override, emoji, markup, paths. */
    private static final List<String> ODD_STRINGS = List.of(
            "\u0000",
            "\ud800",
            "\u202eevil",
            "😀🍫",
            "<script>x</script>",
            "../../etc/passwd",
            "' OR '1'='1",
            "%00",
            " ",
            "NaN");

    /** Who calls an operation of the given role: a token, and the values of the path parameters that are its own. */
    public record Caller(String token, Map<String, String> pathValues) {}

    /** A tenant of the given role that exists in this service (a member, a brand, or ops with nothing of its own). */
    protected abstract Caller caller(String role);

    /** A caller of the same role from another tenant; by default a fresh id that owns nothing here. */
    protected Caller otherTenant(String role) {
        UUID stranger = UUID.randomUUID();
        return switch (role) {
            case "member" -> new Caller(TestTokens.member(stranger), Map.of("memberId", stranger.toString()));
            case "brand" -> new Caller(TestTokens.brand(stranger), Map.of("brandId", stranger.toString()));
            default -> new Caller(TestTokens.ops(), Map.of());
        };
    }

    /** Valid values for fields and parameters whose format the document does not say (by name, e.g. "cycle"). */
    protected Map<String, String> knownValues() {
        return Map.of();
    }

    /** operationIds not to fuzz, each with a reason in the subclass. */
    protected Set<String> skippedOperations() {
        return Set.of();
    }

    @Test
    void shouldPublishADocumentAClientGeneratorTakesAsIs() {
        SwaggerParseResult parsed = parse();

        assertThat(parsed.getMessages()).as("validation messages").isEmpty();
        OpenAPI api = parsed.getOpenAPI();
        assertThat(api.getServers()).as("servers").isNotEmpty();
        assertThat(api.getComponents().getSecuritySchemes())
                .as("security schemes")
                .isNotEmpty();
        List<String> ids = new ArrayList<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
                    assertThat(op.getOperationId())
                            .as("operationId of %s %s", method, path)
                            .isNotBlank();
                    ids.add(op.getOperationId());
                }));
        assertThat(ids).as("operationIds").doesNotHaveDuplicates().isNotEmpty();
    }

    @Test
    void shouldAnswerEveryMalformedRequestWithANamedProblemAndNeverA5xx() {
        OpenAPI api = parse().getOpenAPI();
        long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
        int tries = Integer.getInteger(TRIES_PROPERTY, DEFAULT_TRIES);
        java.util.Iterator<String> randomStrings = randomStrings(seed, 200 * (tries + 1));
        List<String> failures = new ArrayList<>();
        int operations = 0;
        int requests = 0;
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    path.getValue().readOperationsMap().entrySet()) {
                Operation op = entry.getValue();
                if (skippedOperations().contains(op.getOperationId())
                        || path.getKey().startsWith("/q/")) {
                    continue;
                }
                operations++;
                OperationProbe probe =
                        new OperationProbe(entry.getKey().name(), path.getKey(), op, randomStrings, tries);
                for (String role : roles(op)) {
                    List<Caller> callers = new ArrayList<>(List.of(caller(role)));
                    if (!role.equals("ops")) {
                        callers.add(otherTenant(role));
                    }
                    for (Caller c : callers) {
                        requests += probe.run(c, failures::add);
                    }
                }
            }
        }
        LOG.infof(
                "OpenAPI fuzz of %s: %d operations, %d requests, %d random strings per field, seed %d",
                getClass().getSimpleName(), operations, requests, tries, seed);
        assertThat(operations).as("operations fuzzed").isPositive();
        assertThat(failures)
                .as("answers that broke the contract (seed %d)", seed)
                .isEmpty();
    }

    /**
     * Strings from jqwik's generator of all Unicode strings, drawn in a session with the given seed so that a run
     * can be repeated; handed out round-robin.
     */
    private static java.util.Iterator<String> randomStrings(long seed, int count) {
        Arbitrary<String> strings = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80);
        List<String> pool = new ArrayList<>();
        JqwikSession.start(Long.toString(seed));
        try {
            strings.sampleStream().limit(count).forEach(pool::add);
        } finally {
            JqwikSession.finish();
        }
        return java.util.stream.Stream.generate(() -> pool)
                .flatMap(List::stream)
                .iterator();
    }

    private static SwaggerParseResult parse() {
        String document = RestAssured.given()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        return new OpenAPIV3Parser().readContents(document, null, options);
    }

    /** The roles the document lists for the operation (Quarkus writes @RolesAllowed as the scheme's scopes). */
    private static List<String> roles(Operation op) {
        List<String> roles = new ArrayList<>();
        if (op.getSecurity() != null) {
            for (SecurityRequirement requirement : op.getSecurity()) {
                requirement.values().forEach(roles::addAll);
            }
        }
        return roles.isEmpty()
                ? List.of("member", "brand", "ops")
                : roles.stream().distinct().toList();
    }

    /** The requests for one operation, and the checks on their answers. */
    private final class OperationProbe {

        private final String method;
        private final String template;
        private final Operation op;
        private final java.util.Iterator<String> randomStrings;
        private final int tries;

        OperationProbe(
                String method, String template, Operation op, java.util.Iterator<String> randomStrings, int tries) {
            this.method = method;
            this.template = template;
            this.op = op;
            this.randomStrings = randomStrings;
            this.tries = tries;
        }

        int run(Caller caller, Consumer<String> failures) {
            List<Attempt> attempts = new ArrayList<>();
            Map<String, String> path = new LinkedHashMap<>();
            Map<String, String> query = new LinkedHashMap<>();
            for (Parameter p : parameters()) {
                String value = "path".equals(p.getIn())
                        ? caller.pathValues()
                                .getOrDefault(
                                        p.getName(),
                                        valid(p.getName(), p.getSchema()).asText())
                        : valid(p.getName(), p.getSchema()).asText();
                ("path".equals(p.getIn()) ? path : query).put(p.getName(), value);
            }
            MediaType json = op.getRequestBody() == null || op.getRequestBody().getContent() == null
                    ? null
                    : op.getRequestBody().getContent().get("application/json");
            String otherBody = op.getRequestBody() == null
                            || op.getRequestBody().getContent() == null
                            || json != null
                    ? null
                    : op.getRequestBody().getContent().keySet().iterator().next();
            JsonNode body = json == null ? null : valid("", json.getSchema());
            byte[] bodyBytes = body == null ? null : body.toString().getBytes(StandardCharsets.UTF_8);
            String bodyType = json != null ? "application/json" : otherBody;

            for (Parameter p : parameters()) {
                boolean inPath = "path".equals(p.getIn());
                Map<String, String> target = inPath ? path : query;
                String original = target.get(p.getName());
                for (String bad : wrongValues(p.getSchema())) {
                    target.put(p.getName(), bad);
                    attempts.add(new Attempt(
                            "param " + p.getName() + "=" + abbreviate(bad),
                            url(path, query),
                            bodyType,
                            bodyBytes == null ? new byte[0] : bodyBytes,
                            p.getName()));
                }
                for (String odd : oddStrings()) {
                    target.put(p.getName(), odd);
                    attempts.add(new Attempt(
                            "param " + p.getName() + "=" + abbreviate(odd),
                            url(path, query),
                            bodyType,
                            bodyBytes == null ? new byte[0] : bodyBytes,
                            null));
                }
                if (isInteger(p.getSchema())) {
                    for (String huge : List.of("2147483647", "9223372036854775807", "-1")) {
                        target.put(p.getName(), huge);
                        attempts.add(new Attempt(
                                "param " + p.getName() + "=" + huge,
                                url(path, query),
                                bodyType,
                                bodyBytes == null ? new byte[0] : bodyBytes,
                                null));
                    }
                }
                target.put(p.getName(), original);
            }
            String url = url(path, query);
            if (body instanceof ObjectNode object) {
                bodyAttempts(object, json.getSchema(), "", url, attempts);
                attempts.add(raw(
                        "unknown field",
                        url,
                        withField(object, "fuzzUnknownField", NODES.textNode("x"))
                                .toString(),
                        "fuzzUnknownField"));
                object.fieldNames().forEachRemaining(first -> {
                    if (attempts.stream().noneMatch(a -> a.what().startsWith("duplicate"))) {
                        String text = object.toString();
                        String duplicated = "{\"" + first + "\":" + object.get(first) + "," + text.substring(1);
                        attempts.add(raw("duplicate " + first, url, duplicated, first));
                    }
                });
                attempts.add(raw("trailing tokens", url, object + " {}", null));
                attempts.add(raw("BOM before JSON", url, "\uFEFF" + object, null));
                attempts.add(raw(
                        "truncated JSON",
                        url,
                        object.toString().substring(0, object.toString().length() / 2),
                        null));
                attempts.add(raw("empty body", url, "", null));
                attempts.add(raw("null body", url, "null", null));
                attempts.add(raw("array body", url, "[" + object + "]", null));
                attempts.add(raw("number body", url, "42", null));
                attempts.add(new Attempt(
                        "invalid UTF-8",
                        url,
                        "application/json",
                        concat(
                                object.toString()
                                        .substring(0, object.toString().length() - 1)
                                        .getBytes(StandardCharsets.UTF_8),
                                ",\"x\":\"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1)),
                        null));
                attempts.add(new Attempt("body as text/plain", url, "text/plain", bodyBytes, null));
                attempts.add(new Attempt(
                        "body as application/xml",
                        url,
                        "application/xml",
                        "<a/>".getBytes(StandardCharsets.UTF_8),
                        null));
            } else if (otherBody != null) {
                attempts.add(new Attempt("empty " + otherBody, url, otherBody, new byte[0], null));
                attempts.add(new Attempt(
                        "binary " + otherBody, url, otherBody, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2}, null));
                attempts.add(new Attempt(
                        otherBody + " sent as JSON",
                        url,
                        "application/json",
                        "{}".getBytes(StandardCharsets.UTF_8),
                        null));
            }
            for (Attempt a : attempts) {
                check(caller, a, failures);
            }
            if (bodyType != null) {
                announceOversizedBody(caller, url, bodyType, failures);
                return attempts.size() + 1;
            }
            return attempts.size();
        }

        private List<Parameter> parameters() {
            return op.getParameters() == null
                    ? List.of()
                    : op.getParameters().stream()
                            .filter(p -> "path".equals(p.getIn()) || "query".equals(p.getIn()))
                            .toList();
        }

        /** Each property (and the properties of nested objects) given values a client should never send. */
        private void bodyAttempts(
                ObjectNode valid, Schema<?> schema, String prefix, String url, List<Attempt> attempts) {
            if (schema == null || schema.getProperties() == null) {
                return;
            }
            for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
                String name = property.getKey();
                String field = prefix + name;
                Schema<?> s = property.getValue();
                for (JsonNode wrong : wrongJson(s)) {
                    attempts.add(raw(
                            field + " = " + abbreviate(wrong.toString()),
                            url,
                            replace(valid, prefix, name, wrong),
                            field));
                }
                attempts.add(raw(field + " = null", url, replace(valid, prefix, name, NODES.nullNode()), null));
                if ("array".equals(type(s))) {
                    ArrayNode withNull = NODES.arrayNode();
                    withNull.addNull();
                    attempts.add(raw(field + " = [null]", url, replace(valid, prefix, name, withNull), field + "[0]"));
                }
                if ("string".equals(type(s))) {
                    attempts.add(raw(
                            field + " overlong",
                            url,
                            replace(valid, prefix, name, NODES.textNode("x".repeat(100_000))),
                            null));
                    for (String odd : oddStrings()) {
                        attempts.add(raw(
                                field + " = " + abbreviate(odd),
                                url,
                                replace(valid, prefix, name, NODES.textNode(odd)),
                                null));
                    }
                }
                if ("object".equals(type(s)) && prefix.isEmpty() && valid.get(name) instanceof ObjectNode nested) {
                    bodyAttempts(valid, s, name + ".", url, attempts);
                    attempts.add(raw(
                            field + " unknown nested field",
                            url,
                            replace(valid, prefix, name, withField(nested, "fuzzUnknownField", NODES.numberNode(1))),
                            field + ".fuzzUnknownField"));
                }
            }
        }

        private List<String> oddStrings() {
            List<String> odd = new ArrayList<>();
            for (int i = 0; i < tries; i++) {
                odd.add(randomStrings.next());
            }
            odd.add(ODD_STRINGS.get(Math.floorMod(randomStrings.next().hashCode(), ODD_STRINGS.size())));
            return odd;
        }

        private Attempt raw(String what, String url, String body, String field) {
            return new Attempt(what, url, "application/json", body.getBytes(StandardCharsets.UTF_8), field);
        }

        private void check(Caller caller, Attempt a, Consumer<String> failures) {
            Response response;
            try {
                var request = RestAssured.given()
                        .config(RAW)
                        .urlEncodingEnabled(false)
                        .header("Authorization", TestTokens.bearer(caller.token()))
                        .header("Accept", "application/json")
                        // A fresh key, as a well-behaved client sends on requests that move money: the malformed
                        // body is what is under test (a missing key is tested where the key is used).
                        .header("Idempotency-Key", UUID.randomUUID().toString());
                if (a.contentType() != null && a.body() != null) {
                    request = request.contentType(a.contentType()).body(a.body());
                }
                response = request.request(method, a.url());
            } catch (Exception e) { // RestAssured rethrows I/O failures unchecked
                failures.accept(describe(a) + " -> no answer: " + e);
                return;
            }
            int status = response.statusCode();
            String contentType = response.contentType() == null ? "" : response.contentType();
            if (status >= 500) {
                failures.accept(describe(a) + " -> " + status + " " + abbreviate(response.asString()));
            } else if (status >= 400 && !contentType.startsWith(PROBLEM)) {
                failures.accept(describe(a) + " -> " + status + " as '" + contentType + "', not problem+json");
            } else if (a.field() != null && status != 400) {
                failures.accept(describe(a) + " -> " + status + ", expected 400 naming " + a.field());
            } else if (a.field() != null && !names(response, a.field())) {
                failures.accept(
                        describe(a) + " -> 400 without naming " + a.field() + ": " + abbreviate(response.asString()));
            }
        }

        /**
         * Announces a body of 100 MiB and reads the answer before sending any of it, as a client does that waits for
         * the server's verdict: a 413 (or another 4xx) problem+json, never a 5xx.
         */
        private void announceOversizedBody(Caller caller, String url, String contentType, Consumer<String> failures) {
            String what = method + " " + template + " [" + op.getOperationId() + "] body of 100 MiB announced";
            try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
                socket.setSoTimeout(10_000);
                String head = method + " " + url + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                        + TestTokens.bearer(caller.token()) + "\r\nContent-Type: " + contentType
                        + "\r\nContent-Length: 104857600\r\n\r\n";
                socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                java.io.BufferedReader answer = new java.io.BufferedReader(
                        new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                String status = String.valueOf(answer.readLine());
                String headerLine;
                String type = "";
                while ((headerLine = answer.readLine()) != null && !headerLine.isEmpty()) {
                    if (headerLine.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                        type = headerLine.substring("content-type:".length()).trim();
                    }
                }
                if (!status.matches("HTTP/1\\.1 4\\d\\d.*") || !type.startsWith(PROBLEM)) {
                    failures.accept(what + " -> " + status + " as '" + type + "'");
                }
            } catch (java.io.IOException e) {
                failures.accept(what + " -> no answer: " + e);
            }
        }

        private String url(Map<String, String> path, Map<String, String> query) {
            String url = template;
            for (Map.Entry<String, String> p : path.entrySet()) {
                url = url.replace("{" + p.getKey() + "}", encode(p.getValue()));
            }
            StringBuilder q = new StringBuilder();
            query.forEach((name, value) -> q.append(q.isEmpty() ? "?" : "&")
                    .append(encode(name))
                    .append('=')
                    .append(encode(value)));
            return url + q;
        }

        private String describe(Attempt a) {
            return method + " " + template + " [" + op.getOperationId() + "] " + a.what();
        }
    }

    private record Attempt(String what, String url, String contentType, byte[] body, String field) {}

    private static boolean names(Response response, String field) {
        try {
            JsonNode problem = JSON.readTree(response.asString());
            for (JsonNode v : problem.path("violations")) {
                if (v.path("field").asText().equals(field)) {
                    return true;
                }
            }
            return false;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A value the schema accepts: an example or a known value where there is one, else the simplest valid one. */
    private JsonNode valid(String name, Schema<?> schema) {
        if (knownValues().containsKey(name)) {
            return NODES.textNode(knownValues().get(name));
        }
        if (schema == null) {
            return NODES.textNode("x");
        }
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return JSON.valueToTree(schema.getEnum().get(0));
        }
        if (schema.getExample() != null) {
            return JSON.valueToTree(schema.getExample());
        }
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type(schema)) {
            case "integer" ->
                NODES.numberNode(
                        schema.getMinimum() != null
                                ? Math.max(1, schema.getMinimum().longValue())
                                : 1L);
            case "number" -> NODES.numberNode(1.5);
            case "boolean" -> NODES.booleanNode(true);
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                if (schema.getMinItems() != null && schema.getMinItems() > 0) {
                    array.add(valid("", schema.getItems()));
                }
                yield array;
            }
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (schema.getProperties() != null) {
                    schema.getProperties().forEach((n, s) -> object.set(n, valid(n, s)));
                }
                yield object;
            }
            default ->
                NODES.textNode(
                        switch (format) {
                            case "uuid" -> UUID.randomUUID().toString();
                            case "date-time" -> java.time.OffsetDateTime.now().toString();
                            case "date" -> java.time.LocalDate.now().toString();
                            case "email" -> "fuzz-" + UUID.randomUUID() + "@example.com";
                            default -> "Fuzz-1";
                        });
        };
    }

    /** Values of another JSON type than the schema's: each must be refused with a 400 naming the field. */
    private static List<JsonNode> wrongJson(Schema<?> schema) {
        return switch (type(schema)) {
            case "integer" -> List.of(NODES.textNode("12"), NODES.numberNode(1.5), NODES.booleanNode(true));
            case "number" -> List.of(NODES.textNode("1.5"), NODES.booleanNode(false));
            case "boolean" -> List.of(NODES.textNode("true"), NODES.numberNode(1));
            case "string" -> List.of(NODES.numberNode(12345), NODES.booleanNode(true), NODES.objectNode());
            case "array" -> List.of(NODES.textNode("x"), NODES.objectNode());
            case "object" -> List.of(NODES.arrayNode(), NODES.textNode("x"));
            default -> List.of();
        };
    }

    /** Parameter values that cannot be converted to the parameter's type: a 400 naming it. */
    private static List<String> wrongValues(Schema<?> schema) {
        String format = schema == null || schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type(schema)) {
            case "integer" -> List.of("abc", "1.5", "99999999999999999999");
            case "number" -> List.of("abc");
            case "boolean" -> List.of();
            default -> format.equals("uuid") ? List.of("not-a-uuid") : List.of();
        };
    }

    private static boolean isInteger(Schema<?> schema) {
        return "integer".equals(type(schema));
    }

    /** OpenAPI 3.0 writes one type, 3.1 a set that may include "null". */
    private static String type(Schema<?> schema) {
        if (schema == null) {
            return "";
        }
        if (schema.getType() != null) {
            return schema.getType();
        }
        if (schema.getTypes() != null) {
            return schema.getTypes().stream()
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse("");
        }
        if (schema.getProperties() != null) {
            return "object";
        }
        return "";
    }

    private static String replace(ObjectNode valid, String prefix, String name, JsonNode value) {
        ObjectNode copy = valid.deepCopy();
        ObjectNode target = prefix.isEmpty() ? copy : (ObjectNode) copy.get(prefix.substring(0, prefix.length() - 1));
        target.set(name, value);
        return copy.toString();
    }

    private static ObjectNode withField(ObjectNode object, String name, JsonNode value) {
        ObjectNode copy = object.deepCopy();
        copy.set(name, value);
        return copy;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }
}
