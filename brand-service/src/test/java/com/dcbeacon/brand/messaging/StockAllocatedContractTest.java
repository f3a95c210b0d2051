package com.dcbeacon.brand.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.StockAllocated;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class StockAllocatedContractTest extends BoxEventsContract {

    @Override
    protected EventEnvelope validEvent(UUID productId) {
        storeProduct(productId);
        return codec.wrap(
                EventType.STOCK_ALLOCATED,
                "/box-service",
                productId.toString(),
                new StockAllocated(UUID.randomUUID(), productId, CYCLE, 1, OffsetDateTime.now()));
    }

    /** Units taken, one per allocation applied. */
    @Override
    protected long effectCount(UUID productId) {
        return INITIAL_STOCK - product(productId).stock;
    }
}
