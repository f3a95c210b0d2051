package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.TIMEOUT;
import static com.dcbeacon.box.api.BoxFixtures.allergensAndTraces;
import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.member;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.box.domain.CurationMembers;
import com.dcbeacon.box.domain.PreferenceReplica;
import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Fail closed on allergens: a member whose preferences have not reached box-service at the version their subscription
 * event names is neither curated nor has their box changed, until the preferences arrive; then their box is safe.
 */
@QuarkusTest
class PreferencesFailClosedTest {

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    SubscriptionReplicaRepository subscriptionReplicaRepository;

    private static final String PEANUTS = "PEANUTS";
    private static final String WAITING = CurationMembers.WAITING_FOR_PREFERENCES;

    @Inject
    BoxFixtures fixtures;

    /**
     * Two peanut products (one declares peanuts, one may contain them) and one safe product, all in categories the
     * members of these tests like: for a member without allergies a peanut product is always among the top picks.
     */
    record PeanutCatalogue(List<String> liked, UUID peanuts, UUID traces, UUID safe) {
        List<String> peanutProducts() {
            return List.of(peanuts.toString(), traces.toString());
        }
    }

    private PeanutCatalogue peanutCatalogue() {
        String category = "pn-" + UUID.randomUUID().toString().substring(0, 8);
        UUID peanuts = fixtures.product(category, List.of(PEANUTS), List.of(), 50);
        UUID traces = fixtures.product(category, List.of(), List.of(PEANUTS), 50);
        UUID safe = fixtures.product(category + "-safe", List.of(), List.of(), 50);
        return new PeanutCatalogue(List.of(category, category + "-safe"), peanuts, traces, safe);
    }

    @Test
    void shouldWaitForPreferencesBeforeCuratingAndChangingABox() {
        PeanutCatalogue catalogue = peanutCatalogue();
        UUID notAllergic = fixtures.subscriber(2, List.of(), catalogue.liked());
        UUID member = fixtures.subscriber(2, List.of(), catalogue.liked());
        fixtures.runCuration("2032-01");
        String earlierBox = fixtures.boxOf(member, "2032-01");
        List<String> earlierItems = itemsOf(member, earlierBox);
        assertThat(earlierItems)
                .as("without allergies, a peanut product is a top pick for this member")
                .containsAnyElementsOf(catalogue.peanutProducts());

        // The member declares a peanut allergy (preferences v2); the subscription event member-service writes after it
        // reaches box-service first.
        fixtures.subscription(member, 2, 2);

        assertThat(waitingMember(member))
                .containsEntry("requiredVersion", 2)
                .containsEntry("heldVersion", 1)
                .containsEntry("reason", WAITING);
        JsonPath run = fixtures.runCuration("2032-05");
        assertThat(run.getMap("membersSkipped", String.class, Integer.class))
                .hasEntrySatisfying(WAITING, n -> assertThat(n).isPositive());
        assertThat(fixtures.boxOf(member, "2032-05")).as("no box curated blind").isNull();
        assertThat(itemsOf(notAllergic, fixtures.boxOf(notAllergic, "2032-05")))
                .as("the same run curated the member without allergies")
                .containsAnyElementsOf(catalogue.peanutProducts());

        member(member)
                .post("/api/boxes/" + earlierBox + "/items/" + earlierItems.get(0) + "/swap")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        ops().post("/api/boxes/" + earlierBox + "/pack").then().statusCode(409).contentType("application/problem+json");
        assertThat(BoxFixtures.box(member, earlierBox).getString("status")).isEqualTo("CURATED");
        assertThat(itemsOf(member, earlierBox)).containsExactlyElementsOf(earlierItems);

        fixtures.preferences(member, List.of(PEANUTS), catalogue.liked(), 2);

        assertThat(waitingMemberIds()).doesNotContain(member.toString());
        fixtures.runCuration("2032-05");
        String box = fixtures.boxOf(member, "2032-05");
        assertThat(box).as("the next run curates the member").isNotNull();
        assertPeanutFree(itemsOf(member, box), catalogue);
        assertThat(itemsOf(member, box))
                .as("still from the member's own taste")
                .contains(catalogue.safe().toString());

        // Now box-service can vouch for the member, the earlier box can be packed: without its peanut product.
        List<String> packed = ops().post("/api/boxes/" + earlierBox + "/pack")
                .then()
                .statusCode(200)
                .body("status", equalTo("PACKED"))
                .extract()
                .jsonPath()
                .getList("items.productId", String.class);
        assertPeanutFree(packed, catalogue);
    }

    @Test
    void shouldKeepWaitingWhilePreferencesAreDeadLetteredAndCurateSafelyAfterTheirReplay() {
        PeanutCatalogue catalogue = peanutCatalogue();
        UUID notAllergic = fixtures.subscriber(2, List.of(), catalogue.liked());
        UUID member = UUID.randomUUID();
        fixtures.subscription(member, 2, 1);
        EventEnvelope preferences = fixtures.preferencesEvent(member, List.of(PEANUTS), catalogue.liked(), 1);

        // Not an allergen of the vocabulary: the event does not match its schema.
        fixtures.sendAltered(
                Topics.MEMBER_PREFERENCES,
                member,
                preferences,
                data -> data.putArray("allergens").add("PEANUT"));

        ConsumerRecord<String, String> dead = KafkaTestClient.await(
                        Topics.deadLetter(Topics.MEMBER_PREFERENCES, "box-service"),
                        r -> member.toString().equals(r.key()),
                        TIMEOUT)
                .orElseThrow(() -> new AssertionError("not dead-lettered"));
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("schema");
        assertThat((Object) inTx(() -> preferenceReplicaRepository.findById(member)))
                .isNull();
        assertThat(waitingMember(member)).containsEntry("requiredVersion", 1).containsEntry("heldVersion", null);
        assertThat(fixtures.runCuration("2032-07").getMap("membersSkipped", String.class, Integer.class))
                .containsKey(WAITING);
        assertThat(fixtures.boxOf(member, "2032-07")).isNull();
        assertThat(itemsOf(notAllergic, fixtures.boxOf(notAllergic, "2032-07")))
                .containsAnyElementsOf(catalogue.peanutProducts());

        // Ops replay the event, corrected.
        fixtures.send(Topics.MEMBER_PREFERENCES, member, preferences);
        await().atMost(TIMEOUT).until(() -> inTx(() -> preferenceReplicaRepository.findById(member) != null));

        assertThat(waitingMemberIds()).doesNotContain(member.toString());
        fixtures.runCuration("2032-07");
        String box = fixtures.boxOf(member, "2032-07");
        assertThat(box).isNotNull();
        assertPeanutFree(itemsOf(member, box), catalogue);
    }

    @Test
    void shouldIgnoreAnOlderPreferencesVersionArrivingAfterANewerOne() {
        PeanutCatalogue catalogue = peanutCatalogue();
        UUID member = UUID.randomUUID();
        fixtures.subscription(member, 2, 2);
        fixtures.preferences(member, List.of(PEANUTS), catalogue.liked(), 2);

        EventEnvelope older = fixtures.preferencesEvent(member, List.of(), catalogue.liked(), 1);
        fixtures.send(Topics.MEMBER_PREFERENCES, member, older);
        awaitProcessed(older.id());

        PreferenceReplica replica = inTx(() -> preferenceReplicaRepository.findById(member));
        assertThat(replica.version).isEqualTo(2);
        assertThat(replica.allergens).containsExactly(PEANUTS);
        assertThat(waitingMemberIds()).doesNotContain(member.toString());
    }

    @Test
    void shouldIgnorePreferencesWithoutVersionOnceAVersionedOneWasApplied() {
        PeanutCatalogue catalogue = peanutCatalogue();
        UUID notAllergic = fixtures.subscriber(2, List.of(), catalogue.liked());
        UUID member = UUID.randomUUID();
        fixtures.subscription(member, 2, 2);
        fixtures.preferences(member, List.of(PEANUTS), catalogue.liked(), 2);

        // An event written before preferences had versions (say, replayed from a dead-letter topic) is older than any
        // versioned one: it must not take the member's peanut allergy away.
        EventEnvelope legacy = fixtures.preferencesEvent(member, List.of(), catalogue.liked(), 1)
                .withDataschema(EventType.MEMBER_PREFERENCES_CHANGED.schemaUri(1)); // v1: the version was optional
        fixtures.sendAltered(Topics.MEMBER_PREFERENCES, member, legacy, data -> data.remove("version"));
        awaitProcessed(legacy.id());

        assertThat(inTx(() -> preferenceReplicaRepository.findById(member).allergens))
                .containsExactly(PEANUTS);
        fixtures.runCuration("2032-09");
        assertPeanutFree(itemsOf(member, fixtures.boxOf(member, "2032-09")), catalogue);
        assertThat(itemsOf(notAllergic, fixtures.boxOf(notAllergic, "2032-09")))
                .containsAnyElementsOf(catalogue.peanutProducts());
    }

    @Test
    void shouldApplyANewerPreferencesChangeAtOnceThoughAnEarlierOneIsMissing() {
        UUID member = UUID.randomUUID();
        fixtures.subscription(member, 2, 2);
        fixtures.send(
                Topics.MEMBER_PREFERENCES,
                member,
                fixtures.preferencesEvent(member, List.of(), List.of("crackers"), 2)
                        .withSequence(1));
        await().atMost(TIMEOUT).until(() -> inTx(() -> preferenceReplicaRepository.findById(member)) != null);

        // #2 (version 3) is lost on the way, say dead-lettered; #3 (version 4) carries the whole profile, peanuts
        // included.
        EventEnvelope newer = fixtures.preferencesEvent(member, List.of(PEANUTS), List.of("crackers"), 4)
                .withSequence(3);
        fixtures.send(Topics.MEMBER_PREFERENCES, member, newer);
        awaitProcessed(newer.id());

        assertThat(inTx(() -> preferenceReplicaRepository.findById(member).allergens))
                .as("applied at once, not parked behind the missing #2")
                .containsExactly(PEANUTS);
        assertThat(inTx(() -> preferenceReplicaRepository.findById(member).version))
                .isEqualTo(4L);
    }

    private static void assertPeanutFree(List<String> items, PeanutCatalogue catalogue) {
        assertThat(items).isNotEmpty().doesNotContainAnyElementsOf(catalogue.peanutProducts());
        assertThat(items)
                .allSatisfy(item -> assertThat(allergensAndTraces(item)).doesNotContain(PEANUTS));
    }

    private void awaitProcessed(UUID eventId) {
        await().atMost(TIMEOUT)
                .until(() -> inTx(() -> ((Number) subscriptionReplicaRepository
                                        .getEntityManager()
                                        .createNativeQuery(
                                                "select count(*) from processed_event where consumer = 'box-service' and event_id = ?1")
                                        .setParameter(1, eventId)
                                        .getSingleResult())
                                .longValue()
                        == 1));
    }

    private static List<Map<String, Object>> waitingMembers() {
        return ops().get("/api/curation/waiting-members")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("");
    }

    private static List<String> waitingMemberIds() {
        return waitingMembers().stream().map(w -> (String) w.get("memberId")).toList();
    }

    private static Map<String, Object> waitingMember(UUID member) {
        return waitingMembers().stream()
                .filter(w -> member.toString().equals(w.get("memberId")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(member + " is not on the waiting list"));
    }
}
