package com.dcbeacon.box.messaging;

import com.dcbeacon.box.persistence.MemberRatingRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The feedback-events channel: applied once, poison records dead-lettered, the partition kept moving. */
@QuarkusTest
class FeedbackEventsConsumerTest extends ConsumerContract {

    @Inject
    MemberRatingRepository memberRatingRepository;

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.FEEDBACK_EVENTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return codec.wrap(
                EventType.PRODUCT_RATED,
                "/feedback-service",
                memberId.toString(),
                new ProductRated(
                        UUID.randomUUID(), memberId, UUID.randomUUID(), UUID.randomUUID(), 4, OffsetDateTime.now()));
    }

    @Override
    protected long effectCount(UUID memberId) {
        return memberRatingRepository.count("key.memberId", memberId);
    }
}
