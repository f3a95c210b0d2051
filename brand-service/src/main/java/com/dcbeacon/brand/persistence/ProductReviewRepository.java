package com.dcbeacon.brand.persistence;

import com.dcbeacon.brand.domain.ProductReview;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
public class ProductReviewRepository implements PanacheRepositoryBase<ProductReview, UUID> {

    public List<ProductReview> openFor(UUID productId) {
        return list("productId = ?1 and openedAt is not null and clearedAt is null", productId);
    }
}
