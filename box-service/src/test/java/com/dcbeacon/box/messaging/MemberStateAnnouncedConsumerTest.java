package com.dcbeacon.box.messaging;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The member-events consumer's contract for a re-announced member: its subscription replica is rebuilt once. */
@QuarkusTest
class MemberStateAnnouncedConsumerTest extends ConsumerContract {

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.MEMBER_EVENTS;
    }

    /** A cancelled subscription, so that these members never take part in other tests' curation runs. */
    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return codec.wrap(
                EventType.MEMBER_STATE_ANNOUNCED,
                "/member-service",
                memberId.toString(),
                new MemberStateAnnounced(
                        memberId,
                        "FR",
                        OffsetDateTime.now().minusDays(30),
                        false,
                        true,
                        3,
                        new MemberStateAnnounced.Subscription(
                                UUID.randomUUID(),
                                "CANCELLED",
                                "classic",
                                4,
                                2499,
                                "EUR",
                                null,
                                List.of("2031-02"),
                                null),
                        OffsetDateTime.now()));
    }

    @Override
    protected long effectCount(UUID memberId) {
        return subscriptionReplicaRepository.count(
                "memberId = ?1 and status = ?2 and preferencesVersionRequired = 3",
                memberId,
                BoxEligibility.Status.CANCELLED);
    }
}
