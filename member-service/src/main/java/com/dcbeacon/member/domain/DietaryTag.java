package com.dcbeacon.member.domain;

/**
 * The dietary tags of the event contract ({@link com.dcbeacon.platform.events.DietaryTag}, same names in the same
 * order, checked by {@code DietaryTagTest}), with what member-service decides about them.
 */
public enum DietaryTag {
    VEGAN,
    VEGETARIAN,
    GLUTEN_FREE,
    DAIRY_FREE,
    NUT_FREE,
    KETO,
    HALAL,
    KOSHER,
    LOW_SUGAR;

    /** Religious dietary choices are sensitive data, like allergies. */
    public boolean isSensitive() {
        return this == HALAL || this == KOSHER;
    }
}
