package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The member's taste profile; sensitive, so published only on member-preferences for box-service. {@code version} is
 * the member's preferences version: 1 at registration (published then, so box-service always learns the starting
 * profile), one more per change; 0 on events written before versions existed.
 */
public record MemberPreferencesChanged(
        UUID memberId,
        List<String> allergens,
        List<String> dietaryTags,
        List<String> likedCategories,
        List<String> dislikedCategories,
        boolean sensitiveDataConsent,
        OffsetDateTime changedAt,
        long version) {}
