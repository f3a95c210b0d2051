package com.dcbeacon.platform.events.payload;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed).
 * {@code priceHeldUntil}: as in {@link SubscriptionStarted}, for the new plan; null when no price is held.
 */
public record PlanChanged(
        UUID memberId,
        UUID subscriptionId,
        String planId,
        int itemsPerBox,
        long priceCents,
        OffsetDateTime changedAt,
        long preferencesVersion,
        LocalDate priceHeldUntil) {}
