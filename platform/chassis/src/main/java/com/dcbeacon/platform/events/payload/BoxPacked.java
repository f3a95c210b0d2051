package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

public record BoxPacked(UUID boxId, UUID memberId, List<UUID> productIds, OffsetDateTime packedAt) {}
