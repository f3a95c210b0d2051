package com.dcbeacon.platform.security;

/**
 * The roles a token can carry in its {@code groups} claim (the identity provider's realm roles,
 * deploy/keycloak/dcbeacon-realm.json). Every ops user has {@link #OPS}: reads across tenants and support work.
 * Moving money and moving boxes are rights of their own, which the provider grants together with {@link #OPS}.
 */
public final class Roles {
    public static final String MEMBER = "member";
    public static final String BRAND = "brand";
    /** Every ops user: reads across tenants, support work (follow-ups, curation runs, replays, brand onboarding). */
    public static final String OPS = "ops";
    /** Member support; today the same rights as {@link #OPS}. */
    public static final String OPS_SUPPORT = "ops-support";
    /** Packs, ships and marks boxes delivered. */
    public static final String OPS_WAREHOUSE = "ops-warehouse";
    /** Moves money: grants credits, announces plan price changes. */
    public static final String OPS_FINANCE = "ops-finance";
    /** Claim of a member's token naming the member they are (the member-service id). */
    public static final String MEMBER_ID_CLAIM = "member_id";
    /** Claim of a brand user's token naming the brand they act for. */
    public static final String BRAND_ID_CLAIM = "brand_id";

    private Roles() {}
}
