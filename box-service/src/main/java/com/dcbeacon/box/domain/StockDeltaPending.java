package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A stock delta announced to brand-service and not yet confirmed by its ProductStockChanged (units: + allocated, − released). */
@Entity
@Table(name = "stock_delta_pending")
public class StockDeltaPending {

    @Id
    @Column(name = "delta_id")
    public UUID deltaId;

    @Column(name = "product_id", nullable = false)
    public UUID productId;

    @Column(nullable = false)
    public int units;

    @Column(name = "created_at", nullable = false)
    public OffsetDateTime createdAt;
}
