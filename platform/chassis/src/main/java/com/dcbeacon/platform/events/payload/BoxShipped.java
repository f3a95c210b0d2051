package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A box left the warehouse; member-service charges {@code priceCents} ({@code currency}), the price the box was curated
 * for, once, if its cycle was still wanted by subscription {@code subscriptionId}, and only if the preview of the box's
 * contents as they shipped, revision {@code contentsRevision} (0: as curated; each change box-service made since, not the
 * member, adds one, see {@link BoxContentsChanged}), was mailed in time. The last five are null on events written before
 * they existed (a missing revision reads as 0).
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
        String currency,
        Integer contentsRevision) {

    /** A shipment as written before box-service counted its changes of a box's contents. */
    public BoxShipped(
            UUID boxId,
            UUID memberId,
            String cycle,
            OffsetDateTime shippedAt,
            UUID subscriptionId,
            String planId,
            Long priceCents,
            String currency) {
        this(boxId, memberId, cycle, shippedAt, subscriptionId, planId, priceCents, currency, null);
    }
}
