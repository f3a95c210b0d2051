package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The member's latest rating of a product: 1–2 stars means never again, 4–5 shapes what comes next. */
@Entity
@Table(name = "member_rating")
public class MemberRating {

    @EmbeddedId
    public Key key;

    @Column(nullable = false)
    public int stars;

    @Column(name = "rated_at", nullable = false)
    public OffsetDateTime ratedAt;

    @Embeddable
    public record Key(
            @Column(name = "member_id") UUID memberId,
            @Column(name = "product_id") UUID productId) implements Serializable {}
}
