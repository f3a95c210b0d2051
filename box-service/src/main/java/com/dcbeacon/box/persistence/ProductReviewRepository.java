package com.dcbeacon.box.persistence;

import com.dcbeacon.box.domain.ProductReview;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ProductReviewRepository implements PanacheRepositoryBase<ProductReview, UUID> {

    /** Open reviews, newest first. */
    public List<ProductReview> open() {
        return list("clearedAt is null order by openedAt desc");
    }

    public Optional<ProductReview> openFor(UUID productId) {
        return find("productId = ?1 and clearedAt is null", productId).firstResultOptional();
    }
}
