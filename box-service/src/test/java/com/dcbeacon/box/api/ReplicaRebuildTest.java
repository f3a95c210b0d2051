package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.allergensAndTraces;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.MemberReplica;
import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.box.persistence.MemberReplicaRepository;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rebuilding box-service's member replicas from member-service's re-announcement after they were lost: the announced
 * state restores them, curation still waits for preferences as new as the announcement names, and then curates safely;
 * boxes of cycles the announced state no longer wants are withdrawn.
 */
@QuarkusTest
class ReplicaRebuildTest {

    @Inject
    MemberReplicaRepository memberReplicaRepository;

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    private static final String PEANUTS = "PEANUTS";

    @Inject
    BoxFixtures fixtures;

    @Inject
    EventCodec codec;

    @Test
    void shouldRestoreLostReplicasFromTheAnnouncedStateAndCurateOnlyOnceThePreferencesFollow() {
        String category = "rb-" + UUID.randomUUID().toString().substring(0, 8);
        UUID peanuts = fixtures.product(category, List.of(PEANUTS), List.of(), 50);
        UUID safe = fixtures.product(category, List.of(), List.of(), 50);
        UUID member = fixtures.subscriber(2, List.of(), List.of(category));
        fixtures.preferences(member, List.of(PEANUTS), List.of(category), 2);
        // The replicas are lost (say, restored from a backup older than the topics' retention).
        inTx(() -> subscriptionReplicaRepository.deleteById(member)
                & preferenceReplicaRepository.deleteById(member)
                & memberReplicaRepository.deleteById(member));
        fixtures.runCuration("2034-01");
        assertThat(fixtures.boxOf(member, "2034-01"))
                .as("box-service no longer knows the member")
                .isNull();

        UUID subscription = UUID.randomUUID();
        announce(
                member,
                new MemberStateAnnounced.Subscription(
                        subscription, "ACTIVE", "office", 2, 3999, "EUR", null, List.of("2034-03"), null),
                2);

        SubscriptionReplica s = inTx(() -> subscriptionReplicaRepository.findById(member));
        assertThat(s.subscriptionId).isEqualTo(subscription);
        assertThat(s.status).isEqualTo(BoxEligibility.Status.ACTIVE);
        assertThat(s.planId).isEqualTo("office");
        assertThat(s.itemsPerBox).isEqualTo(2);
        assertThat(s.priceCents).isEqualTo(3999);
        assertThat(s.skippedCycles).containsExactly("2034-03");
        assertThat(s.preferencesVersionRequired).isEqualTo(2);
        MemberReplica m = inTx(() -> memberReplicaRepository.findById(member));
        assertThat(m.country).isEqualTo("NL");

        // Fail closed: the member's allergy (preferences v2) has not been re-announced yet.
        assertThat(waitingMemberIds()).contains(member.toString());
        fixtures.runCuration("2034-01");
        assertThat(fixtures.boxOf(member, "2034-01")).as("no box curated blind").isNull();

        fixtures.preferences(member, List.of(PEANUTS), List.of(category), 2);

        assertThat(waitingMemberIds()).doesNotContain(member.toString());
        fixtures.runCuration("2034-01");
        List<String> items = itemsOf(member, fixtures.boxOf(member, "2034-01"));
        assertThat(items).contains(safe.toString()).doesNotContain(peanuts.toString());
        assertThat(items)
                .allSatisfy(item -> assertThat(allergensAndTraces(item)).doesNotContain(PEANUTS));
        fixtures.runCuration("2034-03");
        assertThat(fixtures.boxOf(member, "2034-03"))
                .as("a cycle the announced state skips")
                .isNull();
    }

    @Test
    void shouldWithdrawABoxOfACycleTheAnnouncedStateNoLongerWants() {
        String category = "rw-" + UUID.randomUUID().toString().substring(0, 8);
        fixtures.product(category, List.of(), List.of(), 50);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration("2034-05");
        String box = fixtures.boxOf(member, "2034-05");
        assertThat(box).isNotNull();

        // The replica missed the member's skip of that cycle; the re-announcement carries it.
        announce(
                member,
                new MemberStateAnnounced.Subscription(
                        UUID.randomUUID(), "ACTIVE", "classic", 1, 2499, "EUR", null, List.of("2034-05"), null),
                1);

        await().atMost(TIMEOUT).until(() -> fixtures.boxOf(member, "2034-05") == null);
        assertThat(fixtures.awaitPublished(
                                EventType.BOX_WITHDRAWN,
                                member,
                                d -> box.equals(d.get("boxId").asText()))
                        .get("reason")
                        .asText())
                .isEqualTo("CYCLE_SKIPPED");
    }

    @Test
    void shouldNeverLowerThePreferencesVersionARecentEventRequires() {
        UUID member = UUID.randomUUID();
        fixtures.subscription(member, 2, 5);

        announce(
                member,
                new MemberStateAnnounced.Subscription(
                        UUID.randomUUID(), "CANCELLED", "classic", 2, 2499, "EUR", null, List.of(), null),
                4);

        assertThat(inTx(() -> subscriptionReplicaRepository.findById(member).preferencesVersionRequired))
                .isEqualTo(5);
    }

    /** Sends member-service's announcement and waits until box-service applied it. */
    private void announce(UUID member, MemberStateAnnounced.Subscription subscription, long preferencesVersion) {
        var event = codec.wrap(
                EventType.MEMBER_STATE_ANNOUNCED,
                "/member-service",
                member.toString(),
                new MemberStateAnnounced(
                        member,
                        "NL",
                        OffsetDateTime.now().minusYears(1),
                        false,
                        true,
                        preferencesVersion,
                        subscription,
                        OffsetDateTime.now()));
        fixtures.send(Topics.MEMBER_EVENTS, member, event);
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> ((Number) subscriptionReplicaRepository
                                        .getEntityManager()
                                        .createNativeQuery(
                                                "select count(*) from processed_event where consumer = 'box-service' and event_id = ?1")
                                        .setParameter(1, event.id())
                                        .getSingleResult())
                                .longValue()
                        == 1));
    }

    private static List<String> waitingMemberIds() {
        return ops()
                .get("/api/curation/waiting-members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<Map<String, Object>>getList("")
                .stream()
                .map(w -> (String) w.get("memberId"))
                .toList();
    }
}
