package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.List;

/**
 * One record of an import file: the product it describes (null when the record could not be read at all) and the
 * cells of it that could not be read (a blank allergen cell, a number that is not one).
 */
public record ImportRow(long line, ProductInput input, List<Violation> readProblems) {

    public static ImportRow of(long line, ProductInput input) {
        return new ImportRow(line, input, List.of());
    }

    public static ImportRow unreadable(long line, String field, String message) {
        return new ImportRow(line, null, List.of(new Violation(line, field, message)));
    }
}
