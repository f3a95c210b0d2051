package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * box-service changed what is in a member's open box, not at the member's asking: an item was recalled, put under
 * review or found no longer safe at packing, and was replaced by the next best safe one or dropped. {@code items} are the
 * whole contents after the change (as {@link BoxCurated} gives them), {@code revision} counts such changes of the box
 * (1 for the first), {@code reason} says why in the member's words. member-service mails a new preview of the contents,
 * and charges the box only if the preview of the revision that shipped ({@link BoxShipped#contentsRevision()}) was
 * mailed in time.
 */
public record BoxContentsChanged(
        UUID boxId,
        UUID memberId,
        String cycle,
        int revision,
        List<BoxCurated.Item> items,
        String reason,
        OffsetDateTime changedAt) {}
