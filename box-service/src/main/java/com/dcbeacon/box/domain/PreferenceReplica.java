package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member's taste profile, including sensitive data given with consent; used for curation only. */
@Entity
@Table(name = "preference_replica")
public class PreferenceReplica {

    @Id
    @Column(name = "member_id")
    public UUID memberId;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> allergens;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "dietary_tags", nullable = false)
    public List<String> dietaryTags;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "liked_categories", nullable = false)
    public List<String> likedCategories;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "disliked_categories", nullable = false)
    public List<String> dislikedCategories;

    /** member-service's preferences version this replica holds (0: written before versions existed). */
    @Column(nullable = false)
    public long version;

    @Column(name = "updated_at", nullable = false)
    public OffsetDateTime updatedAt;
}
