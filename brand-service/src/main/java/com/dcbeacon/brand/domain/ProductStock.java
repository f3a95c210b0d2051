package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.brand.persistence.ProductRepository.StockRow;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.OptimisticLockException;
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
    private final ProductRepository products;
    private final Outbox outbox;
    private final EntityManager em;
    private final Counter oversoldUnits;

    public ProductStock(
            ProductCatalog catalog,
            ProductRepository products,
            Outbox outbox,
            EntityManager em,
            MeterRegistry registry) {
        this.catalog = catalog;
        this.products = products;
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
        catalog.stockNamedByBoxService(productId, "Allocation " + allocationId).ifPresent(row -> {
            StockLevel after = row.level().allocate(units);
            int oversold = after.oversold() - row.level().oversold();
            if (oversold > 0) {
                LOG.warnf(
                        "Allocation %s of %d units exceeds the stock %d of %s: %d units oversold",
                        allocationId, units, row.level().stock(), row.sku(), oversold);
                oversoldUnits.increment(oversold);
            }
            applyDelta(row, after, allocationId);
        });
    }

    /** Units allocated to boxes came back: oversold units are paid back first, the rest raises the stock. */
    @Transactional
    public void applyRelease(UUID productId, UUID releaseId, int units) {
        catalog.stockNamedByBoxService(productId, "Release " + releaseId)
                .ifPresent(row -> applyDelta(row, row.level().release(units), releaseId));
    }

    /**
     * Writes only the stock columns, with the product's version as a flush of the entity would check and move it: a
     * product changed since it was read (by the brand, or another delta) fails the delta, which the inbox tries again
     * on the new figures, and an edit of the brand's that read the product before the delta fails in turn. Announced
     * even when the stock figure stays the same (an allocation on an empty stock), so that box-service sees every one
     * of its deltas applied.
     */
    private void applyDelta(StockRow row, StockLevel level, UUID delta) {
        OffsetDateTime now = ProductCatalog.now();
        if (!products.updateStock(row, level, now)) {
            throw new OptimisticLockException("Product " + row.id() + " changed while delta " + delta + " was applied");
        }
        outbox.publish(
                EventType.PRODUCT_STOCK_CHANGED,
                row.id().toString(),
                new ProductStockChanged(row.id(), row.brandId(), row.sku(), level.stock(), now, delta));
    }
}
