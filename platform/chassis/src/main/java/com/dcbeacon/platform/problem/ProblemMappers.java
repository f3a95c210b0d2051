package com.dcbeacon.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ValidationException;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every error a REST call can end in to an RFC 9457 {@code application/problem+json} body:
 * a 4xx names what was wrong and where, a 5xx never carries a stack trace.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final ObjectMapper mapper;

    public ProblemMappers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @ServerExceptionMapper
    public Response business(ProblemException e, UriInfo uri) {
        return problem(e.status(), e.title(), e.getMessage(), uri, e.violations());
    }

    @ServerExceptionMapper
    public Response constraintViolations(ConstraintViolationException e, UriInfo uri) {
        List<ProblemDetail.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new ProblemDetail.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(ProblemDetail.Violation::field))
                .toList();
        String detail =
                violations.stream().map(v -> v.field() + ": " + v.message()).collect(Collectors.joining("; "));
        return problem(400, "Invalid request", detail, uri, violations);
    }

    @ServerExceptionMapper
    public Response validation(ValidationException e, UriInfo uri) {
        return problem(400, "Invalid request", e.getMessage(), uri, List.of());
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        return problem(
                400,
                "Invalid request",
                "unknown field " + field,
                uri,
                List.of(new ProblemDetail.Violation(field, "unknown field")));
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return fieldProblem(JsonPaths.of(e), expected(e), uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        if (JsonPaths.isDuplicateKey(e)) {
            return fieldProblem(field, "appears more than once", uri);
        }
        return problem(400, "Malformed JSON", "the body is not valid JSON: " + e.getOriginalMessage(), uri, List.of());
    }

    /** Any other value Jackson could not read (a number too large for its type, say), named by its JSON path. */
    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        String field = JsonPaths.of(e);
        if (JsonPaths.isDuplicateKey(e)) {
            return fieldProblem(field, "appears more than once", uri);
        }
        if (e.getCause() instanceof InputCoercionException || e instanceof InputCoercionException) {
            return fieldProblem(field, "is out of range for a number", uri);
        }
        if (!field.isEmpty()) {
            return fieldProblem(field, "has the wrong type or format", uri);
        }
        return problem(400, "Invalid request", "the body could not be read: " + e.getOriginalMessage(), uri, List.of());
    }

    /** Two requests changed the same object at once; the loser is told to retry, nothing is lost. */
    @ServerExceptionMapper({
        jakarta.persistence.OptimisticLockException.class,
        org.hibernate.exception.ConstraintViolationException.class
    })
    public Response concurrentChange(RuntimeException e, UriInfo uri) {
        return problem(
                409,
                "Conflict",
                "this was changed by another request at the same time; reload and retry",
                uri,
                List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return problem(401, "Unauthorized", "a valid bearer token is required", uri, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return problem(403, "Forbidden", "your token does not grant access to this resource", uri, List.of());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, ResourceInfo resource) {
        // Quarkus REST wraps some body-reading failures in a 400; answer those as the JSON error they are.
        if (e.getCause() instanceof UnrecognizedPropertyException cause) {
            return unknownField(cause, uri);
        }
        if (e.getCause() instanceof MismatchedInputException cause) {
            return mismatchedInput(cause, uri);
        }
        if (e.getCause() instanceof JsonParseException cause) {
            return malformedJson(cause, uri);
        }
        if (e.getCause() instanceof JsonProcessingException cause) {
            return otherJson(cause, uri);
        }
        // Quarkus REST answers a path or query parameter it cannot convert with a 404 wrapping the conversion
        // failure (as the JAX-RS spec demands); an unknown resource is a 404 without a cause. The client sent a
        // bad value, not a bad address: 400, naming the parameter.
        if ((e instanceof NotFoundException || e instanceof BadRequestException)
                && e.getCause() != null
                && !(e.getCause() instanceof WebApplicationException)) {
            String parameter = RequestParameters.unconvertible(resource, uri).orElse("");
            String message = "has the wrong type or format";
            return problem(
                    400,
                    "Invalid request",
                    (parameter.isEmpty() ? "a parameter" : parameter) + " " + message,
                    uri,
                    parameter.isEmpty() ? List.of() : List.of(new ProblemDetail.Violation(parameter, message)));
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
            return problem(status, "Internal Server Error", "the request could not be completed", uri, List.of());
        }
        Response.StatusType info = e.getResponse().getStatusInfo();
        return problem(status, info.getReasonPhrase(), e.getMessage(), uri, List.of());
    }

    /**
     * Anything else is a 500, except a failure that goes away by itself (a deadlock between two requests, a lock
     * timeout, the database failing over; see TransientFailures): the transaction rolled back, nothing changed, and the
     * client is told to retry (503 with Retry-After, RFC 9110 section 10.2.3).
     */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (com.dcbeacon.platform.messaging.TransientFailures.isTransient(e)) {
            LOG.warnf("Request to %s failed transiently, client told to retry: %s", uri.getPath(), e.toString());
            Response problem = problem(
                    503,
                    "Service Unavailable",
                    "the database was briefly busy or unavailable; nothing was changed, retry in a moment",
                    uri,
                    List.of());
            return Response.fromResponse(problem).header("Retry-After", "1").build();
        }
        LOG.error("Unexpected error", e);
        return problem(
                500, "Internal Server Error", "the request could not be completed; it has been logged", uri, List.of());
    }

    private Response fieldProblem(String field, String message, UriInfo uri) {
        return problem(
                400,
                "Invalid request",
                (field.isEmpty() ? "body" : field) + " " + message,
                uri,
                field.isEmpty() ? List.of() : List.of(new ProblemDetail.Violation(field, message)));
    }

    /** What the client should have sent, from the Java type Jackson tried to read. */
    private static String expected(MismatchedInputException e) {
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidNullException) {
            return "must not be null";
        }
        if (e.getOriginalMessage() != null && e.getOriginalMessage().contains(NulCharacters.MESSAGE)) {
            return NulCharacters.MESSAGE;
        }
        Class<?> type = e.getTargetType();
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == java.math.BigInteger.class) {
            return "must be a whole number";
        }
        if (type == double.class
                || type == float.class
                || type == Double.class
                || type == Float.class
                || type == java.math.BigDecimal.class) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == String.class) {
            return "must be a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(Object::toString)
                            .collect(Collectors.joining(", "));
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        return "has the wrong type or format";
    }

    private Response problem(
            int status, String title, String detail, UriInfo uri, List<ProblemDetail.Violation> violations) {
        ProblemDetail body =
                new ProblemDetail("about:blank", title, status, detail, uri == null ? null : uri.getPath(), violations);
        try {
            return Response.status(status)
                    .type(ProblemDetail.MEDIA_TYPE)
                    .entity(mapper.writeValueAsString(body))
                    .build();
        } catch (JsonProcessingException e) {
            return Response.status(status).build();
        }
    }

    /** "register.request.shippingAddress.country" → "shippingAddress.country": the JSON path the client sent. */
    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false)
                .map(n -> n.getName() + (n.getIndex() != null ? "[" + n.getIndex() + "]" : ""))
                .toList();
        int skip = Math.min(2, Math.max(0, nodes.size() - 1));
        return String.join(".", nodes.subList(skip, nodes.size()));
    }
}
