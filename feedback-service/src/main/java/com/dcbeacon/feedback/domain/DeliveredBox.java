package com.dcbeacon.feedback.domain;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A box the member received, from box-service's BoxDelivered: its items are what the member may rate. */
@Entity
@Table(name = "delivered_box")
public class DeliveredBox {

    @Id
    @Column(name = "box_id")
    public UUID boxId;

    @Column(name = "member_id", nullable = false)
    public UUID memberId;

    @Column(nullable = false)
    public String cycle;

    @Column(name = "delivered_at", nullable = false)
    public OffsetDateTime deliveredAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "delivered_item", joinColumns = @JoinColumn(name = "box_id"))
    public List<Item> items = new ArrayList<>();

    @Embeddable
    public record Item(
            @Column(name = "product_id") UUID productId,
            @Column(name = "brand_id") UUID brandId,
            @Column(name = "sku") String sku,
            @Column(name = "name") String name) {}

    public Optional<Item> item(UUID productId) {
        return items.stream().filter(i -> i.productId().equals(productId)).findFirst();
    }
}
