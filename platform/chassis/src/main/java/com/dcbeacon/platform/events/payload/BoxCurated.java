package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A member's box was curated at {@code priceCents} ({@code currency}) for {@code planId}; null on events written before. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BoxCurated(
        UUID boxId,
        UUID memberId,
        String cycle,
        List<Item> items,
        OffsetDateTime curatedAt,
        String planId,
        Long priceCents,
        String currency) {

    public record Item(UUID productId, boolean sponsored) {}
}
