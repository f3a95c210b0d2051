package com.dcbeacon.feedback.messaging;

import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.PlanChanged;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.UUID;

@QuarkusTest
class MemberEventsConsumerTest extends MemberEventsContract {

    @Inject
    MemberReplicaRepository members;

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
        return members.count("memberId", memberId);
    }

    /** A plan change applied before the registration is kept; the registration then fills in the rest. */
    @org.junit.jupiter.api.Test
    void aPlanChangeBeforeTheRegistrationIsNotDropped() {
        UUID memberId = UUID.randomUUID();
        EventEnvelope planChanged = codec.wrap(
                EventType.PLAN_CHANGED,
                "/member-service",
                memberId.toString(),
                new PlanChanged(memberId, UUID.randomUUID(), "office", 8, 3999, OffsetDateTime.now(), 1, null));
        com.dcbeacon.platform.testing.KafkaTestClient.send(
                sourceTopic(), memberId.toString(), codec.write(planChanged));
        com.dcbeacon.platform.testing.KafkaTestClient.send(
                sourceTopic(), memberId.toString(), codec.write(validEvent(memberId)));

        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    MemberReplica member = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                            .call(() -> members.findById(memberId));
                    org.assertj.core.api.Assertions.assertThat(member).isNotNull();
                    org.assertj.core.api.Assertions.assertThat(member.country)
                            .as("filled in by the registration")
                            .isEqualTo("FR");
                    org.assertj.core.api.Assertions.assertThat(member.planId)
                            .as("kept from the earlier plan change")
                            .isEqualTo("office");
                });
    }
}
