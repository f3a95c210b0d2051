package com.dcbeacon.platform.security;

/** The roles a token can carry in its {@code groups} claim. */
public final class Roles {
    public static final String MEMBER = "member";
    public static final String BRAND = "brand";
    public static final String OPS = "ops";
    /** Claim of a brand user's token naming the brand they act for. */
    public static final String BRAND_ID_CLAIM = "brand_id";

    private Roles() {}
}
