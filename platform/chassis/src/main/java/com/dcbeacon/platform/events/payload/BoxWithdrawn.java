package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A box not yet shipped was withdrawn because its cycle ({@code YYYY-MM}) is no longer wanted; it is never shipped or
 * charged. {@code reason}: CYCLE_SKIPPED, PAUSED or CANCELLED.
 */
public record BoxWithdrawn(UUID boxId, UUID memberId, String cycle, String reason, OffsetDateTime withdrawnAt) {}
