package com.dcbeacon.platform.security;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A parsed token with the given claims, for the logic that reads them. It counts how often each claim is read and, as
 * smallrye-jwt's does, answers a new mutable set on each read of a set claim.
 */
final class ClaimsToken implements JsonWebToken {

    private final Map<String, Object> claims;
    final Map<String, Integer> reads = new HashMap<>();

    ClaimsToken(Map<String, Object> claims) {
        this.claims = claims;
    }

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
        reads.merge(name, 1, Integer::sum);
        Object value = claims.get(name);
        return (T) (value instanceof Set<?> set ? new HashSet<>(set) : value);
    }
}
