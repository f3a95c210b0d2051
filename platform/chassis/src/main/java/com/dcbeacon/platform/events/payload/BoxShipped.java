package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A box left the warehouse; member-service charges {@code priceCents} ({@code currency}), the price the box was curated
 * for, once, if its cycle was still wanted by subscription {@code subscriptionId}. The last four are null on events
 * written before they existed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BoxShipped(
        UUID boxId,
        UUID memberId,
        String cycle,
        OffsetDateTime shippedAt,
        UUID subscriptionId,
        String planId,
        Long priceCents,
        String currency) {}
