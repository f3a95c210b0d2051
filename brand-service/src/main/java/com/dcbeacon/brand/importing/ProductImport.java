package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.Brand;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.platform.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a bulk upload in one transaction while the body streams in: all-or-nothing rolls back if any row is
 * rejected, partial commits the valid rows. A thread of the import's own reads, validates and decides the rows and
 * builds the new products and their events, a batch of {@value #INSERT_BATCH} at a time, while the request's thread,
 * which owns the transaction, writes the batch before ({@link BatchPipeline}); so parsing and PostgreSQL overlap.
 * The reading thread also encodes the new products and their ProductPublished events as the rows of a COPY each, so the
 * writing thread only sends them ({@link ProductCatalog#insertForImport}); they are never held as managed entities.
 * Updated products go through the persistence context, which is cleared regularly, so memory stays flat however long
 * the file.
 */
@ApplicationScoped
public class ProductImport {

    public enum Mode {
        ALL_OR_NOTHING,
        PARTIAL
    }

    private static final int FLUSH_EVERY = 500;
    /** New products per insert batch. */
    private static final int INSERT_BATCH = 1000;

    private final ProductCatalog catalog;
    private final BrandRepository brands;
    private final ProductRepository products;
    private final EntityManager em;
    private final ProductFileReader reader;

    public ProductImport(
            ProductCatalog catalog,
            BrandRepository brands,
            ProductRepository products,
            EntityManager em,
            ObjectMapper mapper) {
        this.catalog = catalog;
        this.brands = brands;
        this.products = products;
        this.em = em;
        this.reader = new ProductFileReader(mapper);
    }

    /** All-or-nothing found rejected rows: thrown to roll the transaction back, carrying what was found. */
    private static final class Rejected extends RuntimeException {
        final ImportResult result;

        Rejected(ImportResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    public ImportResult importFile(UUID brandId, String mediaType, InputStream body, Mode mode) {
        try {
            return importInTransaction(brandId, mediaType, body, mode);
        } catch (Rejected rejected) {
            return rejected.result;
        }
    }

    private ImportResult importInTransaction(UUID brandId, String mediaType, InputStream body, Mode mode) {
        return QuarkusTransaction.requiringNew().timeout(900).call(() -> {
            Brand brand = brands.findByIdOptional(brandId)
                    .orElseThrow(() -> ProblemException.notFound("no brand " + brandId));
            PreparedCatalogue catalogue = new PreparedCatalogue(brand, existingProducts(brand));
            CatalogueImport run = new CatalogueImport(catalogue);
            BatchWriter writer = new BatchWriter(brand.name);
            // The events are built on the reading thread: they carry the request's trace context from there.
            Context request = Context.current();
            BatchPipeline.run(
                    "product-import",
                    batches -> {
                        try (Scope ignored = request.makeCurrent()) {
                            catalogue.prepare(() -> reader.read(mediaType, body, run), batches);
                        }
                    },
                    writer::write);
            if (mode == Mode.ALL_OR_NOTHING && run.hasRejections()) {
                throw new Rejected(run.result(false));
            }
            return run.result(true);
        });
    }

    /** The brand's products by SKU (id, content hash, status), loaded once. */
    private Map<String, CatalogueImport.Existing> existingProducts(Brand brand) {
        Map<String, CatalogueImport.Existing> existing = new HashMap<>();
        try (Stream<ProductRepository.Fingerprint> fingerprints = products.fingerprintsOf(brand.id)) {
            fingerprints.forEach(
                    p -> existing.put(p.sku(), new CatalogueImport.Existing(p.id(), p.contentHash(), p.status())));
        }
        return existing;
    }

    /** What one batch of rows does to the catalogue: products to create, with their events, and changes. */
    private record Batch(ProductCatalog.NewProducts created, List<Change> changed) {

        int size() {
            return created.size() + changed.size();
        }
    }

    private record Change(UUID productId, ProductInput input) {}

    /**
     * The brand's catalogue as the reading thread sees it: SKUs loaded before the import, decisions collected into
     * batches and handed on; new products and their events are built here, off the database thread.
     */
    private final class PreparedCatalogue implements CatalogueImport.Catalogue {
        private final Brand brand;
        private final Map<String, CatalogueImport.Existing> existing;
        private Consumer<Batch> batches;
        private Batch batch = newBatch();

        PreparedCatalogue(Brand brand, Map<String, CatalogueImport.Existing> existing) {
            this.brand = brand;
            this.existing = existing;
        }

        void prepare(Runnable read, Consumer<Batch> batches) {
            this.batches = batches;
            read.run();
            if (batch.size() > 0) {
                handOn();
            }
        }

        @Override
        public Optional<CatalogueImport.Existing> find(String sku) {
            return Optional.ofNullable(existing.get(sku));
        }

        @Override
        public void create(ProductInput input) {
            catalog.prepareNewForImport(batch.created(), brand, input, now());
            handOnWhenFull();
        }

        @Override
        public void update(UUID productId, ProductInput input) {
            batch.changed().add(new Change(productId, input));
            handOnWhenFull();
        }

        private void handOnWhenFull() {
            if (batch.size() == INSERT_BATCH) {
                handOn();
            }
        }

        private void handOn() {
            batch.created().seal();
            batches.accept(batch);
            batch = newBatch();
        }

        private Batch newBatch() {
            return new Batch(catalog.newProductsForImport(), new ArrayList<>());
        }
    }

    /** Writes batches in the import's transaction, on the thread that owns it. */
    private final class BatchWriter {
        private final String brandName;
        private int changes;

        BatchWriter(String brandName) {
            this.brandName = brandName;
        }

        void write(Batch batch) {
            catalog.insertForImport(batch.created());
            for (Change change : batch.changed()) {
                catalog.changeForImport(products.findById(change.productId()), brandName, change.input(), now());
                if (++changes % FLUSH_EVERY == 0) {
                    em.flush();
                    em.clear();
                }
            }
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
