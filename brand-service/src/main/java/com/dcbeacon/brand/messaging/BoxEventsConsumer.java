package com.dcbeacon.brand.messaging;

import com.dcbeacon.brand.domain.ProductReviews;
import com.dcbeacon.brand.domain.ProductStock;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductReviewCleared;
import com.dcbeacon.platform.events.payload.ProductReviewOpened;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.events.payload.StockReleased;
import com.dcbeacon.platform.messaging.EventConsumer;
import com.dcbeacon.platform.messaging.InboundEvents;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Consumer;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * box-service's stock deltas (each applied once: allocations lower the stock, releases raise it) and product reviews.
 * Brand-service never receives member data.
 */
@ApplicationScoped
public class BoxEventsConsumer implements EventConsumer {

    static final String CONSUMER = "brand-service";

    private final InboundEvents events;
    private final Map<EventType, Consumer<EventEnvelope>> handlers;

    public BoxEventsConsumer(InboundEvents events, ProductStock stock, ProductReviews reviews) {
        this.events = events;
        this.handlers = Map.of(
                EventType.STOCK_ALLOCATED,
                        e -> {
                            StockAllocated a = events.payload(e, StockAllocated.class);
                            stock.applyAllocation(a.productId(), a.allocationId(), a.units());
                        },
                EventType.STOCK_RELEASED,
                        e -> {
                            StockReleased r = events.payload(e, StockReleased.class);
                            stock.applyRelease(r.productId(), r.releaseId(), r.units());
                        },
                EventType.PRODUCT_REVIEW_OPENED,
                        e -> {
                            ProductReviewOpened o = events.payload(e, ProductReviewOpened.class);
                            reviews.open(o.productId(), o.reviewId(), o.openedAt());
                        },
                EventType.PRODUCT_REVIEW_CLEARED,
                        e -> {
                            ProductReviewCleared c = events.payload(e, ProductReviewCleared.class);
                            reviews.clear(c.productId(), c.reviewId(), c.clearedAt());
                        });
    }

    @Override
    public Map<String, Handlers> handlersByTopic() {
        return EventConsumer.forTopics(CONSUMER, handlers, Topics.BOX_EVENTS);
    }

    @Incoming("box-events")
    @Blocking(ordered = true)
    public void onBoxEvent(String value) {
        events.apply(CONSUMER, Topics.BOX_EVENTS, value, handlers);
    }
}
