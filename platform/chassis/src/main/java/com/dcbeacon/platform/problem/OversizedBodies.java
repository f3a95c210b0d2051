package com.dcbeacon.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Answers a body larger than {@code quarkus.http.limits.max-body-size} with a problem+json 413 (RFC 9457). A body
 * announced larger (Content-Length) is refused before a byte of it is read; a body sent in chunks, without a length, is
 * read here up to the limit and refused as soon as it passes it. Quarkus checks the same limit one step later (route
 * order -2), and Quarkus REST cuts off a chunked body itself, but both answer with an empty body. A chunked body within
 * the limit is handed on already read (Quarkus REST takes a body the routing context holds).
 */
@ApplicationScoped
public class OversizedBodies {

    /** Runs just before Quarkus' own Content-Length check. */
    static final int ORDER = -3;

    private final Optional<MemorySize> limit;
    private final ObjectMapper mapper;

    public OversizedBodies(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper mapper) {
        this.limit = limit;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        limit.ifPresent(
                max -> router.route().order(ORDER).handler(context -> refuseIfLarger(context, max.asLongValue())));
    }

    private void refuseIfLarger(RoutingContext context, long max) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null && "chunked".equalsIgnoreCase(context.request().getHeader(HttpHeaders.TRANSFER_ENCODING))) {
            readChunked(context, max);
            return;
        }
        long announced;
        try {
            announced = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = -1; // left to the HTTP layer, which refuses a malformed length itself
        }
        if (announced <= max) {
            context.next();
            return;
        }
        refuse(context, "the body is " + announced + " bytes; this endpoint accepts at most " + max + " bytes");
    }

    private void readChunked(RoutingContext context, long max) {
        io.vertx.core.buffer.Buffer body = io.vertx.core.buffer.Buffer.buffer();
        boolean[] refused = {false};
        context.request().handler(chunk -> {
            if (refused[0]) {
                return;
            }
            body.appendBuffer(chunk);
            if (body.length() > max) {
                refused[0] = true;
                refuse(
                        context,
                        "the body is more than " + max + " bytes; this endpoint accepts at most " + max + " bytes");
            }
        });
        context.request().endHandler(end -> {
            if (!refused[0]) {
                context.setBody(body);
                context.next();
            }
        });
        context.request().resume();
    }

    private void refuse(RoutingContext context, String detail) {
        ProblemDetail problem = new ProblemDetail(
                "about:blank",
                "Content Too Large",
                413,
                detail,
                context.request().path(),
                List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "";
        }
        // The rest of the body is not read: close the connection rather than drain it.
        context.response()
                .setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> context.request().connection().close())
                .end(body);
    }
}
