package com.dcbeacon.box.curation;

/**
 * What a member's rating of a product changes in their next boxes, by the rules curation applies: 1–2 stars keep the
 * product out of every later box ({@link SafetyRules}); 4–5 stars make products of its category score higher
 * ({@link TasteScore#LIKE_SOMETHING_LOVED}, "because you rated … stars"); 3 stars only make it no longer new to them.
 */
public enum RatingEffect {
    NEVER_AGAIN,
    MORE_OF_ITS_CATEGORY,
    NO_LONGER_NEW;

    public static RatingEffect of(int stars) {
        if (stars < SafetyRules.LOWEST_ACCEPTABLE_RATING) {
            return NEVER_AGAIN;
        }
        return stars >= TasteScore.LOVED_RATING ? MORE_OF_ITS_CATEGORY : NO_LONGER_NEW;
    }
}
