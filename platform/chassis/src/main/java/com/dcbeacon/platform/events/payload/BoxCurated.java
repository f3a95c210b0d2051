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

    /**
     * One item of the box. {@code name}, {@code brandName} and {@code reason} (why curation chose it, in the member's
     * words) let a consumer tell the member what is in the box without a copy of the catalogue; null on events written
     * before.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID productId, boolean sponsored, String name, String brandName, String reason) {

        /** An item as events written before names and reasons carried it. */
        public Item(UUID productId, boolean sponsored) {
            this(productId, sponsored, null, null, null);
        }
    }
}
