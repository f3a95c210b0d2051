package com.dcbeacon.member.domain;

/** The 14 major allergens of EU food law (which cover the US major nine). */
public enum Allergen {
    GLUTEN, CRUSTACEANS, EGGS, FISH, PEANUTS, SOYBEANS, MILK, TREE_NUTS, CELERY, MUSTARD, SESAME, SULPHITES, LUPIN,
    MOLLUSCS
}
