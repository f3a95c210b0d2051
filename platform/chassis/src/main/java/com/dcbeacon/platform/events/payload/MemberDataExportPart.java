package com.dcbeacon.platform.events.payload;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** {@code service} is the sending service's name; {@code data} its whole part of the member's data. */
public record MemberDataExportPart(UUID exportId, UUID memberId, String service, JsonNode data) {}
