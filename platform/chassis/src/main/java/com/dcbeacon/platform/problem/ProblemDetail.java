package com.dcbeacon.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** RFC 9457 problem details, with field-level violations for invalid input. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemDetail(
        String type, String title, int status, String detail, String instance, List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** {@code line} is set for rows of an uploaded file (1 = the first line of the file). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(Long line, String field, String message) {

        public Violation(String field, String message) {
            this(null, field, message);
        }
    }
}
