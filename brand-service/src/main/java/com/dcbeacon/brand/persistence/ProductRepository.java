package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductFilter;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.brand.domain.StockLevel;
import com.dcbeacon.platform.persistence.CopyRows;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hibernate.Session;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public Optional<Product> findBySku(UUID brandId, String sku) {
        return find("brandId = ?1 and sku = ?2", brandId, sku).firstResultOptional();
    }

    /** Page {@code page} (from 0) of {@code size} of the brand's products matching the filter, ordered by SKU. */
    public List<Product> forBrand(UUID brandId, ProductFilter filter, int page, int size) {
        StringBuilder query = new StringBuilder("brandId = :brand");
        Parameters parameters = Parameters.with("brand", brandId);
        if (filter.status() != null) {
            query.append(" and status = :status");
            parameters.and("status", filter.status());
        }
        if (filter.category() != null) {
            query.append(" and category = :category");
            parameters.and("category", filter.category());
        }
        if (filter.underReview() != null) {
            query.append(" and underReview = :underReview");
            parameters.and("underReview", filter.underReview());
        }
        return find(query + " order by sku", parameters)
                .page(Page.of(page, size))
                .list();
    }

    /**
     * Every column of {@code product}, in the order {@link ProductRows} encodes them (compared with the table's columns
     * by {@code ProductImportTest}).
     */
    public static final List<String> COLUMNS = List.of(
            "id",
            "brand_id",
            "sku",
            "name",
            "category",
            "description",
            "ingredients",
            "allergens",
            "may_contain",
            "dietary_tags",
            "unit_cost_cents",
            "weight_grams",
            "stock",
            "oversold_units",
            "status",
            "recall_reason",
            "under_review",
            "review_opened_at",
            "content_hash",
            "created_at",
            "updated_at",
            "version");

    private final ObjectMapper mapper;

    public ProductRepository(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** An empty batch of new products to encode on any thread and write with {@link #insertAll}. */
    public ProductRows newRows() {
        return new ProductRows();
    }

    /**
     * New products encoded as the rows of one COPY into {@code product}, every column as the {@link Product} entity
     * maps it (its list columns as JSON arrays), on the thread that adds them; not thread-safe, hand it on when full.
     */
    public final class ProductRows {
        private final CopyRows rows = new CopyRows("product", COLUMNS);

        private ProductRows() {}

        public ProductRows add(Product p) {
            rows.row(
                    p.id,
                    p.brandId,
                    p.sku,
                    p.name,
                    p.category,
                    p.description,
                    json(p.ingredients),
                    json(p.allergens),
                    json(p.mayContain),
                    json(p.dietaryTags),
                    p.unitCostCents,
                    p.weightGrams,
                    p.stock,
                    p.oversoldUnits,
                    p.status,
                    p.recallReason,
                    p.underReview,
                    p.reviewOpenedAt,
                    p.contentHash,
                    p.createdAt,
                    p.updatedAt,
                    p.version);
            return this;
        }

        public int size() {
            return rows.size();
        }

        /** Encodes the rows for sending, on this thread; call it last, before handing the batch on. */
        public ProductRows seal() {
            rows.seal();
            return this;
        }

        /** A list column as a JSON array; a missing list as SQL null, which the table refuses, as it would a bind. */
        private String json(List<String> list) {
            if (list == null) {
                return null;
            }
            try {
                return mapper.writeValueAsString(list);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Inserts the new products with one COPY in the current transaction, bypassing the persistence context, so a bulk
     * import of tens of thousands of products never holds them as managed entities and the thread holding the
     * transaction only sends rows encoded elsewhere. The products are not attached; read them again to change them in
     * the same transaction. A SKU the brand already has fails the statement (unique brand and SKU), as an insert would.
     */
    public void insertAll(ProductRows newProducts) {
        if (newProducts.size() > 0) {
            getEntityManager().unwrap(Session.class).doWork(newProducts.rows::copyInto);
        }
    }

    /** What an import needs to know of a product without loading it: its id, content hash and status by SKU. */
    public record Fingerprint(String sku, UUID id, String contentHash, ProductStatus status) {}

    /** The fingerprint of every product of the brand, streamed (close the stream). */
    public Stream<Fingerprint> fingerprintsOf(UUID brandId) {
        return getEntityManager()
                .createQuery(
                        "select p.sku, p.id, p.contentHash, p.status from Product p where p.brandId = :brand",
                        Object[].class)
                .setParameter("brand", brandId)
                .getResultStream()
                .map(r -> new Fingerprint((String) r[0], (UUID) r[1], (String) r[2], (ProductStatus) r[3]));
    }

    /** What applying a stock delta needs of a product: whom to announce it for, its stock level and its version. */
    public record StockRow(UUID id, UUID brandId, String sku, StockLevel level, long version) {}

    /** The product's stock row, without loading the product (its JSON list columns) as an entity. */
    public Optional<StockRow> stockOf(UUID productId) {
        return getEntityManager()
                .createQuery(
                        "select p.brandId, p.sku, p.stock, p.oversoldUnits, p.version from Product p where p.id = :id",
                        Object[].class)
                .setParameter("id", productId)
                .getResultStream()
                .findFirst()
                .map(r -> new StockRow(
                        productId, (UUID) r[0], (String) r[1], new StockLevel((Integer) r[2], (Integer) r[3]), (Long)
                                r[4]));
    }

    /**
     * Writes the stock level of the product read as {@code row} and moves its version on, as a flush of the entity
     * would; false, writing nothing, if the product changed since it was read (its version moved).
     */
    public boolean updateStock(StockRow row, StockLevel level, OffsetDateTime now) {
        return update(
                        "stock = ?1, oversoldUnits = ?2, updatedAt = ?3, version = version + 1 where id = ?4 and version = ?5",
                        level.stock(),
                        level.oversold(),
                        now,
                        row.id(),
                        row.version())
                == 1;
    }
}
