package com.dcbeacon.portal.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.WebApplicationException;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Who is signed in, from the ID token of the code flow: the brand a brand user acts for is its {@code brand_id} claim;
 * the member the account acts for is its {@code member_id} claim, which the identity provider adds once member-service linked the account (member-service/README.md, "Account
 * link"). The services check the access token themselves; this only chooses which pages to show.
 */
@RequestScoped
@Named("account")
public class SignedInAccount {

    private static final Logger LOG = Logger.getLogger(SignedInAccount.class);

    @Inject
    JsonWebToken idToken;

    public Optional<UUID> memberId() {
        return uuidClaim("member_id");
    }

    public Optional<UUID> brandId() {
        return uuidClaim("brand_id");
    }

    /** Whether a brand user is signed in: the pages' navigation shows the brand's pages then. */
    public boolean isBrand() {
        return brandId().isPresent();
    }

    /**
     * Whether an ops user is signed in (realm role {@code ops}, which {@code ops-support}, {@code ops-warehouse} and
     * {@code ops-finance} include; the token's {@code groups} claim): the navigation shows the ops pages then.
     */
    public boolean isOps() {
        return idToken.getGroups() != null && idToken.getGroups().contains("ops");
    }

    private Optional<UUID> uuidClaim(String name) {
        Object claim = idToken.getClaim(name);
        if (claim == null || claim.toString().isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException malformed) {
            // the provider's mapping is wrong, not the member: the account acts for nobody, the services refuse the
            // rest
            LOG.warnf("the %s claim is not a UUID; the account is treated as without one", name);
            return Optional.empty();
        }
    }

    /** The member, or a redirect to the sign-up form for an account that acts for none yet. */
    public UUID required() {
        return memberId().orElseThrow(() -> new WebApplicationException(Pages.seeOther("/sign-up")));
    }

    public String email() {
        Object email = idToken.getClaim("email");
        return email == null ? "" : email.toString().replace("\"", "");
    }
}
