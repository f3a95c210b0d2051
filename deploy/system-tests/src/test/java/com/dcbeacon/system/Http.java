package com.dcbeacon.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** JSON over HTTP as a user's client speaks it, with a bearer token; a failed connection is status 0, not an exception. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    /** An answer; {@code status} 0 means no answer at all (refused, reset or timed out). */
    record Answer(int status, JsonNode body, String raw) {

        boolean acknowledged() {
            return status >= 200 && status < 300;
        }

        String text(String field) {
            return body.path(field).asText();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private Http() {}

    static Answer get(String url, String token) {
        return send("GET", url, token, null, null);
    }

    static Answer post(String url, String token, Object body) {
        return send("POST", url, token, "application/json", body == null ? null : json(body));
    }

    /** A POST that moves money, with its {@code Idempotency-Key}: sent again with the same key, it applies once. */
    static Answer post(String url, String token, Object body, String idempotencyKey) {
        return send("POST", url, token, "application/json", json(body), idempotencyKey);
    }

    static Answer put(String url, String token, Object body) {
        return send("PUT", url, token, "application/json", json(body));
    }

    static Answer delete(String url, String token) {
        return send("DELETE", url, token, null, null);
    }

    static Answer send(String method, String url, String token, String contentType, String body) {
        return send(method, url, token, contentType, body, null);
    }

    private static Answer send(
            String method, String url, String token, String contentType, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        try {
            HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            return new Answer(0, MissingNode.getInstance(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
