package com.dcbeacon.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.util.Set;
import java.util.UUID;

/** Bearer tokens signed with the test infrastructure's key, as the platform's issuer would sign them. */
public final class TestTokens {

    private TestTokens() {}

    public static String member(UUID memberId) {
        return issuer().member(memberId);
    }

    public static String brand(UUID brandId) {
        return issuer().brand(brandId);
    }

    public static String ops() {
        return issuer().ops();
    }

    /** An ops user with only one ops role (and {@code ops}), e.g. {@code Roles.OPS_WAREHOUSE}. */
    public static String ops(String role) {
        return issuer().ops(role);
    }

    /**
     * The token of an account that registered itself at the identity provider and has not signed up a member yet: role
     * {@code member}, its own subject, no {@code member_id} claim.
     */
    public static String unlinkedMember(String subject) {
        return sign(claims(subject, "member"));
    }

    /** A member token that expired a minute ago. */
    public static String expiredMember(UUID memberId) {
        return sign(Jwt.issuer(TestInfrastructure.JWT_ISSUER)
                .subject("member-user-" + memberId)
                .claim("member_id", memberId.toString())
                .groups(Set.of("member"))
                .issuedAt(java.time.Instant.now().minusSeconds(3600))
                .expiresAt(java.time.Instant.now().minusSeconds(60)));
    }

    /** A well-formed member token signed with a key the platform does not trust. */
    public static String forgedMember(UUID memberId) {
        return claims("member-user-" + memberId, "member")
                .claim("member_id", memberId.toString())
                .jws()
                .sign(TokenIssuer.newRsaKeys().getPrivate());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static TokenIssuer issuer() {
        return new TokenIssuer(
                TestInfrastructure.JWT_ISSUER, TestInfrastructure.get().signingKeys());
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        return issuer().claims(subject, role);
    }

    private static String sign(JwtClaimsBuilder claims) {
        return issuer().sign(claims);
    }
}
