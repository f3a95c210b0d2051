package com.dcbeacon.platform.events.payload;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The member's taste profile; sensitive, so published only on member-preferences for box-service. */
public record MemberPreferencesChanged(UUID memberId, List<String> allergens, List<String> dietaryTags,
        List<String> likedCategories, List<String> dislikedCategories, boolean sensitiveDataConsent,
        OffsetDateTime changedAt) {
}
