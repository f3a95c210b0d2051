package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProductRepository implements PanacheRepositoryBase<Product, UUID> {

    public Optional<Product> findBySku(UUID brandId, String sku) {
        return find("brandId = ?1 and sku = ?2", brandId, sku).firstResultOptional();
    }

    /**
     * What a brand's product list may be narrowed to; a null field does not narrow. {@code category} is matched as
     * stored: trimmed and lower case.
     */
    public record Filter(ProductStatus status, String category, Boolean underReview) {}

    /** Page {@code page} (from 0) of {@code size} of the brand's products matching the filter, ordered by SKU. */
    public List<Product> forBrand(UUID brandId, Filter filter, int page, int size) {
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
}
