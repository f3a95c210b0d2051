package com.dcbeacon.brand.importing;

import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import java.util.List;

/** What an import did; {@code rejected} lists up to 1000 problems with line and field, {@code rejectedRows} counts all. */
public record ImportResult(
        boolean committed, int created, int updated, int unchanged, int rejectedRows, List<Violation> rejected) {}
