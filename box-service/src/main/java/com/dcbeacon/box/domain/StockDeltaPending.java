package com.dcbeacon.box.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A stock delta not yet confirmed by brand-service's ProductStockChanged (units: + allocated, − released). Announced
 * (its StockAllocated or StockReleased recorded) when written, or, for a curation page's allocations, later and together
 * with others of the same product and cycle ({@link StockMovements#announcePending}).
 */
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

    /** The cycle ({@code YYYY-MM}) of the boxes the units moved for; null for rows written before it was kept. */
    public String cycle;

    /**
     * False while no event tells brand-service about this delta yet. True unless set otherwise, as in the database: a
     * delta written without its event must say so ({@link StockMovements#allocateAnnouncedLater}).
     */
    @Column(nullable = false)
    public boolean announced = true;
}
