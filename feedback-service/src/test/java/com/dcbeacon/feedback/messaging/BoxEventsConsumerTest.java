package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * The box-events channel: applied once, poison records dead-lettered, the partition kept moving. A delivered box opens
 * its items for rating; box-service keys it by member id.
 */
@QuarkusTest
class BoxEventsConsumerTest extends ConsumerContract {

    @Inject
    DeliveredBoxRepository boxes;

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.BOX_EVENTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return codec.wrap(
                EventType.BOX_DELIVERED,
                "/box-service",
                memberId.toString(),
                new BoxDelivered(
                        UUID.randomUUID(),
                        memberId,
                        YearMonth.now(ZoneOffset.UTC).toString(),
                        List.of(new BoxDelivered.Item(UUID.randomUUID(), UUID.randomUUID(), "SKU-1", "Contract Snack")),
                        OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Boxes the member may rate from: one per delivered box. */
    @Override
    protected long effectCount(UUID memberId) {
        return boxes.count("memberId", memberId);
    }
}
