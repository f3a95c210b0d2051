package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A product is under review after a member's allergen concern: out of every open box and out of curation until ops
 * clear it. Carries no member data: brands never learn who reported.
 */
public record ProductReviewOpened(
        UUID productId, UUID brandId, UUID reviewId, String reason, OffsetDateTime openedAt) {}
