package com.dcbeacon.brand.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * box-service's review of a product after a member's allergen concern, as far as the brand may know it: when it was
 * opened and cleared, nothing about the member and not the report's words. Either time may come first: a clear that
 * overtook its open (the open was dead-lettered and replayed) keeps the review closed.
 */
@Entity
@Table(name = "product_review")
public class ProductReview {

    @Id
    @Column(name = "review_id")
    public UUID reviewId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(name = "opened_at")
    public OffsetDateTime openedAt;

    @Column(name = "cleared_at")
    public OffsetDateTime clearedAt;

    public boolean isOpen() {
        return openedAt != null && clearedAt == null;
    }
}
