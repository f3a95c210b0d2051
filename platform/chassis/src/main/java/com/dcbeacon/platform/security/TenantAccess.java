package com.dcbeacon.platform.security;

import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Object-level authorization: a member reaches only their own data, a brand user only their
 * brand's, ops may read everything. Another tenant's object answers 404, the same as a missing one,
 * so ids cannot be probed.
 */
@RequestScoped
public class TenantAccess {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public TenantAccess(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /**
     * Who is acting, for the record of who did what (a credit, a price change, a shipment, a closed follow-up): the
     * token's subject, the identity provider's stable user id (OpenID Connect Core 1.0, {@code sub}). Never blank: a
     * token without a subject is refused by the verifier before a resource runs.
     */
    public String actingUser() {
        return token.getSubject();
    }

    /**
     * The account signing a member up, when the caller sent a token: a member's account at the identity provider
     * (role {@code member} only, its {@code sub}) that acts for no member yet. Empty without a token or for a brand or
     * ops user's token (they sign up no member for themselves); an account that already acts for a member: 409.
     */
    public Optional<String> signingUpAccount() {
        if (identity.isAnonymous() || !identity.hasRole(Roles.MEMBER) || identity.hasRole(Roles.BRAND) || isOps()) {
            return Optional.empty();
        }
        if (token.getClaim(Roles.MEMBER_ID_CLAIM) != null) {
            throw ProblemException.conflict("this account already acts for a member");
        }
        return Optional.ofNullable(token.getSubject());
    }

    public boolean isOps() {
        return identity.hasRole(Roles.OPS);
    }

    /**
     * The member themself, or ops when {@code opsAllowed}. A member token names its member in the {@code member_id}
     * claim (the provider's user id, {@code sub}, is not the member's id).
     */
    public void requireMember(UUID memberId, boolean opsAllowed) {
        Object claim = token.getClaim(Roles.MEMBER_ID_CLAIM);
        boolean self = identity.hasRole(Roles.MEMBER)
                && claim != null
                && memberId.toString().equals(claim.toString());
        if (!self && !(opsAllowed && isOps())) {
            throw ProblemException.notFound("no member " + memberId);
        }
    }

    /** A user of that brand, or ops when {@code opsAllowed}. */
    public void requireBrand(UUID brandId, boolean opsAllowed) {
        Object claim = token.getClaim(Roles.BRAND_ID_CLAIM);
        boolean own = identity.hasRole(Roles.BRAND)
                && claim != null
                && brandId.toString().equals(claim.toString());
        if (!own && !(opsAllowed && isOps())) {
            throw ProblemException.notFound("no brand " + brandId);
        }
    }
}
