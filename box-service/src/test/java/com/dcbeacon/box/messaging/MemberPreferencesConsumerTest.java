package com.dcbeacon.box.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.testing.ConsumerContract;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The member-preferences channel: applied once, poison records dead-lettered, the partition kept moving; both versions
 * of MemberPreferencesChanged applied (the contract's events are v2, the version producers write by default).
 */
@QuarkusTest
class MemberPreferencesConsumerTest extends ConsumerContract {

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    ObjectMapper json;

    @Test
    void shouldApplyV1WithoutAVersionAsVersion0AndV2WithItsVersion() throws Exception {
        UUID fromAnOldProducer = UUID.randomUUID();
        ObjectNode v1 = (ObjectNode) json.readTree(codec.write(codec.wrap(
                EventType.MEMBER_PREFERENCES_CHANGED,
                1,
                "/member-service",
                fromAnOldProducer.toString(),
                preferences(fromAnOldProducer, 1))));
        ((ObjectNode) v1.get("data")).remove("version");
        UUID fromANewProducer = UUID.randomUUID();
        EventEnvelope v2 = codec.wrap(
                EventType.MEMBER_PREFERENCES_CHANGED,
                2,
                "/member-service",
                fromANewProducer.toString(),
                preferences(fromANewProducer, 4));
        assertThat(v2.dataschema()).endsWith(":v2");

        KafkaTestClient.send(sourceTopic(), fromAnOldProducer.toString(), json.writeValueAsString(v1));
        KafkaTestClient.send(sourceTopic(), fromANewProducer.toString(), codec.write(v2));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicaVersion(fromAnOldProducer))
                    .as("v1 without a version")
                    .isEqualTo(0L);
            assertThat(replicaVersion(fromANewProducer)).as("v2").isEqualTo(4L);
        });
    }

    static MemberPreferencesChanged preferences(UUID memberId, long version) {
        return new MemberPreferencesChanged(
                memberId,
                List.of("SESAME"),
                List.of(),
                List.of("chips"),
                List.of(),
                true,
                OffsetDateTime.now(),
                version);
    }

    static Long replicaVersion(UUID memberId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Arc.container()
                        .instance(PreferenceReplicaRepository.class)
                        .get()
                        .findByIdOptional(memberId)
                        .map(p -> p.version)
                        .orElse(null));
    }

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
        return codec.wrap(
                EventType.MEMBER_PREFERENCES_CHANGED, "/member-service", memberId.toString(), preferences(memberId, 1));
    }

    @Override
    protected long effectCount(UUID memberId) {
        return preferenceReplicaRepository.count("memberId", memberId);
    }
}
