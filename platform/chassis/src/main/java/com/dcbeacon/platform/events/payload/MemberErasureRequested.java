package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record MemberErasureRequested(UUID memberId, UUID erasureId, OffsetDateTime requestedAt) {}
