package com.dcbeacon.brand.messaging;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The consumer contract of the box-events consumer, once per event type it handles (subclasses). Every event is about
 * a product of this service, so the aggregate id of the contract becomes the id of a product stored for it: record
 * key, event subject and product id are one, as box-service sends them.
 */
abstract class BoxEventsContract extends ConsumerContract {

    static final int INITIAL_STOCK = 100;
    static final String CYCLE = YearMonth.now().plusMonths(1).toString();

    @Override
    protected String consumerName() {
        return BoxEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.BOX_EVENTS;
    }

    /** Stores a product with this id and {@link #INITIAL_STOCK} units, of a brand onboarded over the API; its brand. */
    protected UUID storeProduct(UUID productId) {
        UUID brandId = Brands.onboard();
        QuarkusTransaction.requiringNew().run(() -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            Product product = new Product();
            product.id = productId;
            product.brandId = brandId;
            product.status = ProductStatus.PUBLISHED;
            product.createdAt = now;
            product.apply(
                    new ProductInput(
                            "C-" + productId,
                            "Contract Snack",
                            "snacks",
                            null,
                            List.of("corn"),
                            List.of(),
                            List.of(),
                            List.of(),
                            50L,
                            30,
                            INITIAL_STOCK),
                    now);
            em.persist(product);
        });
        return brandId;
    }

    protected Product product(UUID productId) {
        return em.find(Product.class, productId);
    }

    protected long reviews(UUID productId, String condition) {
        return em.createQuery(
                        "select count(r) from ProductReview r where r.productId = :product and " + condition,
                        Long.class)
                .setParameter("product", productId)
                .getSingleResult();
    }
}
