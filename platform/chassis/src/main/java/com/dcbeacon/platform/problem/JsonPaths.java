package com.dcbeacon.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Collectors;

/** The JSON path a client sent ("shippingAddress.country", "allergens[0]") for a value Jackson could not read. */
public final class JsonPaths {

    private JsonPaths() {}

    /** The path of the failing value, or "" when the body as a whole is at fault. */
    public static String of(JsonProcessingException e) {
        // Parser-level failures (a duplicate key, a number too large for its type) carry the parser's position,
        // down to the offending key, even when databind wrapped them with the path of the enclosing object.
        Throwable cause = e.getCause() instanceof StreamReadException ? e.getCause() : e;
        if (cause instanceof StreamReadException read && read.getProcessor() instanceof JsonParser parser) {
            return of(parser.getParsingContext());
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        return "";
    }

    /** A key that appears twice in one object (refused under STRICT_DUPLICATE_DETECTION). */
    public static boolean isDuplicateKey(JsonProcessingException e) {
        Throwable cause = e.getCause() instanceof StreamReadException ? e.getCause() : e;
        return cause instanceof StreamReadException read
                && read.getOriginalMessage() != null
                && read.getOriginalMessage().startsWith("Duplicate field");
    }

    private static String of(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path;
    }
}
