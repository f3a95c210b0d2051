package com.dcbeacon.box.messaging;

import static com.dcbeacon.box.messaging.MemberPreferencesConsumerTest.preferences;
import static com.dcbeacon.box.messaging.MemberPreferencesConsumerTest.replicaVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * box-service run as the build before MemberPreferencesChanged v2 (it reads only v1), mid rolling upgrade: a v2 event is
 * not poison. It waits, holding its partition, neither applied nor dead-lettered, until an instance that reads v2 takes
 * over (deploy/system-tests RollingUpgradeTest restarts the service as the new build and sees it applied). Unless a
 * newer build already processed it here: a redelivered copy is skipped, not waited for.
 */
@QuarkusTest
@TestProfile(MemberPreferencesOlderBuildTest.ReadsOnlyV1.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
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

    /**
     * A newer build applied a v2 event and stopped before its offset commit went through (or its deployment was rolled
     * back): this older build is handed the event again. It was processed here; waiting for a build that reads it would
     * hold the partition, and every event behind it, until this instance stops. Once with the event's id still recorded
     * (a duplicate), once with it pruned from the processed events (its place in the sequence taken: stale).
     */
    @Test
    @Order(1) // before the test below leaves a v2 event waiting on its partition for the rest of this run
    void shouldSkipARedeliveredNewerVersionEventANewerBuildAlreadyProcessedInsteadOfWaitingForIt() {
        for (boolean idStillRecorded : new boolean[] {true, false}) {
            String outcome = idStillRecorded ? "dcbeacon.inbox.duplicates" : "dcbeacon.inbox.stale";
            UUID member = UUID.randomUUID();
            String key = member.toString();
            KafkaTestClient.send(Topics.MEMBER_PREFERENCES, key, codec.write(v(1, member, 1)));
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(replicaVersion(member)).isEqualTo(1L));
            EventEnvelope processedByTheNewerBuild = v(2, member, 2);
            processedByAnotherBuild(processedByTheNewerBuild, idStillRecorded);
            double skippedBefore = count(outcome);

            KafkaTestClient.send(Topics.MEMBER_PREFERENCES, key, codec.write(processedByTheNewerBuild));
            KafkaTestClient.send(Topics.MEMBER_PREFERENCES, key, codec.write(v(1, member, 3)));

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(replicaVersion(member))
                            .as("the v1 event behind the copy applied")
                            .isEqualTo(3L));
            assertThat(count(outcome)).as(outcome).isGreaterThan(skippedBefore);
        }
        assertThat(registry.find("dcbeacon.inbox.waiting").gauge().value())
                .as("events waiting")
                .isZero();
    }

    /** The member's preferences event numbered {@code version} in their sequence, written in schema {@code schema}. */
    private EventEnvelope v(int schema, UUID member, long version) {
        return preferencesEvent(codec, schema, member, version);
    }

    static EventEnvelope preferencesEvent(EventCodec codec, int schema, UUID member, long version) {
        return codec.wrap(
                        EventType.MEMBER_PREFERENCES_CHANGED,
                        schema,
                        "/member-service",
                        member.toString(),
                        preferences(member, version))
                .withSequence(version);
    }

    /**
     * What another build's inbox keeps of an event it applied: its id (until pruned) and the subject's sequence moved on
     * to it.
     */
    static void processedByAnotherBuild(EventEnvelope event, boolean idStillRecorded) {
        EntityManager em = Arc.container().instance(EntityManager.class).get();
        QuarkusTransaction.requiringNew().run(() -> {
            if (idStillRecorded) {
                em.createNativeQuery("insert into processed_event (consumer, event_id, event_type, processed_at)"
                                + " values (?1, ?2, ?3, now())")
                        .setParameter(1, MemberEventsConsumer.CONSUMER)
                        .setParameter(2, event.id())
                        .setParameter(3, event.type())
                        .executeUpdate();
            }
            em.createNativeQuery("insert into inbox_sequence (consumer, topic, source, subject_ref, last_sequence,"
                            + " updated_at) values (?1, ?2, ?3, ?4, ?5, now()) on conflict (consumer, topic, source,"
                            + " subject_ref) do update set last_sequence = excluded.last_sequence")
                    .setParameter(1, MemberEventsConsumer.CONSUMER)
                    .setParameter(2, Topics.MEMBER_PREFERENCES)
                    .setParameter(3, event.source())
                    .setParameter(4, ErasedMembers.ref(event.subject()))
                    .setParameter(5, event.sequenceNumber())
                    .executeUpdate();
        });
    }

    static double count(MeterRegistry registry, String name) {
        return registry.find(name).tag("consumer", MemberEventsConsumer.CONSUMER).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private double count(String name) {
        return count(registry, name);
    }

    @Test
    @Order(2)
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
        assertThat(KafkaTestClient.readAll(Topics.deadLetter(Topics.MEMBER_PREFERENCES, MemberEventsConsumer.CONSUMER)))
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
