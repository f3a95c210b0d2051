package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductFilter;
import com.dcbeacon.brand.domain.ProductStatus;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
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

    private static final String INSERT = "insert into product (id, brand_id, sku, name, category, description,"
            + " ingredients, allergens, may_contain, dietary_tags, unit_cost_cents, weight_grams, stock, oversold_units,"
            + " status, recall_reason, under_review, review_opened_at, content_hash, created_at, updated_at, version)"
            + " values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final ObjectMapper json;

    public ProductRepository(ObjectMapper json) {
        this.json = json;
    }

    /**
     * Writes new products in one JDBC batch (sent as multi-row inserts: {@code reWriteBatchedInserts}), bypassing the
     * persistence context: a bulk import of tens of thousands of products never holds them as managed entities. The
     * products are not attached; read them again to change them in the same transaction.
     */
    public void insertAll(List<Product> newProducts) {
        if (newProducts.isEmpty()) {
            return;
        }
        getEntityManager().unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (Product p : newProducts) {
                    int i = 0;
                    insert.setObject(++i, p.id);
                    insert.setObject(++i, p.brandId);
                    insert.setString(++i, p.sku);
                    insert.setString(++i, p.name);
                    insert.setString(++i, p.category);
                    insert.setString(++i, p.description);
                    insert.setString(++i, jsonOf(p.ingredients));
                    insert.setString(++i, jsonOf(p.allergens));
                    insert.setString(++i, jsonOf(p.mayContain));
                    insert.setString(++i, jsonOf(p.dietaryTags));
                    insert.setLong(++i, p.unitCostCents);
                    insert.setInt(++i, p.weightGrams);
                    insert.setInt(++i, p.stock);
                    insert.setInt(++i, p.oversoldUnits);
                    insert.setString(++i, p.status.name());
                    insert.setString(++i, p.recallReason);
                    insert.setBoolean(++i, p.underReview);
                    insert.setObject(++i, p.reviewOpenedAt);
                    insert.setString(++i, p.contentHash);
                    insert.setObject(++i, p.createdAt);
                    insert.setObject(++i, p.updatedAt);
                    insert.setLong(++i, p.version);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private String jsonOf(List<String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
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
}
