package com.dcbeacon.brand.importing;

import com.dcbeacon.brand.domain.Brand;
import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.brand.persistence.ProductRepository;
import com.dcbeacon.platform.problem.ProblemException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.stream.Stream;

/**
 * Runs a bulk upload in one transaction while the body streams in: all-or-nothing rolls back if any row is
 * rejected, partial commits the valid rows. New products are written in batches through a stateless session
 * (multi-row inserts), never held as managed entities; updated ones go through the persistence context, which is
 * cleared regularly, so memory stays flat however long the file.
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
            DatabaseCatalogue catalogue = new DatabaseCatalogue(brand);
            CatalogueImport run = new CatalogueImport(catalogue);
            reader.read(mediaType, body, run);
            catalogue.writeNewProducts();
            if (mode == Mode.ALL_OR_NOTHING && run.hasRejections()) {
                throw new Rejected(run.result(false));
            }
            return run.result(true);
        });
    }

    /** The brand's catalogue in the database: SKUs and content hashes loaded once, changes written through. */
    private final class DatabaseCatalogue implements CatalogueImport.Catalogue {
        private final Brand brand;
        private final Map<String, CatalogueImport.Existing> existing = new HashMap<>();
        private final List<Product> newProducts = new ArrayList<>(INSERT_BATCH);
        private int writes;

        DatabaseCatalogue(Brand brand) {
            this.brand = brand;
            try (Stream<ProductRepository.Fingerprint> fingerprints = products.fingerprintsOf(brand.id)) {
                fingerprints.forEach(
                        p -> existing.put(p.sku(), new CatalogueImport.Existing(p.id(), p.contentHash(), p.status())));
            }
        }

        @Override
        public Optional<CatalogueImport.Existing> find(String sku) {
            return Optional.ofNullable(existing.get(sku));
        }

        @Override
        public void create(ProductInput input) {
            newProducts.add(catalog.announceNewForImport(brand, input, now()));
            if (newProducts.size() == INSERT_BATCH) {
                writeNewProducts();
            }
        }

        void writeNewProducts() {
            products.insertAll(newProducts);
            newProducts.clear();
        }

        @Override
        public void update(UUID productId, ProductInput input) {
            catalog.changeForImport(products.findById(productId), brand.name, input, now());
            written();
        }

        private void written() {
            if (++writes % FLUSH_EVERY == 0) {
                em.flush();
                em.clear();
            }
        }
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
