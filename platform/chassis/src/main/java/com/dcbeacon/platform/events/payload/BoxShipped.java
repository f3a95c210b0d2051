package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A box left the warehouse; member-service charges {@code priceCents} ({@code currency}), the price the box was curated
 * for, once, if its cycle was still wanted by subscription {@code subscriptionId}, and only if the preview of the box's
 * contents as they shipped, revision {@code contentsRevision} (0: as curated; each change box-service made since, not the
 * member, adds one, see {@link BoxContentsChanged}), was mailed in time. The last five are null on events written before
 * they existed (a missing revision reads as 0).
 *
 * <p>{@code addOns}: the member's one-time add-ons that shipped with the box, each with its units and unit price in the
 * box's currency; charged with the box in the same decision (a box on us takes its add-ons with it). Null or absent on
 * events written before add-ons existed and on boxes without any: read as none.
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
        Integer contentsRevision,
        List<AddOn> addOns) {

    /** Extra units of a product the member added to this box: {@code quantity} × {@code unitPriceCents}. */
    public record AddOn(UUID productId, int quantity, long unitPriceCents) {

        public long cents() {
            return quantity * unitPriceCents;
        }
    }

    /** What the add-ons cost together, in cents; 0 without add-ons. */
    public long addOnsCents() {
        return addOns == null ? 0 : addOns.stream().mapToLong(AddOn::cents).sum();
    }

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
        this(boxId, memberId, cycle, shippedAt, subscriptionId, planId, priceCents, currency, null, null);
    }
}
