package com.dcbeacon.box.messaging;

import static com.dcbeacon.box.messaging.MemberPreferencesConsumerTest.preferences;
import static com.dcbeacon.box.messaging.MemberPreferencesConsumerTest.replicaVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
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
 * box-service run as the build before MemberPreferencesChanged v2 (it reads only v1), mid rolling upgrade: a v2 event is
 * not poison. It waits, holding its partition, neither applied nor dead-lettered, until an instance that reads v2 takes
 * over (deploy/system-tests RollingUpgradeTest restarts the service as the new build and sees it applied).
 */
@QuarkusTest
@TestProfile(MemberPreferencesOlderBuildTest.ReadsOnlyV1.class)
class MemberPreferencesOlderBuildTest {

    public static class ReadsOnlyV1 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "dcbeacon.events.accepted-versions.\"MemberPreferencesChanged\"",
                    "1",
                    "dcbeacon.inbox.retry.max-delay",
                    "PT1S");
        }
    }

    @Inject
    EventCodec codec;

    @Inject
    MeterRegistry registry;

    @Test
    void shouldWaitForAnInstanceThatReadsANewerVersionInsteadOfDeadLetteringIt() {
        UUID member = UUID.randomUUID();
        String key = member.toString();
        double retriesBefore = retries();
        // Same key, same partition: the v1 event is applied first, the positive anchor that the consumer runs.
        KafkaTestClient.send(
                Topics.MEMBER_PREFERENCES,
                key,
                codec.write(codec.wrap(
                        EventType.MEMBER_PREFERENCES_CHANGED, 1, "/member-service", key, preferences(member, 1))));
        KafkaTestClient.send(
                Topics.MEMBER_PREFERENCES,
                key,
                codec.write(codec.wrap(
                        EventType.MEMBER_PREFERENCES_CHANGED, 2, "/member-service", key, preferences(member, 2))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(replicaVersion(member)).as("v1 applied").isEqualTo(1L);
            assertThat(registry.find("dcbeacon.inbox.waiting").gauge().value())
                    .as("events waiting")
                    .isEqualTo(1.0);
            assertThat(retries()).as("attempts at the v2 event").isGreaterThan(retriesBefore + 1);
        });
        assertThat(replicaVersion(member))
                .as("v2 not applied by a build that does not read it")
                .isEqualTo(1L);
        assertThat(KafkaTestClient.readAll(
                        Topics.deadLetter(Topics.MEMBER_PREFERENCES, MemberEventsConsumer.CONSUMER),
                        Duration.ofSeconds(1)))
                .filteredOn(r -> key.equals(r.key()))
                .as("dead-lettered")
                .isEmpty();
    }

    private double retries() {
        return registry
                .find("dcbeacon.inbox.retries")
                .tag("consumer", MemberEventsConsumer.CONSUMER)
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
