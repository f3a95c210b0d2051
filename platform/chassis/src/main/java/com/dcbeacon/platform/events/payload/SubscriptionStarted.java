package com.dcbeacon.platform.events.payload;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed).
 * {@code priceHeldUntil}: the member signed up while a price change of the plan was announced less than 30 days ahead,
 * and pays {@code priceCents} for every box of a cycle starting before this day, whatever the plan's price; null when
 * no price is held (the plan's announced prices apply from their effective dates).
 */
public record SubscriptionStarted(
        UUID memberId,
        UUID subscriptionId,
        String planId,
        int itemsPerBox,
        long priceCents,
        String currency,
        OffsetDateTime startedAt,
        long preferencesVersion,
        LocalDate priceHeldUntil) {}
