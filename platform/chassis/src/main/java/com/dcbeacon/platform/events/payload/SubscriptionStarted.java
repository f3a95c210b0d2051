package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** {@code preferencesVersion}: the member's preferences version when the change was written (0 before versions existed). */
public record SubscriptionStarted(
        UUID memberId,
        UUID subscriptionId,
        String planId,
        int itemsPerBox,
        long priceCents,
        String currency,
        OffsetDateTime startedAt,
        long preferencesVersion) {}
