package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

public record CommunicationPreferencesChanged(
        UUID memberId, boolean marketingEmails, boolean surveys, OffsetDateTime changedAt) {}
