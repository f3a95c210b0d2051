package com.dcbeacon.brand.domain;

import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A product's stock. It moves by the brand's own count or by box-service's allocations and releases, each of which is
 * announced with the delta it applied ({@link StockLevel} decides the figures); a count that changes nothing announces
 * nothing. A recalled product's stock is not the brand's to set any more.
 */
@ApplicationScoped
@Startup
public class ProductStock {

    private static final Logger LOG = Logger.getLogger(ProductStock.class);

    private final ProductCatalog catalog;
    private final Outbox outbox;
    private final EntityManager em;
    private final Counter oversoldUnits;

    public ProductStock(ProductCatalog catalog, Outbox outbox, EntityManager em, MeterRegistry registry) {
        this.catalog = catalog;
        this.outbox = outbox;
        this.em = em;
        // Registered at start-up so the series exists (at 0) before the first oversell.
        this.oversoldUnits = Counter.builder("dcbeacon.stock.oversold.units")
                .description("Units box-service allocated beyond a product's stock (the stock stayed at 0)")
                .register(registry);
    }

    @Transactional
    public Product setStock(UUID brandId, String sku, int units) {
        Product product = catalog.require(brandId, sku);
        ProductCatalog.requireNotRecalled(product);
        adjustStock(product, units, ProductCatalog.now());
        return product;
    }

    /** The brand's own count: sets the stock and announces it, unless it already is that. Oversold units stay owed. */
    private void adjustStock(Product product, int units, OffsetDateTime now) {
        if (product.stock == units) {
            return;
        }
        product.stock = units;
        product.updatedAt = now;
        em.flush();
        outbox.publish(
                EventType.PRODUCT_STOCK_CHANGED,
                product.id.toString(),
                new ProductStockChanged(product.id, product.brandId, product.sku, units, now, null));
    }

    /**
     * box-service put {@code units} into boxes: the stock goes down, never below 0. Units beyond the stock are
     * oversold: logged, counted in {@code dcbeacon_stock_oversold_units_total} and kept on the product so that
     * releases pay them back first.
     */
    @Transactional
    public void applyAllocation(UUID productId, UUID allocationId, int units) {
        catalog.namedByBoxService(productId, "Allocation " + allocationId).ifPresent(product -> {
            StockLevel after = product.stockLevel().allocate(units);
            int oversold = after.oversold() - product.oversoldUnits;
            if (oversold > 0) {
                LOG.warnf(
                        "Allocation %s of %d units exceeds the stock %d of %s: %d units oversold",
                        allocationId, units, product.stock, product.sku, oversold);
                oversoldUnits.increment(oversold);
            }
            applyDelta(product, after, allocationId);
        });
    }

    /** Units allocated to boxes came back: oversold units are paid back first, the rest raises the stock. */
    @Transactional
    public void applyRelease(UUID productId, UUID releaseId, int units) {
        catalog.namedByBoxService(productId, "Release " + releaseId)
                .ifPresent(product -> applyDelta(product, product.stockLevel().release(units), releaseId));
    }

    /**
     * Announced even when the stock figure stays the same (an allocation on an empty stock), so that box-service sees
     * every one of its deltas applied.
     */
    private void applyDelta(Product product, StockLevel level, UUID delta) {
        OffsetDateTime now = ProductCatalog.now();
        product.stock = level.stock();
        product.oversoldUnits = level.oversold();
        product.updatedAt = now;
        em.flush();
        outbox.publish(
                EventType.PRODUCT_STOCK_CHANGED,
                product.id.toString(),
                new ProductStockChanged(product.id, product.brandId, product.sku, product.stock, now, delta));
    }
}
