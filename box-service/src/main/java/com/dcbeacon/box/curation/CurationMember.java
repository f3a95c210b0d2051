package com.dcbeacon.box.curation;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One member's own taste profile for a run: how many items their plan has, their declared allergens and
 * dietary tags, liked and disliked categories, their ratings by product, and what they received in the
 * last three cycles.
 */
public record CurationMember(
        UUID memberId,
        int itemsPerBox,
        Set<String> allergens,
        Set<String> dietaryTags,
        Set<String> likedCategories,
        Set<String> dislikedCategories,
        Map<UUID, Integer> ratings,
        Set<UUID> recentlyReceived) {

    /** The same member with nothing counted as received recently: for what they choose themselves, not curation. */
    public CurationMember withoutRecentHistory() {
        return new CurationMember(
                memberId, itemsPerBox, allergens, dietaryTags, likedCategories, dislikedCategories, ratings, Set.of());
    }
}
