package com.dcbeacon.member.api;

import com.dcbeacon.member.domain.Notification;
import java.time.OffsetDateTime;

public record NotificationResponse(Notification.Kind kind, String message, OffsetDateTime createdAt) {

    static NotificationResponse of(Notification n) {
        return new NotificationResponse(n.kind, n.message, n.createdAt);
    }
}
