package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.ErasureRequest;
import com.dcbeacon.member.domain.ErasureStatus;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

public record ErasureResponse(
        UUID erasureId,
        ErasureStatus status,
        OffsetDateTime requestedAt,
        OffsetDateTime completedAt,
        Map<String, ErasureStatus> services) {

    static ErasureResponse of(ErasureRequest r) {
        return new ErasureResponse(r.id, r.status(), r.requestedAt, r.completedAt, r.services);
    }
}
