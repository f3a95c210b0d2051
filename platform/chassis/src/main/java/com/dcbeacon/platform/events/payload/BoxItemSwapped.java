package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record BoxItemSwapped(
        UUID boxId, UUID memberId, UUID removedProductId, UUID addedProductId, OffsetDateTime swappedAt) {}
