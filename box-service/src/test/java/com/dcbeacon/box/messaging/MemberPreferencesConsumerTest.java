package com.dcbeacon.box.messaging;

import com.dcbeacon.box.domain.PreferenceReplica;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** The member-preferences channel: applied once, poison records dead-lettered, the partition kept moving. */
@QuarkusTest
class MemberPreferencesConsumerTest extends ConsumerContract {

    @Override
    protected String consumerName() {
        return MemberEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.MEMBER_PREFERENCES;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return codec.wrap(EventType.MEMBER_PREFERENCES_CHANGED, "/member-service", memberId.toString(), new MemberPreferencesChanged(
                memberId, List.of("SESAME"), List.of(), List.of("chips"), List.of(), true, OffsetDateTime.now(), 1));
    }

    @Override
    protected long effectCount(UUID memberId) {
        return PreferenceReplica.count("memberId", memberId);
    }
}
