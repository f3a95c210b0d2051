package com.dcbeacon.member.domain;

public enum DietaryTag {
    VEGAN, VEGETARIAN, GLUTEN_FREE, DAIRY_FREE, NUT_FREE, KETO, HALAL, KOSHER, LOW_SUGAR;

    /** Religious dietary choices are sensitive data, like allergies. */
    public boolean isSensitive() {
        return this == HALAL || this == KOSHER;
    }
}
