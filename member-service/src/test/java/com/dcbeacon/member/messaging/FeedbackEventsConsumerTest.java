package com.dcbeacon.member.messaging;

import com.dcbeacon.member.StoredMembers;
import com.dcbeacon.member.domain.Notification;
import com.dcbeacon.member.persistence.NotificationRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import com.dcbeacon.platform.testing.ConsumerContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The feedback-events channel: applied once, poison records dead-lettered, the partition kept moving. An invitation
 * to the NPS survey becomes one notification; feedback-service keys it by member id.
 */
@QuarkusTest
class FeedbackEventsConsumerTest extends ConsumerContract {

    @Inject
    StoredMembers members;

    @Inject
    NotificationRepository notifications;

    @Override
    protected String consumerName() {
        return BoxAndDataRightsEventsConsumer.CONSUMER;
    }

    @Override
    protected String sourceTopic() {
        return Topics.FEEDBACK_EVENTS;
    }

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        members.store(memberId);
        return codec.wrap(
                EventType.NPS_SURVEY_INVITED,
                "/feedback-service",
                memberId.toString(),
                new NpsSurveyInvited(
                        UUID.randomUUID(), memberId, UUID.randomUUID(), OffsetDateTime.now(ZoneOffset.UTC)));
    }

    /** Invitations the member is told of: one per invitation. */
    @Override
    protected long effectCount(UUID memberId) {
        return notifications.count("memberId = ?1 and kind = ?2", memberId, Notification.Kind.NPS_INVITATION);
    }
}
