package com.dcbeacon.feedback.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.feedback.AdvancingClock;
import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.feedback.domain.NpsInvitation;
import com.dcbeacon.feedback.persistence.DeliveredBoxRepository;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.feedback.persistence.NpsInvitationRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.events.payload.CommunicationPreferencesChanged;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.NpsSurveyInvited;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A delivered box invites its member to the NPS survey, at most once in 90 days and never after an opt-out; each
 * invitation is recorded and announced as {@code NpsSurveyInvited} through the outbox, fed by real events.
 */
@QuarkusTest
class NpsInvitationTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    EventCodec codec;

    @Inject
    MemberReplicaRepository members;

    @Inject
    DeliveredBoxRepository boxes;

    @Inject
    NpsInvitationRepository invitations;

    @Inject
    AdvancingClock clock;

    @Test
    void shouldInviteOnceIn90DaysAndAnnounceEachInvitation() {
        UUID member = registered();
        UUID first = deliver(member);
        List<NpsInvitation> invited = invitationsOf(member);
        assertThat(invited).singleElement().satisfies(i -> assertThat(i.boxId).isEqualTo(first));
        NpsSurveyInvited announced = announced(invited.getFirst());
        assertThat(announced.memberId()).isEqualTo(member);
        assertThat(announced.boxId()).isEqualTo(first);

        // The next box a month later, and the first one redelivered: no second invitation within 90 days.
        clock.advance(Duration.ofDays(30));
        try {
            deliver(member);
            redeliver(member, first);
            assertThat(invitationsOf(member)).hasSize(1);

            // 91 days after the invitation the next box invites again.
            clock.advance(Duration.ofDays(61));
            UUID later = deliver(member);
            List<NpsInvitation> both = invitationsOf(member);
            assertThat(both).hasSize(2);
            assertThat(both.getLast().boxId).isEqualTo(later);
            assertThat(announced(both.getLast()).boxId()).isEqualTo(later);
        } finally {
            clock.back();
        }
    }

    @Test
    void shouldNeverInviteAMemberWhoOptedOutOfSurveys() {
        UUID member = registered();
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.COMMUNICATION_PREFERENCES_CHANGED,
                new CommunicationPreferencesChanged(member, false, false, OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(TIMEOUT).until(() -> !replica(member).surveys);

        deliver(member);
        assertThat(invitationsOf(member)).isEmpty();

        // Positive anchor: opted in again, the next box invites.
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.COMMUNICATION_PREFERENCES_CHANGED,
                new CommunicationPreferencesChanged(member, false, true, OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(TIMEOUT).until(() -> replica(member).surveys);
        deliver(member);
        assertThat(invitationsOf(member)).hasSize(1);
    }

    private UUID registered() {
        UUID member = UUID.randomUUID();
        send(
                Topics.MEMBER_EVENTS,
                member,
                EventType.MEMBER_REGISTERED,
                new MemberRegistered(member, "DE", OffsetDateTime.now(ZoneOffset.UTC)));
        await().atMost(TIMEOUT).until(() -> replica(member) != null);
        return member;
    }

    /** A new box delivered to the member; waits until it is recorded (the invitation, if any, in the same commit). */
    private UUID deliver(UUID member) {
        UUID box = UUID.randomUUID();
        redeliver(member, box);
        return box;
    }

    /** Box-service's BoxDelivered for {@code box}, under a new event id; waits until the box is recorded. */
    private void redeliver(UUID member, UUID box) {
        var crisps = new BoxDelivered.Item(UUID.randomUUID(), UUID.randomUUID(), "SKU-1", "Chili Crisps");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        var delivered = new BoxDelivered(box, member, YearMonth.from(now).toString(), List.of(crisps), now);
        EventEnvelope event = send(Topics.BOX_EVENTS, member, EventType.BOX_DELIVERED, delivered);
        await().atMost(TIMEOUT).until(() -> applied(event.id()));
        assertThat(QuarkusTransaction.requiringNew().call(() -> boxes.findById(box)))
                .isNotNull();
    }

    private NpsSurveyInvited announced(NpsInvitation invitation) {
        var record = KafkaTestClient.await(
                        Topics.FEEDBACK_EVENTS,
                        r -> invitation.memberId.toString().equals(r.key())
                                && r.value().contains(invitation.id.toString()),
                        TIMEOUT)
                .orElseThrow();
        assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("NpsSurveyInvited");
        NpsSurveyInvited payload = codec.payload(codec.read(record.value()), NpsSurveyInvited.class);
        assertThat(payload.invitationId()).isEqualTo(invitation.id);
        return payload;
    }

    private boolean applied(UUID eventId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) members.getEntityManager()
                                        .createNativeQuery(
                                                "select count(*) from processed_event where consumer = ?1 and event_id = ?2")
                                        .setParameter(1, MemberEventsConsumer.CONSUMER)
                                        .setParameter(2, eventId)
                                        .getSingleResult())
                                .longValue()
                        == 1);
    }

    private List<NpsInvitation> invitationsOf(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> invitations.ofMemberOldestFirst(member));
    }

    private MemberReplica replica(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> members.findById(member));
    }

    private EventEnvelope send(String topic, UUID key, EventType type, Object payload) {
        EventEnvelope envelope = codec.wrap(type, "/test", key.toString(), payload);
        KafkaTestClient.send(topic, key.toString(), codec.write(envelope));
        return envelope;
    }
}
