package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record BoxDelivered(UUID boxId, UUID memberId, String cycle, List<Item> items, OffsetDateTime deliveredAt) {

    public record Item(UUID productId, UUID brandId, String sku, String name) {}
}
