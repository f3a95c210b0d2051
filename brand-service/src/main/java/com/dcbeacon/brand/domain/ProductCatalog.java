package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.brand.persistence.ProductRepository.StockRow;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRecalled;
import com.dcbeacon.platform.events.payload.ProductRetired;
import com.dcbeacon.platform.outbox.Outbox;
import com.dcbeacon.platform.problem.ProblemDetail.Violation;
import com.dcbeacon.platform.problem.ProblemException;
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
 * A brand's catalogue: products created, changed, retired and recalled by the brand. Every change is announced through
 * the outbox with the full data curation needs; a call that changes nothing announces nothing. A recall is final.
 * Stock moves in {@link ProductStock}.
 */
@ApplicationScoped
public class ProductCatalog {

    private static final Logger LOG = Logger.getLogger(ProductCatalog.class);

    private final ProductRepository products;
    private final BrandRepository brands;
    private final Outbox outbox;
    private final EntityManager em;

    public ProductCatalog(ProductRepository products, BrandRepository brands, Outbox outbox, EntityManager em) {
        this.products = products;
        this.brands = brands;
        this.outbox = outbox;
        this.em = em;
    }

    @Transactional
    public Product create(UUID brandId, ProductInput input) {
        requireValid(input);
        List<Violation> sku = ProductValidation.newSku(input.sku());
        if (!sku.isEmpty()) {
            throw ProblemException.invalidField("sku", sku.get(0).message());
        }
        Brand brand =
                brands.findByIdOptional(brandId).orElseThrow(() -> ProblemException.notFound("no brand " + brandId));
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
    public Product retire(UUID brandId, String sku) {
        Product product = require(brandId, sku);
        requireNotRecalled(product);
        if (product.status == ProductStatus.PUBLISHED) {
            product.status = ProductStatus.RETIRED;
            product.updatedAt = now();
            em.flush();
            outbox.publish(
                    EventType.PRODUCT_RETIRED,
                    product.id.toString(),
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
            outbox.publish(
                    EventType.PRODUCT_RECALLED,
                    product.id.toString(),
                    new ProductRecalled(product.id, brandId, sku, product.recallReason, product.updatedAt));
        }
        return product;
    }

    /** Page {@code page} (from 0) of {@code size} of the brand's products matching the filter, ordered by SKU. */
    public List<Product> list(UUID brandId, ProductFilter filter, int page, int size) {
        return products.forBrand(brandId, filter, page, size);
    }

    public Product require(UUID brandId, String sku) {
        return products.findBySku(brandId, sku)
                .orElseThrow(() -> ProblemException.notFound("no product with SKU " + sku));
    }

    /**
     * For imports: an empty batch of new products with their ProductPublished events, filled on any thread
     * ({@link #prepareNewForImport}) and written in the import's transaction ({@link #insertForImport}).
     */
    public NewProducts newProductsForImport() {
        return new NewProducts(products.newRows(), outbox.firstEvents());
    }

    /**
     * New products an import creates and their ProductPublished events (each product's first, sequence 1), built,
     * checked against the event schema and encoded as rows outside the transaction, so building can overlap the writing
     * of the batch before. Not thread-safe: one thread fills it, {@link #seal}s it and hands it on.
     */
    public record NewProducts(ProductRepository.ProductRows rows, Outbox.FirstEvents published) {
        public int size() {
            return rows.size();
        }

        /** Encodes the rows for sending on this thread; nothing may be added after. */
        public NewProducts seal() {
            rows.seal();
            published.seal();
            return this;
        }
    }

    /**
     * For imports: adds a new product and its ProductPublished to the batch, neither written yet; the caller validated
     * the row. Touches no database, so it may run on a thread of its own.
     */
    public void prepareNewForImport(NewProducts batch, Brand brand, ProductInput input, OffsetDateTime now) {
        Product product = newProduct(brand, input, now);
        // The event first: its schema check is the step that may refuse; the row of a product the entity maps cannot.
        batch.published().add(EventType.PRODUCT_PUBLISHED, product.id.toString(), data(product, brand.name));
        batch.rows().add(product);
    }

    /** For imports: writes a prepared batch's products and records their events in the current transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void insertForImport(NewProducts batch) {
        products.insertAll(batch.rows());
        outbox.recordFirst(batch.published());
    }

    /** For imports: announces the product's new state without a flush per row. */
    public void changeForImport(Product product, String brandName, ProductInput input, OffsetDateTime now) {
        product.apply(input, now);
        outbox.publish(EventType.PRODUCT_UPDATED, product.id.toString(), data(product, brandName));
    }

    private Product insert(Brand brand, ProductInput input, OffsetDateTime now) {
        Product product = newProduct(brand, input, now);
        products.persist(product);
        outbox.publish(EventType.PRODUCT_PUBLISHED, product.id.toString(), data(product, brand.name));
        return product;
    }

    private static Product newProduct(Brand brand, ProductInput input, OffsetDateTime now) {
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.brandId = brand.id;
        product.status = ProductStatus.PUBLISHED;
        product.createdAt = now;
        product.apply(input, now);
        return product;
    }

    private void change(Product product, ProductInput input, OffsetDateTime now) {
        product.apply(input, now);
        em.flush();
        outbox.publish(
                EventType.PRODUCT_UPDATED, product.id.toString(), data(product, brands.findById(product.brandId).name));
    }

    /** A product a box-service event names; one this service does not know is logged and the event skipped. */
    public Optional<Product> namedByBoxService(UUID productId, String event) {
        return knownOrLogged(products.findByIdOptional(productId), productId, event);
    }

    /** The stock row of a product a box-service event names; as {@link #namedByBoxService}, without the entity. */
    public Optional<StockRow> stockNamedByBoxService(UUID productId, String event) {
        return knownOrLogged(products.stockOf(productId), productId, event);
    }

    private static <T> Optional<T> knownOrLogged(Optional<T> product, UUID productId, String event) {
        if (product.isEmpty()) {
            LOG.warnf("%s for unknown product %s ignored", event, productId);
        }
        return product;
    }

    static void requireValid(ProductInput input) {
        List<Violation> violations = ProductValidation.violations(input);
        if (!violations.isEmpty()) {
            throw new ProblemException(
                    400,
                    "Invalid product",
                    violations.stream()
                            .map(v -> v.field() + ": " + v.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""),
                    violations);
        }
    }

    static void requireNotRecalled(Product product) {
        if (product.status == ProductStatus.RECALLED) {
            throw ProblemException.conflict("product " + product.sku + " is recalled; a recall is final");
        }
    }

    /** The full state of a product as its ProductPublished and ProductUpdated events carry it. */
    public static ProductData data(Product p, String brandName) {
        return new ProductData(
                p.id,
                p.brandId,
                brandName,
                p.sku,
                p.name,
                p.category,
                p.ingredients,
                p.allergens,
                p.mayContain,
                p.dietaryTags,
                p.unitCostCents,
                p.weightGrams,
                p.stock,
                p.status.name(),
                p.updatedAt);
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
