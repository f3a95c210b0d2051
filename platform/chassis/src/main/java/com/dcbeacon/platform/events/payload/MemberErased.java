package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record MemberErased(UUID memberId, UUID erasureId, OffsetDateTime completedAt) {}
