package com.dcbeacon.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-12-01T06:00:00Z");
    private static final Duration CAP = Duration.ofMinutes(5);

    @Test
    void shouldReuseATokenUntilItExpires() {
        assertThat(VerifiedTokenCache.reusableUntil(
                        token(NOW.minusSeconds(10), NOW.plusSeconds(60)), Optional.empty(), NOW, CAP))
                .isEqualTo(NOW.plusSeconds(60));
    }

    @Test
    void shouldStopReusingATokenWhenItGetsTooOldBeforeItExpires() {
        assertThat(VerifiedTokenCache.reusableUntil(
                        token(NOW.minusSeconds(250), NOW.plusSeconds(3600)), Optional.of(300L), NOW, CAP))
                .isEqualTo(NOW.plusSeconds(50));
    }

    @Test
    void shouldReuseALongLivedTokenNoLongerThanTheCap() {
        assertThat(VerifiedTokenCache.reusableUntil(token(NOW, NOW.plusSeconds(3600)), Optional.empty(), NOW, CAP))
                .isEqualTo(NOW.plus(CAP));
    }

    @Test
    void shouldNotReuseATokenWithoutTheTimesTheVerifierChecks() {
        assertThat(VerifiedTokenCache.reusableUntil(token(null, null), Optional.empty(), NOW, CAP))
                .isEqualTo(NOW);
        assertThat(VerifiedTokenCache.reusableUntil(token(null, NOW.plusSeconds(60)), Optional.of(300L), NOW, CAP))
                .isEqualTo(NOW);
    }

    @Test
    void shouldVerifyACachedTokenAgainFromItsExpiryOn() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = issued.plusSeconds(120);
        String signed = Jwt.issuer("https://auth.test")
                .subject("member-user-1")
                .claim("member_id", "m-1")
                .groups("member")
                .issuedAt(issued)
                .expiresAt(expires)
                .sign(keys.getPrivate());
        MovableClock clock = new MovableClock(issued);
        VerifiedTokenCache cache = new VerifiedTokenCache(
                new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), "https://auth.test")),
                Optional.empty(),
                CAP,
                100,
                clock);

        JsonWebToken first = cache.parse(signed);
        clock.now = expires.minusMillis(1);
        assertThat(cache.parse(signed)).isSameAs(first);
        assertThat(first.getGroups()).containsExactly("member");
        assertThat(first.<String>getClaim("member_id")).isEqualTo("m-1");

        // From its expiry on, the token is never answered from the cache: it goes to the verifier again, which refuses
        // an expired token (member-service's VerifiedTokenReuseTest).
        clock.now = expires;
        JsonWebToken afterExpiry = cache.parse(signed);
        assertThat(afterExpiry).isNotSameAs(first);
        clock.now = expires.plusSeconds(30);
        assertThat(cache.parse(signed)).isNotSameAs(first).isNotSameAs(afterExpiry);
    }

    /** A clock a test sets. */
    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private static JsonWebToken token(Instant issuedAt, Instant expires) {
        Map<String, Object> claims = new HashMap<>();
        if (issuedAt != null) {
            claims.put("iat", issuedAt.getEpochSecond());
        }
        if (expires != null) {
            claims.put("exp", expires.getEpochSecond());
        }
        return new JsonWebToken() {
            @Override
            public String getName() {
                return "someone";
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String name) {
                return (T) claims.get(name);
            }
        };
    }
}
