package com.dcbeacon.brand.messaging;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.InvalidEventException;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Lowers a product's stock once per allocation box-service announces. Brand-service never receives member data. */
@ApplicationScoped
public class BoxEventsConsumer {

    static final String CONSUMER = "brand-service";
    private static final Logger LOG = Logger.getLogger(BoxEventsConsumer.class);

    private final InboundEvents events;
    private final ProductCatalog catalog;
    private final EntityManager em;

    public BoxEventsConsumer(InboundEvents events, ProductCatalog catalog, EntityManager em) {
        this.events = events;
        this.catalog = catalog;
        this.em = em;
    }

    @Incoming("box-events")
    @Blocking(ordered = true)
    @Retry(maxRetries = 3, delay = 200, jitter = 100, abortOn = InvalidEventException.class)
    public void onBoxEvent(String value) {
        events.apply(CONSUMER, value, Map.of(EventType.STOCK_ALLOCATED, e -> {
            StockAllocated allocation = events.payload(e, StockAllocated.class);
            Product product = em.find(Product.class, allocation.productId());
            if (product == null) {
                LOG.warnf("Allocation %s for unknown product %s ignored", allocation.allocationId(), allocation.productId());
                return;
            }
            int remaining = Math.max(0, product.stock - allocation.units());
            if (product.stock < allocation.units()) {
                LOG.warnf("Allocation %s of %d units exceeds the stock %d of %s", allocation.allocationId(),
                        allocation.units(), product.stock, product.sku);
            }
            catalog.adjustStock(product, remaining, OffsetDateTime.now(ZoneOffset.UTC));
        }));
    }
}
