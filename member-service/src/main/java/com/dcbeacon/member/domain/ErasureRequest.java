package com.dcbeacon.member.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The auditable record of an erasure: when it was asked for, which service confirmed when, and when it was
 * done. It keeps no personal data: the member is referenced only by a hash of their id.
 */
@Entity
@Table(name = "erasure_request")
public class ErasureRequest {

    @Id
    public UUID id;

    @Column(name = "member_ref", nullable = false)
    public String memberRef;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    /** Service name to where its part of the erasure stands. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, ErasureStatus> services = new LinkedHashMap<>();

    /** Parts and confirmations arrive concurrently from several topics: never lose one to another. */
    @jakarta.persistence.Version
    public long version;

    public ErasureStatus status() {
        return completedAt != null ? ErasureStatus.DONE : ErasureStatus.PENDING;
    }

    /** Records one service's confirmation; true when this completed the whole erasure. */
    public boolean confirm(String service, OffsetDateTime now) {
        if (!services.containsKey(service) || completedAt != null) {
            return false;
        }
        Map<String, ErasureStatus> updated = new LinkedHashMap<>(services);
        updated.put(service, ErasureStatus.DONE);
        services = updated;
        if (services.values().stream().allMatch(ErasureStatus.DONE::equals)) {
            completedAt = now;
            return true;
        }
        return false;
    }

    public static String memberRef(UUID memberId) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(memberId.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
