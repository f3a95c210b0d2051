package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A member signed up. Carries only what other services need: no e-mail, no name, no street address.
 */
public record MemberRegistered(UUID memberId, String country, OffsetDateTime registeredAt) {}
