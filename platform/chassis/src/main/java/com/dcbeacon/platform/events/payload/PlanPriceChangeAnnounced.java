package com.dcbeacon.platform.events.payload;

import java.time.LocalDate;
import java.time.OffsetDateTime;

public record PlanPriceChangeAnnounced(
        String planId,
        long oldPriceCents,
        long newPriceCents,
        String currency,
        LocalDate effectiveOn,
        OffsetDateTime announcedAt) {}
