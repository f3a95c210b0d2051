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
