package com.dcbeacon.feedback.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;

/** The clock the survey rules read (the 90-day cap): UTC, injected so a test can advance time instead of waiting. */
@ApplicationScoped
public class Clocks {

    /** The system's clock in UTC; immutable, so one for every injection point. */
    @Produces
    static final Clock UTC = Clock.systemUTC();
}
