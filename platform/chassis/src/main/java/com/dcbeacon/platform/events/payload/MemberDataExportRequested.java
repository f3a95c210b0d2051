package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record MemberDataExportRequested(UUID memberId, UUID exportId, OffsetDateTime requestedAt) {}
