package com.dcbeacon.box.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberRegistered;
import com.dcbeacon.platform.events.payload.PlanChanged;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.testing.Interleavings;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * A channel's partitions are applied in parallel (mp.messaging.incoming.*.concurrency): a member whose event waits does
 * not hold up members on other partitions, and each member's events still apply once each, in their order.
 */
@QuarkusTest
class PartitionsInParallelTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String SOURCE = "/member-service";

    @Inject
    EventCodec codec;

    @Inject
    EntityManager em;

    @Inject
    SubscriptionReplicaRepository subscriptions;

    @Test
    void shouldApplyAnotherPartitionsEventWhileAMemberOnOnePartitionWaits() {
        UUID held = UUID.randomUUID();
        int heldPartition = send(held, registered(held, 1));
        UUID other;
        int otherPartition;
        do {
            other = UUID.randomUUID();
            otherPartition = send(other, registered(other, 1));
        } while (otherPartition == heldPartition);
        UUID otherMember = other;
        awaitSequence(held, 1);
        awaitSequence(otherMember, 1);
        awaitPartitionsOnDifferentConsumers(heldPartition, otherPartition);

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The member's place in its sequence, locked as the inbox locks it while it applies the member's next event.
        CompletableFuture<Void> holder = CompletableFuture.runAsync(
                () -> QuarkusTransaction.requiringNew().run(() -> {
                    lastSequence(held, " for update");
                    locked.countDown();
                    Interleavings.hold(release);
                }));
        try {
            Interleavings.hold(locked);
            long waitingBefore = Interleavings.sessionsWaitingForALock(em);
            send(held, started(held, 2));
            await().atMost(TIMEOUT).until(() -> Interleavings.sessionsWaitingForALock(em) > waitingBefore);

            send(otherMember, started(otherMember, 2));

            await().atMost(TIMEOUT)
                    .alias("the other partition's member is applied while the held one waits")
                    .until(() -> subscription(otherMember) != null);
            assertThat(subscription(held)).as("still waiting for its lock").isNull();
        } finally {
            release.countDown();
        }
        holder.join();
        await().atMost(TIMEOUT).until(() -> subscription(held) != null);
    }

    @Test
    void shouldApplyEachMembersEventsOnceAndInOrderWhenTheyArriveShuffledAndTwice() {
        List<UUID> members = new ArrayList<>();
        List<String[]> records = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            UUID member = UUID.randomUUID();
            members.add(member);
            // A subject's sequence starts at the first event the inbox sees: each member's first comes first.
            EventEnvelope first = registered(member, 1);
            send(member, first);
            ids.add(first.id());
            List<EventEnvelope> events =
                    List.of(started(member, 2), planChanged(member, 3, "plan-3"), planChanged(member, 4, "plan-4"));
            for (EventEnvelope event : events) {
                String value = codec.write(event);
                ids.add(event.id());
                records.add(new String[] {member.toString(), value});
                records.add(new String[] {member.toString(), value});
            }
        }
        Collections.shuffle(records, new Random(17));

        records.forEach(r -> KafkaTestClient.send(Topics.MEMBER_EVENTS, r[0], r[1]));

        for (UUID member : members) {
            awaitSequence(member, 4);
            assertThat(subscription(member).planId)
                    .as("the last plan change of %s, applied after the others", member)
                    .isEqualTo("plan-4");
        }
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createNativeQuery("select count(*) from processed_event e"
                                                + " where e.consumer = ?1 and e.event_id in ?2")
                                        .setParameter(1, MemberEventsConsumer.CONSUMER)
                                        .setParameter(2, ids)
                                        .getSingleResult())
                                .longValue()))
                .as("each of the 24 events recorded once")
                .isEqualTo(24L);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> ((Number) em.createNativeQuery(
                                                "select count(*) from inbox_parked where consumer = ?1 and subject in ?2")
                                        .setParameter(1, MemberEventsConsumer.CONSUMER)
                                        .setParameter(
                                                2,
                                                members.stream()
                                                        .map(UUID::toString)
                                                        .toList())
                                        .getSingleResult())
                                .longValue()))
                .as("nothing left parked")
                .isZero();
    }

    /** Waits until the group's consumers hold the two partitions apart, once copies joined and the group settled. */
    private void awaitPartitionsOnDifferentConsumers(int first, int second) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers()))) {
            TopicPartition a = new TopicPartition(Topics.MEMBER_EVENTS, first);
            TopicPartition b = new TopicPartition(Topics.MEMBER_EVENTS, second);
            await().atMost(TIMEOUT)
                    .alias("partitions " + first + " and " + second + " of member-events on two consumers of the group")
                    .until(() -> {
                        var members = admin.describeConsumerGroups(List.of(MemberEventsConsumer.CONSUMER))
                                .all()
                                .get()
                                .get(MemberEventsConsumer.CONSUMER)
                                .members();
                        String ofA = owner(members, a);
                        String ofB = owner(members, b);
                        return ofA != null && ofB != null && !ofA.equals(ofB);
                    });
        }
    }

    private static String owner(java.util.Collection<MemberDescription> members, TopicPartition partition) {
        return members.stream()
                .filter(m -> m.assignment().topicPartitions().contains(partition))
                .map(MemberDescription::consumerId)
                .findFirst()
                .orElse(null);
    }

    private int send(UUID member, EventEnvelope event) {
        return KafkaTestClient.sendAcknowledged(Topics.MEMBER_EVENTS, member.toString(), codec.write(event))
                .partition();
    }

    private void awaitSequence(UUID member, long sequence) {
        await().atMost(TIMEOUT)
                .until(() -> QuarkusTransaction.requiringNew().call(() -> {
                    List<?> last = lastSequence(member, "");
                    return !last.isEmpty() && ((Number) last.get(0)).longValue() == sequence;
                }));
    }

    /** The member's place in its sequence on member-events, as the inbox keeps it; {@code lock}: e.g. " for update". */
    private List<?> lastSequence(UUID member, String lock) {
        return em.createNativeQuery("select last_sequence from inbox_sequence where consumer = ?1 and topic = ?2"
                        + " and source = ?3 and subject_ref = ?4" + lock)
                .setParameter(1, MemberEventsConsumer.CONSUMER)
                .setParameter(2, Topics.MEMBER_EVENTS)
                .setParameter(3, SOURCE)
                .setParameter(4, ErasedMembers.ref(member))
                .getResultList();
    }

    private SubscriptionReplica subscription(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> subscriptions.findById(member));
    }

    private EventEnvelope registered(UUID member, long sequence) {
        return codec.wrap(
                        EventType.MEMBER_REGISTERED,
                        SOURCE,
                        member.toString(),
                        new MemberRegistered(member, "FR", OffsetDateTime.now(ZoneOffset.UTC)))
                .withSequence(sequence);
    }

    private EventEnvelope started(UUID member, long sequence) {
        return codec.wrap(
                        EventType.SUBSCRIPTION_STARTED,
                        SOURCE,
                        member.toString(),
                        new SubscriptionStarted(
                                member, member, "plan-2", 4, 2499, "EUR", OffsetDateTime.now(ZoneOffset.UTC), 0, null))
                .withSequence(sequence);
    }

    private EventEnvelope planChanged(UUID member, long sequence, String plan) {
        return codec.wrap(
                        EventType.PLAN_CHANGED,
                        SOURCE,
                        member.toString(),
                        new PlanChanged(member, member, plan, 6, 3499, OffsetDateTime.now(ZoneOffset.UTC), 0, null))
                .withSequence(sequence);
    }
}
