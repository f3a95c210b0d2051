package com.dcbeacon.portal.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A service's refusal as its RFC 9457 problem+json says it (docs/api-conventions.md): a message per field it names in
 * {@code violations}, and its {@code detail} (else {@code title}) for the page's summary when it names no field. A page shows each message
 * next to the field of that name; nothing of the answer beyond these texts reaches the browser.
 */
public record Problem(int status, String summary, Map<String, String> fields) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static Problem none() {
        return new Problem(0, null, Map.of());
    }

    /** A problem the portal finds itself before asking a service, e.g. a required field left empty. */
    public static Problem ofField(String field, String message) {
        return new Problem(400, "Please check the form.", Map.of(field, message));
    }

    public static Problem of(WebApplicationException refused) {
        int status = refused.getResponse().getStatus();
        String body;
        try {
            body = refused.getResponse().readEntity(String.class);
        } catch (RuntimeException e) {
            body = null;
        }
        return parse(status, body);
    }

    static Problem parse(int status, String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        String summary = "The request was refused (" + status + ").";
        if (body != null && !body.isBlank()) {
            try {
                JsonNode problem = JSON.readTree(body);
                String detail = problem.path("detail").asText("");
                summary = detail.isBlank() ? problem.path("title").asText(summary) : detail;
                for (JsonNode violation : problem.path("violations")) {
                    String field = violation.path("field").asText("");
                    if (!field.isBlank()) {
                        fields.merge(field, violation.path("message").asText(""), (a, b) -> a + "; " + b);
                    }
                }
            } catch (IOException e) {
                // not problem+json (e.g. a proxy's page): the status alone is shown
            }
        }
        if (!fields.isEmpty()) {
            summary = "Please check the fields marked below.";
        }
        return new Problem(status, summary, fields);
    }

    public boolean present() {
        return status != 0;
    }

    /** The message for one field, or null; also matches a field's elements (allergens[0] for allergens). */
    public String field(String name) {
        String exact = fields.get(name);
        if (exact != null) {
            return exact;
        }
        return fields.entrySet().stream()
                .filter(e -> e.getKey().startsWith(name + "[") || e.getKey().startsWith(name + "."))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
