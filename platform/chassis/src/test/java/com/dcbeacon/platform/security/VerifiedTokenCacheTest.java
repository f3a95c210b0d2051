package com.dcbeacon.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
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
