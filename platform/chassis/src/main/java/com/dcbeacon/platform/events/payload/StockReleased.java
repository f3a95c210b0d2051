package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * {@code units} of a product allocated to a box of {@code cycle} ({@code YYYY-MM}) came back: swapped out, replaced
 * at packing, on a recall or review, or the box was withdrawn. brand-service raises the stock once per release.
 */
public record StockReleased(
        UUID releaseId, UUID productId, String cycle, int units, String reason, OffsetDateTime releasedAt) {}
