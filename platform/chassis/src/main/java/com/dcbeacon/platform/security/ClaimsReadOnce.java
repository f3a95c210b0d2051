package com.dcbeacon.platform.security;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token whose claims are read from it once and then answered from memory, for every request that carries
 * it: the security identity's roles ({@code groups}) and the tenant's claim ({@code member_id}, {@code brand_id}) were
 * looked up and converted in the parsed claims on each request (9 % of a cheap read's samples, docs/benchmarks.md).
 * Answers are the verified token's own (an absent claim stays null); sets are handed out unmodifiable, since one
 * answer serves every request that carries the token.
 */
final class ClaimsReadOnce implements JsonWebToken {

    private final JsonWebToken verified;
    private final String name;
    private final Set<String> claimNames;
    private final Set<String> groups;
    private final ConcurrentHashMap<String, Optional<Object>> claims = new ConcurrentHashMap<>();

    ClaimsReadOnce(JsonWebToken verified) {
        this.verified = verified;
        this.name = verified.getName();
        this.claimNames = unmodifiable(verified.getClaimNames());
        this.groups = unmodifiable(verified.getGroups());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claimNames;
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.computeIfAbsent(claimName, n -> Optional.ofNullable(readOnce(verified.getClaim(n))))
                .orElse(null);
    }

    private static Object readOnce(Object claim) {
        return claim instanceof Set<?> set ? Collections.unmodifiableSet(new LinkedHashSet<>(set)) : claim;
    }

    private static <T> Set<T> unmodifiable(Set<T> set) {
        return set == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(set));
    }

    @Override
    public String toString() {
        return verified.toString();
    }
}
