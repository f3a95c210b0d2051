package com.dcbeacon.platform.problem;

import java.util.List;

/**
 * A business rule refused the request. Thrown by domain code; answered as problem+json with the
 * given status, and with the offending field when there is one.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<ProblemDetail.Violation> violations;

    public ProblemException(int status, String title, String detail) {
        this(status, title, detail, List.of());
    }

    public ProblemException(int status, String title, String detail, List<ProblemDetail.Violation> violations) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = violations;
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(
                400, "Invalid request", field + ": " + message, List.of(new ProblemDetail.Violation(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<ProblemDetail.Violation> violations() {
        return violations;
    }
}
