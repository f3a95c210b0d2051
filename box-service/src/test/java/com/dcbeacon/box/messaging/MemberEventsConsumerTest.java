package com.dcbeacon.box.messaging;

import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class MemberEventsConsumerTest extends ConsumerContract {

    @Inject
    MemberReplicaRepository memberReplicaRepository;

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.MEMBER_EVENTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return codec.wrap(
                EventType.MEMBER_REGISTERED,
                "/member-service",
                memberId.toString(),
                new MemberRegistered(memberId, "FR", OffsetDateTime.now()));
    }

    @Override
    protected long effectCount(UUID memberId) {
        return memberReplicaRepository.count("memberId", memberId);
    }
}
