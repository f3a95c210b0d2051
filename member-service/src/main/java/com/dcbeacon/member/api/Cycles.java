package com.dcbeacon.member.api;

import com.dcbeacon.platform.events.Cycle;
import com.dcbeacon.platform.problem.ProblemException;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Cycles ({@link Cycle}) as members send them: members may plan up to two years ahead. */
final class Cycles {

    static final String PATTERN = Cycle.PATTERN;
    static final String MESSAGE = Cycle.MESSAGE + ", e.g. 2026-12";
    private static final int MAX_MONTHS_AHEAD = 24;

    private Cycles() {}

    /** Parses a cycle already checked against {@link #PATTERN}; refuses one too far ahead. */
    static YearMonth parse(String field, String value) {
        YearMonth cycle = Cycle.parse(field, value);
        if (cycle != null && cycle.isAfter(YearMonth.now(ZoneOffset.UTC).plusMonths(MAX_MONTHS_AHEAD))) {
            throw ProblemException.invalidField(field, "must be at most " + MAX_MONTHS_AHEAD + " months ahead");
        }
        return cycle;
    }
}
