package com.dcbeacon.member.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The clock every time-dependent rule reads (cycles, the end of a pause, reminders): UTC, like the cycles. Injected
 * rather than read from the system, so a test can move time instead of waiting for it.
 */
@ApplicationScoped
public class Clocks {

    @Produces
    @Singleton
    Clock utc() {
        return Clock.systemUTC();
    }
}
