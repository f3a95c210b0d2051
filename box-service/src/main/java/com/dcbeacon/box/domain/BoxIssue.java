package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A problem with a delivered box, made good at once with a credit; an allergen concern is also flagged for ops. */
@Entity
@Table(name = "box_issue")
public class BoxIssue {

    /** What went wrong: reported by the member, or RECALL for a recalled item of a shipped box. */
    public enum Type {
        DAMAGED,
        MISSING_ITEMS,
        WRONG_ITEMS,
        ALLERGEN_CONCERN,
        RECALL
    }

    @Id
    public UUID id;

    @Column(name = "box_id", nullable = false)
    public UUID boxId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Type type;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "product_ids", nullable = false)
    public List<UUID> productIds = new ArrayList<>();

    public String note;

    @Column(name = "credit_cents", nullable = false)
    public long creditCents;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
