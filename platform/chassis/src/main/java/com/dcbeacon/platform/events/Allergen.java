package com.dcbeacon.platform.events;

/**
 * The allergen codes of the event contract: the 14 substances of Annex II of Regulation (EU) No 1169/2011 (food
 * information to consumers), which cover the US major nine. Events carry them by name ({@code "TREE_NUTS"}), in
 * MemberPreferencesChanged and in ProductPublished/ProductUpdated ({@code allergens}, {@code mayContain}); a chassis
 * test holds those schemas to this list, in this order (the order of Annex II, also the order API errors list them in).
 */
public enum Allergen {
    GLUTEN,
    CRUSTACEANS,
    EGGS,
    FISH,
    PEANUTS,
    SOYBEANS,
    MILK,
    TREE_NUTS,
    CELERY,
    MUSTARD,
    SESAME,
    SULPHITES,
    LUPIN,
    MOLLUSCS
}
