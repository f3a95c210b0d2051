package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.List;

/** One record of an import file: the product it describes, or why it could not even be read. */
public record ImportRow(long line, ProductInput input, List<Violation> readProblems) {

    public static ImportRow of(long line, ProductInput input) {
        return new ImportRow(line, input, List.of());
    }

    public static ImportRow unreadable(long line, String field, String message) {
        return new ImportRow(line, null, List.of(new Violation(line, field, message)));
    }
}
