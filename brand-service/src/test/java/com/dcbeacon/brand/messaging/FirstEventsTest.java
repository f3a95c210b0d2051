package com.dcbeacon.brand.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.brand.domain.Product;
import com.dcbeacon.brand.domain.ProductCatalog;
import com.dcbeacon.brand.domain.ProductInput;
import com.dcbeacon.brand.domain.ProductStatus;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.outbox.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * First events ({@link Outbox#firstEvents}): built and serialized with sequence 1 off the transaction, recorded with
 * one COPY. A subject whose stream turns out not to be new gets the sequence its counter gives, after the event the
 * transaction recorded before it, never a second sequence 1.
 */
@QuarkusTest
class FirstEventsTest {

    @Inject
    Outbox outbox;

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldGiveAFirstEventOfASubjectWithEventsTheNextSequence() {
        ProductData known = data();
        ProductData fresh = data();
        List<Object[]> rows;
        QuarkusTransaction.begin();
        try {
            outbox.publish(EventType.PRODUCT_PUBLISHED, known.productId().toString(), known);
            outbox.recordFirst(outbox.firstEvents()
                    .add(EventType.PRODUCT_UPDATED, known.productId().toString(), known)
                    .add(EventType.PRODUCT_PUBLISHED, fresh.productId().toString(), fresh)
                    .seal());
            @SuppressWarnings("unchecked")
            List<Object[]> written = em.createNativeQuery(
                            "select message_key, event_type, envelope from outbox_event where message_key in (?1, ?2)"
                                    + " order by id")
                    .setParameter(1, known.productId().toString())
                    .setParameter(2, fresh.productId().toString())
                    .getResultList();
            rows = written;
        } finally {
            QuarkusTransaction.rollback(); // nothing of the test reaches Kafka
        }
        assertThat(rows)
                .extracting(r -> r[0] + " " + r[1] + " " + sequence((String) r[2]))
                .containsExactly(
                        known.productId() + " ProductPublished 1",
                        known.productId() + " ProductUpdated 2",
                        fresh.productId() + " ProductPublished 1");
    }

    @Test
    void shouldRefuseTwoFirstEventsOfOneSubjectInABatch() {
        ProductData product = data();
        Outbox.FirstEvents events = outbox.firstEvents()
                .add(EventType.PRODUCT_PUBLISHED, product.productId().toString(), product);
        assertThat(events.size()).isEqualTo(1);
        assertThatThrownBy(() -> events.add(
                        EventType.PRODUCT_PUBLISHED, product.productId().toString(), product))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(product.productId().toString());
    }

    private long sequence(String envelope) {
        try {
            return mapper.readTree(envelope).path("sequence").asLong();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProductData data() {
        Product p = new Product();
        p.id = UUID.randomUUID();
        p.brandId = UUID.randomUUID();
        p.status = ProductStatus.PUBLISHED;
        p.apply(
                new ProductInput(
                        "FIRST-" + p.id,
                        "Oat bar",
                        "bars",
                        null,
                        List.of("oats"),
                        List.of(),
                        List.of(),
                        List.of(),
                        100L,
                        30,
                        5),
                OffsetDateTime.now(ZoneOffset.UTC));
        return ProductCatalog.data(p, "A brand");
    }
}
