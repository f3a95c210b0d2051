package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record MemberErasureConfirmed(UUID erasureId, UUID memberId, String service, OffsetDateTime erasedAt) {}
