package com.dcbeacon.member.domain;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member's request for all their data: member-service's own section plus every other service's part. */
@Entity
@Table(name = "data_export")
public class DataExport {

    @Id
    public UUID id;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(name = "requested_at", nullable = false)
    public OffsetDateTime requestedAt;

    @Column(name = "completed_at")
    public OffsetDateTime completedAt;

    /** Until when a completed export can be downloaded; it is deleted after. Null while pending. */
    @Column(name = "expires_at")
    public OffsetDateTime expiresAt;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "member_section", nullable = false)
    public JsonNode memberSection;

    /** Section name (e.g. {@code box}) to that service's part. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, JsonNode> parts = new HashMap<>();

    /** Parts and confirmations arrive concurrently from several topics: never lose one to another. */
    @jakarta.persistence.Version
    public long version;

    public boolean isComplete() {
        return completedAt != null;
    }

    public DataExportStatus status() {
        return isComplete() ? DataExportStatus.COMPLETE : DataExportStatus.PENDING;
    }

    /**
     * Adds a part; completes the export once every expected section is there, downloadable for {@code availableFor}.
     * True when this part completed it.
     */
    public boolean addPart(
            String section, JsonNode data, Set<String> expectedSections, OffsetDateTime now, Duration availableFor) {
        Map<String, JsonNode> updated = new HashMap<>(parts);
        updated.put(section, data);
        parts = updated;
        if (completedAt == null && parts.keySet().containsAll(expectedSections)) {
            completedAt = now;
            expiresAt = now.plus(availableFor);
            return true;
        }
        return false;
    }

    public boolean isExpired(OffsetDateTime now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
