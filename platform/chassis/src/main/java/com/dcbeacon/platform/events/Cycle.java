package com.dcbeacon.platform.events;

import com.dcbeacon.platform.problem.ProblemException;
import java.time.YearMonth;

/**
 * A cycle is a calendar month written {@code YYYY-MM} (e.g. {@code 2026-12}): the month a box is curated, shipped,
 * skipped or paused until. The one definition of its form for every service's API and every event schema (a chassis
 * test holds each schema's cycle fields to {@link #PATTERN}).
 */
public final class Cycle {

    /** The written form, for {@code @Pattern} on request fields and for the event schemas. */
    public static final String PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2])$";
    /** The violation message for a value that does not match {@link #PATTERN}. */
    public static final String MESSAGE = "must be a cycle written YYYY-MM";

    private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

    private Cycle() {}

    /**
     * The cycle written in {@code value}, or null when {@code value} is null (an optional field left out).
     *
     * @throws ProblemException 400 naming {@code field} with {@link #MESSAGE} when the value is not a cycle
     */
    public static YearMonth parse(String field, String value) {
        if (value == null) {
            return null;
        }
        if (!COMPILED.matcher(value).matches()) {
            throw ProblemException.invalidField(field, MESSAGE);
        }
        return YearMonth.parse(value);
    }

    /**
     * The cycle written in {@code value} as {@link #parse} reads it, refused when it lies more than
     * {@code maxMonthsAhead} months after {@code current} (the caller's clock, a UTC month).
     *
     * @throws ProblemException 400 naming {@code field}: not a cycle, or "must be at most N months ahead"
     */
    public static YearMonth parseWithin(String field, String value, YearMonth current, int maxMonthsAhead) {
        YearMonth cycle = parse(field, value);
        if (cycle != null && cycle.isAfter(current.plusMonths(maxMonthsAhead))) {
            throw ProblemException.invalidField(field, "must be at most " + maxMonthsAhead + " months ahead");
        }
        return cycle;
    }
}
