package com.dcbeacon.member.api;

import com.dcbeacon.platform.events.Cycle;
import java.time.YearMonth;

/** Cycles ({@link Cycle}) as members send them: members may plan up to two years ahead. */
final class Cycles {

    static final String PATTERN = Cycle.PATTERN;
    static final String MESSAGE = Cycle.MESSAGE + ", e.g. 2026-12";
    private static final int MAX_MONTHS_AHEAD = 24;

    private Cycles() {}

    /**
     * Parses a cycle already checked against {@link #PATTERN}; refuses one too far ahead of {@code currentCycle} (read
     * from the same injected clock as the subscription's rules).
     */
    static YearMonth parse(String field, String value, YearMonth currentCycle) {
        return Cycle.parseWithin(field, value, currentCycle, MAX_MONTHS_AHEAD);
    }
}
