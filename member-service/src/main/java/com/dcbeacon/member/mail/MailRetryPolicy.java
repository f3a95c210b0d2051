package com.dcbeacon.member.mail;

import java.time.Duration;

/**
 * When a mail that failed transiently is tried again: after the initial backoff, doubled with every failed attempt, never
 * longer than the maximum; after the last attempt the mail is given up.
 */
public record MailRetryPolicy(Duration initialBackoff, Duration maxBackoff, int maxAttempts) {

    public MailRetryPolicy {
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("backoff must be positive and its maximum at least its start");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("at least one attempt");
        }
    }

    /** The wait after the given number of failed attempts (1 after the first). */
    public Duration backoffAfter(int failedAttempts) {
        Duration wait = initialBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }

    /** True once this many attempts failed: the mail is not tried again. */
    public boolean givesUpAfter(int failedAttempts) {
        return failedAttempts >= maxAttempts;
    }
}
