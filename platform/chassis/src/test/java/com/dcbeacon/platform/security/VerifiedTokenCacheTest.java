package com.dcbeacon.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.concurrent.atomic.AtomicInteger;
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
        KeyPair keys = rsaKeys();
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

    @Test
    void shouldAnswerEveryClaimAsTheVerifiedTokenDoes() throws Exception {
        KeyPair keys = rsaKeys();
        Instant issued = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String signed = Jwt.issuer("https://auth.test")
                .subject("member-user-2")
                .audience(Set.of("dcbeacon", "portal"))
                .claim("member_id", "m-2")
                .claim("preferred_username", "ada")
                .groups(Set.of("member", "ops"))
                .issuedAt(issued)
                .expiresAt(issued.plusSeconds(120))
                .sign(keys.getPrivate());
        DefaultJWTParser verifier = new DefaultJWTParser(new JWTAuthContextInfo(keys.getPublic(), "https://auth.test"));
        JsonWebToken verified = verifier.parse(signed);
        JsonWebToken cached =
                new VerifiedTokenCache(verifier, Optional.empty(), CAP, 100, Clock.systemUTC()).parse(signed);

        assertThat(verified.getClaimNames()).contains("member_id", "groups", "aud", "exp", "raw_token");
        assertThat(cached.getClaimNames()).isEqualTo(verified.getClaimNames());
        for (int read = 0; read < 2; read++) { // the second answer comes from memory
            for (String claim : verified.getClaimNames()) {
                assertThat(cached.<Object>getClaim(claim)).as(claim).isEqualTo(verified.getClaim(claim));
            }
            assertThat(cached.<Object>getClaim("brand_id")).isNull();
        }
        assertThat(cached.getName()).isEqualTo(verified.getName()).isEqualTo("ada");
        assertThat(cached.getGroups()).isEqualTo(verified.getGroups()).containsExactlyInAnyOrder("member", "ops");
        assertThat(cached.getAudience()).isEqualTo(verified.getAudience());
        assertThat(cached.getSubject()).isEqualTo("member-user-2");
        assertThat(cached.getExpirationTime()).isEqualTo(verified.getExpirationTime());
        assertThat(cached.getRawToken()).isEqualTo(signed);
        assertThatThrownBy(() -> cached.getGroups().add("brand"))
                .as("one answer serves every request carrying the token")
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> cached.<Set<String>>getClaim("aud").clear())
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(cached.getGroups()).containsExactlyInAnyOrder("member", "ops");
    }

    @Test
    void shouldReadEachClaimOfAVerifiedTokenOnce() {
        AtomicInteger reads = new AtomicInteger();
        JsonWebToken verified = token(NOW, NOW.plusSeconds(60));
        JsonWebToken counted = new JsonWebToken() {
            @Override
            public String getName() {
                return verified.getName();
            }

            @Override
            public Set<String> getClaimNames() {
                return verified.getClaimNames();
            }

            @Override
            public <T> T getClaim(String name) {
                reads.incrementAndGet();
                return verified.getClaim(name);
            }
        };
        ClaimsReadOnce once = new ClaimsReadOnce(counted);
        int atConstruction = reads.get(); // groups, read for the identity's roles
        for (int request = 0; request < 100; request++) {
            assertThat(once.<Long>getClaim("exp")).isEqualTo(NOW.plusSeconds(60).getEpochSecond());
            assertThat(once.<Object>getClaim("member_id")).isNull();
            assertThat(once.getName()).isEqualTo("someone");
        }
        assertThat(reads.get() - atConstruction)
                .as("claims read after construction")
                .isEqualTo(2);
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
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
