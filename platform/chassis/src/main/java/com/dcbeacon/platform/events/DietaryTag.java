package com.dcbeacon.platform.events;

/**
 * The dietary tags of the event contract: what a member eats (MemberPreferencesChanged) and what a product is suitable
 * for (ProductPublished/ProductUpdated), carried by name ({@code "GLUTEN_FREE"}). A chassis test holds those schemas to
 * this list, in this order (the order API errors list them in); a service that adds rules to the tags keeps its own
 * enum and tests it against this one.
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
    LOW_SUGAR
}
