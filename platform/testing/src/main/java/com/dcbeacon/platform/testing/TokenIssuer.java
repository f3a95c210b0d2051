package com.dcbeacon.platform.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Signs bearer tokens for one issuer and key, as the platform's identity provider would. */
public final class TokenIssuer {

    private final String issuer;
    private final KeyPair keys;

    public TokenIssuer(String issuer, KeyPair keys) {
        this.issuer = issuer;
        this.keys = keys;
    }

    /** An issuer with a fresh RSA key pair. */
    public static TokenIssuer withNewKeys(String issuer) {
        return new TokenIssuer(issuer, newRsaKeys());
    }

    public static KeyPair newRsaKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The key that verifies this issuer's tokens, as services read it from {@code mp.jwt.verify.publickey.location}. */
    public String publicKeyPem() {
        return pem(keys.getPublic());
    }

    static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** A member's token: the provider's user id as subject, the member-service id in {@code member_id}. */
    public String member(UUID memberId) {
        return sign(claims("member-user-" + memberId, "member").claim("member_id", memberId.toString()));
    }

    public String brand(UUID brandId) {
        return sign(claims("brand-user-" + brandId, "brand").claim("brand_id", brandId.toString()));
    }

    /** An ops lead: every ops role (support, warehouse, finance), as the provider grants them, each with {@code ops}. */
    public String ops() {
        return sign(claims("ops-user", "ops", "ops-support", "ops-warehouse", "ops-finance"));
    }

    /** An ops user with one ops role, e.g. {@code ops-warehouse}, and {@code ops}, as the provider grants it. */
    public String ops(String role) {
        return sign(claims(role + "-user", "ops", role));
    }

    JwtClaimsBuilder claims(String subject, String... roles) {
        return Jwt.issuer(issuer)
                .subject(subject)
                .groups(Set.of(roles))
                .expiresIn(Duration.ofMinutes(60))
                .claim("jti", UUID.randomUUID().toString());
    }

    String sign(JwtClaimsBuilder claims) {
        return claims.jws().sign(keys.getPrivate());
    }
}
