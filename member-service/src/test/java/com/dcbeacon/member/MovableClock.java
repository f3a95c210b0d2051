package com.dcbeacon.member;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock of this module's tests: the system's UTC clock until a test moves it ({@link #set}), and again after
 * {@link #reset}. Tests that move it reset it afterwards, so the others see real time.
 */
@Alternative
@Priority(1)
@Singleton
public class MovableClock extends Clock {

    private volatile Instant fixed;

    /** From now on the time is {@code instant}, until moved again or reset. */
    public void set(Instant instant) {
        fixed = instant;
    }

    public void reset() {
        fixed = null;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the platform's clock is UTC");
    }

    @Override
    public Instant instant() {
        Instant at = fixed;
        return at != null ? at : Instant.now();
    }
}
