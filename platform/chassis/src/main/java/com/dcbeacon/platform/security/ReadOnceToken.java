package com.dcbeacon.platform.security;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token whose roles and claims are read from the parsed token once, then answered from memory for every
 * request that carries it. smallrye-jwt's principal converts the {@code groups} claim into a new set on each call (once
 * per request, for the request's security identity) and looks a claim it does not know, such as {@code member_id}, up
 * through an exception ({@code Claims.valueOf}) on each call; with the token reused by {@link VerifiedTokenCache} both
 * were per-request work on an unchanged token. Claim values are the parsed token's own (sets made unmodifiable, since
 * they are now shared by requests); a claim the token lacks stays what the parsed token answers for it.
 */
final class ReadOnceToken implements JsonWebToken {

    private final JsonWebToken parsed;
    private final String name;
    private final Set<String> groups;
    private final Map<String, Optional<Object>> claims = new ConcurrentHashMap<>();

    ReadOnceToken(JsonWebToken parsed) {
        this.parsed = parsed;
        this.name = parsed.getName();
        this.groups = Set.copyOf(parsed.getGroups());
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public Set<String> getClaimNames() {
        return parsed.getClaimNames();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.computeIfAbsent(claimName, this::readOnce).orElse(null);
    }

    private Optional<Object> readOnce(String claimName) {
        Object value = parsed.getClaim(claimName);
        return Optional.ofNullable(value instanceof Set<?> set ? Set.copyOf(set) : value);
    }

    @Override
    public String toString() {
        return parsed.toString();
    }
}
