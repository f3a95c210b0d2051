package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/** feedback-service invited the member to answer the NPS survey; member-service tells them (once per invitation). */
public record NpsSurveyInvited(UUID invitationId, UUID memberId, UUID boxId, OffsetDateTime invitedAt) {}
