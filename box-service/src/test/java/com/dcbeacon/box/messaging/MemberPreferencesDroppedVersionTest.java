package com.dcbeacon.box.messaging;

import static com.dcbeacon.box.messaging.MemberPreferencesConsumerTest.replicaVersion;
import static com.dcbeacon.box.messaging.MemberPreferencesOlderBuildTest.count;
import static com.dcbeacon.box.messaging.MemberPreferencesOlderBuildTest.preferencesEvent;
import static com.dcbeacon.box.messaging.MemberPreferencesOlderBuildTest.processedByAnotherBuild;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * box-service run as a build that dropped MemberPreferencesChanged v1 (it reads only v2): a v1 event is invalid here and
 * dead-lettered, unless this consumer already processed it under a build that read v1. Then a redelivered copy (after a
 * failed offset commit, or a rollback to this build) is skipped as the duplicate it is, not dead-lettered for ops to
 * replay to no end.
 */
@QuarkusTest
@TestProfile(MemberPreferencesDroppedVersionTest.ReadsOnlyV2.class)
class MemberPreferencesDroppedVersionTest {

    public static class ReadsOnlyV2 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcbeacon.events.accepted-versions.\"MemberPreferencesChanged\"", "2");
        }
    }

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldSkipARedeliveredCopyOfAnEventOfADroppedVersionItAlreadyProcessedButDeadLetterANewOne() {
        UUID processed = UUID.randomUUID();
        UUID unread = UUID.randomUUID();
        EventEnvelope copy = preferencesEvent(codec, 1, processed, 1);
        processedByAnotherBuild(copy, true);
        double duplicatesBefore = count(registry, "dcbeacon.inbox.duplicates");

        KafkaTestClient.send(Topics.MEMBER_PREFERENCES, processed.toString(), codec.write(copy));
        KafkaTestClient.send(
                Topics.MEMBER_PREFERENCES, processed.toString(), codec.write(preferencesEvent(codec, 2, processed, 2)));
        KafkaTestClient.send(
                Topics.MEMBER_PREFERENCES, unread.toString(), codec.write(preferencesEvent(codec, 1, unread, 1)));

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(replicaVersion(processed))
                        .as("the v2 event behind the copy applied")
                        .isEqualTo(2L));
        assertThat(count(registry, "dcbeacon.inbox.duplicates")).isGreaterThan(duplicatesBefore);
        String deadLetterTopic = Topics.deadLetter(Topics.MEMBER_PREFERENCES, MemberEventsConsumer.CONSUMER);
        assertThat(KafkaTestClient.await(
                        deadLetterTopic, r -> unread.toString().equals(r.key()), Duration.ofSeconds(30)))
                .as("a v1 event never processed here is dead-lettered")
                .isPresent();
        // Had the copy been dead-lettered, it would be there already: the v2 event behind it was applied after it.
        assertThat(KafkaTestClient.readAll(deadLetterTopic))
                .extracting(r -> r.key())
                .as("the processed copy dead-lettered")
                .doesNotContain(processed.toString());
        assertThat(replicaVersion(unread)).isNull();
    }
}
