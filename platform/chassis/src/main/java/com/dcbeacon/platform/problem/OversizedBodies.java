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
 * Answers a body announced larger than {@code quarkus.http.limits.max-body-size} with a problem+json 413, before a
 * byte of it is read. Quarkus checks the same limit one step later (route order -2) but answers with an empty body;
 * bodies sent without a length are still cut off by Quarkus REST and answered by {@link ProblemMappers}.
 */
@ApplicationScoped
public class OversizedBodies {

    /** Runs just before Quarkus' own Content-Length check. */
    static final int ORDER = -3;

    private final Optional<MemorySize> limit;
    private final ObjectMapper mapper;

    public OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> limit,
            ObjectMapper mapper) {
        this.limit = limit;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        limit.ifPresent(max -> router.route().order(ORDER).handler(context -> refuseIfLarger(context, max.asLongValue())));
    }

    private void refuseIfLarger(RoutingContext context, long max) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
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
        ProblemDetail problem = new ProblemDetail("about:blank", "Content Too Large", 413,
                "the body is " + announced + " bytes; this endpoint accepts at most " + max + " bytes",
                context.request().path(), List.of());
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "";
        }
        // The rest of the body is not read: close the connection rather than drain it.
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, ProblemDetail.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> context.request().connection().close())
                .end(body);
    }
}
