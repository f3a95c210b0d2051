package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Money back to a member. {@code issueType} says what the credit makes good on when it answers a reported issue of the
 * box (DAMAGED, MISSING_ITEMS, WRONG_ITEMS, ALLERGEN_CONCERN, RECALL); null for other credits and on events written
 * before it existed, and then left out of the JSON ({@code boxId} stays, null for a credit without a box).
 */
public record CreditGranted(
        UUID creditId,
        UUID memberId,
        UUID boxId,
        long amountCents,
        String reason,
        OffsetDateTime grantedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String issueType) {

    /** A credit that names no issue type. */
    public CreditGranted(
            UUID creditId, UUID memberId, UUID boxId, long amountCents, String reason, OffsetDateTime grantedAt) {
        this(creditId, memberId, boxId, amountCents, reason, grantedAt, null);
    }
}
