package com.dcbeacon.brand.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.StockReleased;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class StockReleasedContractTest extends BoxEventsContract {

    @Override
    protected EventEnvelope validEvent(UUID productId) {
        storeProduct(productId);
        return codec.wrap(
                EventType.STOCK_RELEASED,
                "/box-service",
                productId.toString(),
                new StockReleased(UUID.randomUUID(), productId, CYCLE, 1, "box withdrawn", OffsetDateTime.now()));
    }

    /** Units returned, one per release applied. */
    @Override
    protected long effectCount(UUID productId) {
        return product(productId).stock - INITIAL_STOCK;
    }
}
