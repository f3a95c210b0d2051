package com.dcbeacon.brand.domain;

import com.dcbeacon.brand.persistence.BrandRepository;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.messaging.ReAnnounceable;
import com.dcbeacon.platform.messaging.ReAnnouncement;
import com.dcbeacon.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-announces products so that box-service can rebuild a lost or corrupted catalogue replica after the topics'
 * retention removed the events it was built from: per product a {@code ProductUpdated} with its full current state,
 * stock and status included (the event every change of a product already publishes, which box-service applies by
 * overwriting; its local stock stays brand stock minus its own pending deltas, so no unit is counted twice).
 *
 * <p>Products go page by page ({@link ReAnnouncement}), their rows locked, so that the announced stock is never older
 * than a stock event behind it.
 */
@ApplicationScoped
public class CatalogueAnnouncements implements ReAnnounceable {

    private final ReAnnouncement pages;
    private final BrandRepository brands;
    private final Outbox outbox;

    public CatalogueAnnouncements(ReAnnouncement pages, BrandRepository brands, Outbox outbox) {
        this.pages = pages;
        this.brands = brands;
        this.outbox = outbox;
    }

    @Override
    public String counted() {
        return "products";
    }

    /** Announces every product; answers how many. */
    @Override
    public int announceAll() {
        return pages.all(Product.class, p -> p.id, this::publish);
    }

    /** Announces one product; 404 when there is no such product. */
    @Override
    public int announce(UUID productId) {
        return pages.one(Product.class, productId, "product", this::publish);
    }

    private void publish(List<Product> products) {
        Map<UUID, String> brandNames = new HashMap<>();
        for (Product product : products) {
            String brandName = brandNames.computeIfAbsent(product.brandId, id -> brands.findById(id).name);
            outbox.publish(EventType.PRODUCT_UPDATED, product.id.toString(), ProductCatalog.data(product, brandName));
        }
    }
}
