package com.dcbeacon.box.messaging;

import com.dcbeacon.box.persistence.CatalogueProductRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The brand-events channel: applied once, poison records dead-lettered, the partition kept moving. */
@QuarkusTest
class BrandEventsConsumerTest extends ConsumerContract {

    @Inject
    CatalogueProductRepository catalogueProductRepository;

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.BRAND_EVENTS;
    }

    /** A product without stock, so the other tests' curation runs never pick it. */
    @Override
    protected EventEnvelope validEvent(UUID productId) {
        return codec.wrap(
                EventType.PRODUCT_PUBLISHED,
                "/brand-service",
                productId.toString(),
                new ProductData(
                        productId,
                        UUID.randomUUID(),
                        "Contract Co",
                        "CT-" + productId.toString().substring(0, 8),
                        "Contract crisps",
                        "contract",
                        List.of("potato"),
                        List.of(),
                        List.of(),
                        List.of(),
                        100,
                        30,
                        0,
                        "PUBLISHED",
                        OffsetDateTime.now()));
    }

    @Override
    protected long effectCount(UUID productId) {
        return catalogueProductRepository.count("productId", productId);
    }
}
