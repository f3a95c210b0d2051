package com.dcbeacon.feedback;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * The clock of this module's tests: the system's UTC clock, ahead by whatever a test advanced it ({@link #advance});
 * a test that advances it goes {@link #back} afterwards, so the others see real time.
 */
@Alternative
@Priority(1)
@Singleton
public class AdvancingClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    public void advance(Duration by) {
        ahead = ahead.plus(by);
    }

    public void back() {
        ahead = Duration.ZERO;
    }

    @Override
    public Instant instant() {
        return now().instant();
    }

    @Override
    public ZoneId getZone() {
        return now().getZone();
    }

    /** This clock in another zone: the same instants, only read in {@code zone}. */
    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(Clock.system(zone), ahead);
    }

    private Clock now() {
        return Clock.offset(Clock.systemUTC(), ahead);
    }
}
