package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record CreditGranted(
        UUID creditId, UUID memberId, UUID boxId, long amountCents, String reason, OffsetDateTime grantedAt) {}
