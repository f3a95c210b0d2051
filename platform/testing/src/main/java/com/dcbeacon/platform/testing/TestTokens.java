package com.dcbeacon.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Bearer tokens signed with the test infrastructure's key, as the platform's issuer would sign them. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String member(UUID memberId) {
        return sign(claims(memberId.toString(), "member"));
    }

    public static String brand(UUID brandId) {
        return sign(claims("brand-user-" + brandId, "brand").claim("brand_id", brandId.toString()));
    }

    public static String ops() {
        return sign(claims("ops-user", "ops"));
    }

    /** A member token that expired a minute ago. */
    public static String expiredMember(UUID memberId) {
        return sign(Jwt.issuer(TestInfrastructure.JWT_ISSUER).subject(memberId.toString()).groups(Set.of("member"))
                .issuedAt(java.time.Instant.now().minusSeconds(3600)).expiresAt(java.time.Instant.now().minusSeconds(60)));
    }

    /** A well-formed member token signed with a key the platform does not trust. */
    public static String forgedMember(UUID memberId) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return claims(memberId.toString(), "member").jws().sign(generator.generateKeyPair().getPrivate());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(String subject, String role) {
        return Jwt.issuer(TestInfrastructure.JWT_ISSUER).subject(subject).groups(Set.of(role))
                .expiresIn(Duration.ofMinutes(30)).claim("jti", UUID.randomUUID().toString());
    }

    private static String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(TestInfrastructure.get().signingKeys().getPrivate());
    }
}
