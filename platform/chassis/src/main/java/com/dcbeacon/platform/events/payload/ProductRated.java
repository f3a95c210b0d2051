package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record ProductRated(
        UUID ratingId, UUID memberId, UUID boxId, UUID productId, int stars, OffsetDateTime ratedAt) {}
