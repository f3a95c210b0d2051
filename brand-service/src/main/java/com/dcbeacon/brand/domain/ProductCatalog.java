package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.events.payload.ProductRetired;
import com.dcbeacon.platform.events.payload.ProductStockChanged;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import com.dcbeacon.platform.problem.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * A brand's catalogue. Every change is announced through the outbox with the full data curation needs; a call
 * that changes nothing announces nothing. A recall is final. Stock moves by the brand's own count or by box-service's
 * allocations and releases, each of which is announced with the delta it applied.
 */
@ApplicationScoped
@Startup
public class ProductCatalog {

    private static final Logger LOG = Logger.getLogger(ProductCatalog.class);

    private final ProductRepository products;
    private final BrandRepository brands;
    private final Outbox outbox;
    private final EntityManager em;
    private final Counter oversoldUnits;

    public ProductCatalog(ProductRepository products, BrandRepository brands, Outbox outbox, EntityManager em,
            MeterRegistry registry) {
        this.products = products;
        this.brands = brands;
        this.outbox = outbox;
        this.em = em;
        // Registered at start-up so the series exists (at 0) before the first oversell.
        this.oversoldUnits = Counter.builder("dcbeacon.stock.oversold.units")
                .description("Units box-service allocated beyond a product's stock (the stock stayed at 0)")
                .register(registry);
    }

    @Transactional
    public Product create(UUID brandId, ProductInput input) {
        requireValid(input);
        List<Violation> sku = ProductValidation.newSku(input.sku());
        if (!sku.isEmpty()) {
            throw ProblemException.invalidField("sku", sku.get(0).message());
        }
        Brand brand = brands.findByIdOptional(brandId).orElseThrow(() -> ProblemException.notFound("no brand " + brandId));
        if (products.findBySku(brandId, input.sku()).isPresent()) {
            throw ProblemException.conflict("this brand already has a product with SKU " + input.sku());
        }
        return insert(brand, input, now());
    }

    @Transactional
    public Product update(UUID brandId, String sku, ProductInput input) {
        requireValid(input);
        if (!sku.equals(input.sku())) {
            throw ProblemException.invalidField("sku", "must match the SKU in the path (" + sku + ")");
        }
        Product product = require(brandId, sku);
        requireNotRecalled(product);
        if (!Product.hash(input).equals(product.contentHash)) {
            change(product, input, now());
        }
        return product;
    }

    @Transactional
    public Product setStock(UUID brandId, String sku, int units) {
        Product product = require(brandId, sku);
        requireNotRecalled(product);
        adjustStock(product, units, now());
        return product;
    }

    @Transactional
    public Product retire(UUID brandId, String sku) {
        Product product = require(brandId, sku);
        requireNotRecalled(product);
        if (product.status == ProductStatus.PUBLISHED) {
            product.status = ProductStatus.RETIRED;
            product.updatedAt = now();
            em.flush();
            outbox.publish(EventType.PRODUCT_RETIRED, product.id.toString(),
                    new ProductRetired(product.id, brandId, sku, product.updatedAt));
        }
        return product;
    }

    /** Final and urgent: box-service pulls the product from every unshipped box. Recalling again changes nothing. */
    @Transactional
    public Product recall(UUID brandId, String sku, String reason) {
        Product product = require(brandId, sku);
        // A recall must not fail because boxes moved the product's stock at the same moment: wait for the row, read it
        // fresh, then recall (a 409 "changed by another request" would send a brand away from a safety action).
        em.refresh(product, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (product.status != ProductStatus.RECALLED) {
            product.status = ProductStatus.RECALLED;
            product.recallReason = reason.trim();
            product.updatedAt = now();
            em.flush();
            outbox.publish(EventType.PRODUCT_RECALLED, product.id.toString(),
                    new ProductRecalled(product.id, brandId, sku, product.recallReason, product.updatedAt));
        }
        return product;
    }

    public Product require(UUID brandId, String sku) {
        return products.findBySku(brandId, sku).orElseThrow(() -> ProblemException.notFound("no product with SKU " + sku));
    }

    /** For imports: the caller validated the row and owns the transaction. */
    public Product insertForImport(Brand brand, ProductInput input, OffsetDateTime now) {
        return insert(brand, input, now);
    }

    /** For imports: announces the product's new state without a flush per row. */
    public void changeForImport(Product product, String brandName, ProductInput input, OffsetDateTime now) {
        product.apply(input, now);
        outbox.publish(EventType.PRODUCT_UPDATED, product.id.toString(), data(product, brandName));
    }

    private Product insert(Brand brand, ProductInput input, OffsetDateTime now) {
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.brandId = brand.id;
        product.status = ProductStatus.PUBLISHED;
        product.createdAt = now;
        product.apply(input, now);
        products.persist(product);
        outbox.publish(EventType.PRODUCT_PUBLISHED, product.id.toString(), data(product, brand.name));
        return product;
    }

    private void change(Product product, ProductInput input, OffsetDateTime now) {
        product.apply(input, now);
        em.flush();
        outbox.publish(EventType.PRODUCT_UPDATED, product.id.toString(), data(product, brands.findById(product.brandId).name));
    }

    /** The brand's own count: sets the stock and announces it, unless it already is that. Oversold units stay owed. */
    private void adjustStock(Product product, int units, OffsetDateTime now) {
        if (product.stock == units) {
            return;
        }
        product.stock = units;
        product.updatedAt = now;
        em.flush();
        outbox.publish(EventType.PRODUCT_STOCK_CHANGED, product.id.toString(),
                new ProductStockChanged(product.id, product.brandId, product.sku, units, now, null));
    }

    /**
     * box-service put {@code units} into boxes: the stock goes down, never below 0. Units beyond the stock are
     * oversold: logged, counted in {@code dcbeacon_stock_oversold_units_total} and kept on the product so that
     * releases pay them back first.
     */
    @Transactional
    public void applyAllocation(UUID productId, UUID allocationId, int units) {
        namedByBoxService(productId, "Allocation " + allocationId).ifPresent(product -> {
            StockLevel after = product.stockLevel().allocate(units);
            int oversold = after.oversold() - product.oversoldUnits;
            if (oversold > 0) {
                LOG.warnf("Allocation %s of %d units exceeds the stock %d of %s: %d units oversold", allocationId, units,
                        product.stock, product.sku, oversold);
                oversoldUnits.increment(oversold);
            }
            applyDelta(product, after, allocationId);
        });
    }

    /** Units allocated to boxes came back: oversold units are paid back first, the rest raises the stock. */
    @Transactional
    public void applyRelease(UUID productId, UUID releaseId, int units) {
        namedByBoxService(productId, "Release " + releaseId)
                .ifPresent(product -> applyDelta(product, product.stockLevel().release(units), releaseId));
    }

    /** A product a box-service event names; one this service does not know is logged and the event skipped. */
    public Optional<Product> namedByBoxService(UUID productId, String event) {
        Product product = em.find(Product.class, productId);
        if (product == null) {
            LOG.warnf("%s for unknown product %s ignored", event, productId);
        }
        return Optional.ofNullable(product);
    }

    /**
     * Announced even when the stock figure stays the same (an allocation on an empty stock), so that box-service sees
     * every one of its deltas applied.
     */
    private void applyDelta(Product product, StockLevel level, UUID delta) {
        OffsetDateTime now = now();
        product.stock = level.stock();
        product.oversoldUnits = level.oversold();
        product.updatedAt = now;
        em.flush();
        outbox.publish(EventType.PRODUCT_STOCK_CHANGED, product.id.toString(),
                new ProductStockChanged(product.id, product.brandId, product.sku, product.stock, now, delta));
    }

    static void requireValid(ProductInput input) {
        List<Violation> violations = ProductValidation.violations(input);
        if (!violations.isEmpty()) {
            throw new ProblemException(400, "Invalid product", violations.stream()
                    .map(v -> v.field() + ": " + v.message()).reduce((a, b) -> a + "; " + b).orElse(""), violations);
        }
    }

    private static void requireNotRecalled(Product product) {
        if (product.status == ProductStatus.RECALLED) {
            throw ProblemException.conflict("product " + product.sku + " is recalled; a recall is final");
        }
    }

    static ProductData data(Product p, String brandName) {
        return new ProductData(p.id, p.brandId, brandName, p.sku, p.name, p.category, p.ingredients, p.allergens,
                p.mayContain, p.dietaryTags, p.unitCostCents, p.weightGrams, p.stock, p.status.name(), p.updatedAt);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
