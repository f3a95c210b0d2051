package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed).
 * {@code pausedUntil}: set when the pause ran to its end and resumed by itself: its last cycle, which still gets no
 * box; null when the member resumed before the end (every cycle from now on is wanted) or in events from before it.
 */
public record SubscriptionResumed(
        UUID memberId, UUID subscriptionId, OffsetDateTime resumedAt, long preferencesVersion, String pausedUntil) {

    /** A resume by the member: no cycle stays paused. */
    public SubscriptionResumed(UUID memberId, UUID subscriptionId, OffsetDateTime resumedAt, long preferencesVersion) {
        this(memberId, subscriptionId, resumedAt, preferencesVersion, null);
    }
}
