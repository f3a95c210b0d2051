package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Ops cleared the review of a product; it may be curated again. */
public record ProductReviewCleared(UUID productId, UUID brandId, UUID reviewId, OffsetDateTime clearedAt) {}
