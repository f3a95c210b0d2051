package com.dcbeacon.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Bearer tokens verified once, then reused for the requests that carry the same token: verifying an RS256 signature
 * and parsing the claims was the largest cost of a cheap read (docs/benchmarks.md, "The read path"). A token is taken
 * from the cache only while the verifier would still accept it: before its {@code exp}, before {@code iat} plus
 * {@code mp.jwt.verify.token.age} when that is set, and at most {@code dcbeacon.jwt.verified-cache.max-reuse} after it
 * was verified (which bounds how long a token keeps passing after its signing key left the JWKS). Refused tokens are
 * never cached: each one is verified again, and refused again. Signature, issuer, audience and lifetime checks are the
 * verifier's own ({@link DefaultJWTParser}); authorization (roles, the member or brand a token names) runs on every
 * request as before. {@code dcbeacon.jwt.verified-cache.max-entries=0} turns the cache off.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private final DefaultJWTParser verifier;
    private final Optional<Long> maxAgeSeconds;
    private final Duration maxReuse;
    private final Cache<String, Verified> verified;
    private final Clock clock;

    /** A token as verified, and until when it may be reused without verifying it again. */
    private record Verified(JsonWebToken token, Instant reusableUntil) {}

    @Inject
    public VerifiedTokenCache(
            DefaultJWTParser verifier,
            @ConfigProperty(name = "mp.jwt.verify.token.age") Optional<Long> maxAgeSeconds,
            @ConfigProperty(name = "dcbeacon.jwt.verified-cache.max-reuse", defaultValue = "PT5M") Duration maxReuse,
            @ConfigProperty(name = "dcbeacon.jwt.verified-cache.max-entries", defaultValue = "10000") long maxEntries) {
        this(verifier, maxAgeSeconds, maxReuse, maxEntries, Clock.systemUTC());
    }

    /** With the clock that says whether a cached token may still be reused (tests move it past a token's expiry). */
    VerifiedTokenCache(
            DefaultJWTParser verifier, Optional<Long> maxAgeSeconds, Duration maxReuse, long maxEntries, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.maxAgeSeconds = maxAgeSeconds;
        this.maxReuse = maxReuse;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.<String, Verified>creating(
                        (token, entry) -> Duration.between(clock.instant(), entry.reusableUntil())))
                .executor(Runnable::run)
                .build();
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Verified cached = verified.getIfPresent(token);
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.reusableUntil())) {
            return cached.token();
        }
        JsonWebToken fresh = verifier.parse(token);
        Instant until = reusableUntil(fresh, maxAgeSeconds, now, maxReuse);
        if (now.isBefore(until)) {
            verified.put(token, new Verified(fresh, until));
        }
        return fresh;
    }

    /**
     * The earliest of the token's expiry, its issue time plus the maximum age (when set) and {@code verifiedAt} plus
     * {@code maxReuse}: until then the verifier would accept the token again. A token without {@code exp} or (with a
     * maximum age) without {@code iat} is not reused.
     */
    static Instant reusableUntil(
            JsonWebToken token, Optional<Long> maxAgeSeconds, Instant verifiedAt, Duration maxReuse) {
        long expires = epochSeconds(token, "exp");
        long issued = epochSeconds(token, "iat");
        if (expires <= 0 || (maxAgeSeconds.isPresent() && issued <= 0)) {
            return verifiedAt;
        }
        Instant until = Instant.ofEpochSecond(expires);
        if (maxAgeSeconds.isPresent()) {
            Instant tooOld = Instant.ofEpochSecond(issued + maxAgeSeconds.get());
            until = until.isBefore(tooOld) ? until : tooOld;
        }
        Instant reuseCap = verifiedAt.plus(maxReuse);
        return until.isBefore(reuseCap) ? until : reuseCap;
    }

    /** A time claim in seconds since the epoch; 0 when absent ({@link JsonWebToken#getExpirationTime} would throw). */
    private static long epochSeconds(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        return value instanceof Number seconds ? seconds.longValue() : 0;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
