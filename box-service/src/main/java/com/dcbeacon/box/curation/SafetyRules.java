package com.dcbeacon.box.curation;

import java.util.Collections;

/**
 * The hard rules no box ever breaks, whatever the stock, the campaigns or the score: no declared or
 * "may contain" allergen of the member, every dietary tag of the member met, nothing the member rated 1–2
 * stars, no disliked category, nothing received in the last three cycles.
 */
public final class SafetyRules {

    public static final int LOWEST_ACCEPTABLE_RATING = 3;

    private SafetyRules() {}

    public static boolean allows(CurationMember member, Product product) {
        // The empty checks only skip work: most members declare no allergen and no diet.
        return (member.allergens().isEmpty()
                        || Collections.disjoint(member.allergens(), product.allergens())
                                && Collections.disjoint(member.allergens(), product.mayContain()))
                && (member.dietaryTags().isEmpty() || product.dietaryTags().containsAll(member.dietaryTags()))
                && (member.ratings().isEmpty()
                        || member.ratings().getOrDefault(product.productId(), LOWEST_ACCEPTABLE_RATING)
                                >= LOWEST_ACCEPTABLE_RATING)
                && !member.dislikedCategories().contains(product.category())
                && (member.recentlyReceived().isEmpty()
                        || !member.recentlyReceived().contains(product.productId()));
    }
}
