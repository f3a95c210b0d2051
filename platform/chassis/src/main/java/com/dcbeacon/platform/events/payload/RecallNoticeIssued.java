package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record RecallNoticeIssued(
        UUID noticeId,
        UUID memberId,
        UUID boxId,
        UUID productId,
        String productName,
        String reason,
        OffsetDateTime issuedAt) {}
