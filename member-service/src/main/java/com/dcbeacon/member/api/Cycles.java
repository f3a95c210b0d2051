package com.dcbeacon.member.api;

import com.dcbeacon.platform.problem.ProblemException;
import java.time.YearMonth;
import java.time.ZoneOffset;

/** Cycles are calendar months written {@code YYYY-MM}; members may plan up to two years ahead. */
final class Cycles {

    static final String PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    static final String MESSAGE = "must be a cycle written YYYY-MM, e.g. 2026-12";
    private static final int MAX_MONTHS_AHEAD = 24;

    private Cycles() {
    }

    /** Parses a cycle already checked against {@link #PATTERN}; refuses one too far ahead. */
    static YearMonth parse(String field, String value) {
        if (value == null) {
            return null;
        }
        YearMonth cycle = YearMonth.parse(value);
        if (cycle.isAfter(YearMonth.now(ZoneOffset.UTC).plusMonths(MAX_MONTHS_AHEAD))) {
            throw ProblemException.invalidField(field, "must be at most " + MAX_MONTHS_AHEAD + " months ahead");
        }
        return cycle;
    }
}
