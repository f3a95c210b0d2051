package com.dcbeacon.platform.events.payload;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Everything other services replicate of a member, as member-service holds it now: published when ops re-announce
 * members so that a lost or corrupted replica can be rebuilt after the topics' retention removed the events it was
 * built from. A consumer overwrites its replica with it. {@code preferencesVersion}: the member's preferences version
 * now, which the subscription requires (as on every subscription event). {@code subscription}: the open one, else the
 * most recently cancelled one, else null (never subscribed).
 */
public record MemberStateAnnounced(
        UUID memberId,
        String country,
        OffsetDateTime registeredAt,
        boolean marketingEmails,
        boolean surveys,
        long preferencesVersion,
        Subscription subscription,
        OffsetDateTime announcedAt) {

    /**
     * {@code status}: ACTIVE, PAUSED or CANCELLED; {@code priceCents}: what the member pays today; {@code
     * priceHeldUntil}: as in {@link SubscriptionStarted}, null when no price is held (any more).
     */
    public record Subscription(
            UUID subscriptionId,
            String status,
            String planId,
            int itemsPerBox,
            long priceCents,
            String currency,
            String pausedUntil,
            List<String> skippedCycles,
            LocalDate priceHeldUntil) {}
}
