package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record BoxCurated(UUID boxId, UUID memberId, String cycle, List<Item> items, OffsetDateTime curatedAt) {

    public record Item(UUID productId, boolean sponsored) {
    }
}
