package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A rolling upgrade across a new event version, on real processes (docs/messaging.md, "Rolling out a new version").
 * box-service runs as the build before MemberPreferencesChanged v2, reading only v1, while member-service already writes
 * v2: the v2 event waits in box-service, neither applied nor dead-lettered, until box-service is restarted as the build
 * that reads v2. An event with a field no build knows is applied along the way.
 */
@Order(4)
class RollingUpgradeTest {

    private static final Duration EVENTUALLY = Duration.ofSeconds(60);
    private static final Duration RESTART = Duration.ofSeconds(180);
    private static final String ACCEPTED_VERSIONS = "DCBEACON_EVENTS_ACCEPTED_VERSIONS__MEMBERPREFERENCESCHANGED_";
    private static final String PREFERENCES_VERSION =
            "select coalesce(max(version), -1) from preference_replica where member_id = ?";

    @Test
    void anEventWithAnExtraFieldAndAV2EventDuringARollingRestartOfAConsumerAreBothApplied() throws Exception {
        PlatformUnderTest platform = PlatformUnderTest.shared();
        Answer signedUp = MemberSignUp.signUp(platform, "rolling-upgrade");
        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(201);
        UUID member = UUID.fromString(signedUp.text("id"));
        await().atMost(EVENTUALLY).until(() -> platform.queryLong(BOX, PREFERENCES_VERSION, member) == 1);

        platform.process(BOX).restartWith(Map.of(ACCEPTED_VERSIONS, "1"), RESTART); // the build before v2

        // A v1 event as a newer producer may write it: a field and a CloudEvents extension no build of ours knows.
        UUID other = UUID.randomUUID();
        KafkaTestClient.sendAcknowledged(
                platform.kafka().bootstrapServers(),
                "member-preferences",
                other.toString(),
                v1WithAnExtraField(other, 3),
                Map.of());
        await().atMost(EVENTUALLY).until(() -> platform.queryLong(BOX, PREFERENCES_VERSION, other) == 3);

        Answer changed = Http.put(
                platform.url(MEMBER) + "/api/members/" + member + "/preferences",
                platform.tokens().member(member),
                Map.of(
                        "allergens",
                        List.of("SESAME"),
                        "dietaryTags",
                        List.of(),
                        "likedCategories",
                        List.of("crackers"),
                        "dislikedCategories",
                        List.of(),
                        "sensitiveDataConsent",
                        true));
        assertThat(changed.status()).as(changed.raw()).isEqualTo(200);
        await().atMost(EVENTUALLY)
                .untilAsserted(() -> assertThat(
                                KafkaTestClient.readAll(platform.kafka().bootstrapServers(), "member-preferences"))
                        .filteredOn(r -> member.toString().equals(r.key()))
                        .extracting(r ->
                                Http.JSON.readTree(r.value()).path("dataschema").asText())
                        .as("member-service writes the newest version")
                        .endsWith("urn:dcbeacon:event:MemberPreferencesChanged:v2"));
        await().atMost(EVENTUALLY).until(() -> platform.metric(BOX, "dcbeacon_inbox_waiting") >= 1);
        assertThat(platform.queryLong(BOX, PREFERENCES_VERSION, member))
                .as("v2 not applied by the old build")
                .isEqualTo(1);
        assertThat(deadLetters(platform, member, other)).as("dead-lettered").isEmpty();

        platform.process(BOX).restartWith(Map.of(ACCEPTED_VERSIONS, "1,2"), RESTART); // the build that reads v2

        await().atMost(EVENTUALLY).until(() -> platform.queryLong(BOX, PREFERENCES_VERSION, member) == 2);
        assertThat(platform.queryLong(
                        BOX,
                        "select count(*) from preference_replica where member_id = ? and allergens @> '[\"SESAME\"]'",
                        member))
                .as("the v2 event's preferences")
                .isOne();
        assertThat(platform.queryLong(BOX, PREFERENCES_VERSION, other))
                .as("the event with an extra field")
                .isEqualTo(3);
        assertThat(platform.metric(BOX, "dcbeacon_inbox_waiting"))
                .as("nothing waits any more")
                .isZero();
        assertThat(deadLetters(platform, member, other)).as("dead-lettered").isEmpty();
    }

    private static String v1WithAnExtraField(UUID member, long version) {
        ObjectNode data = Http.JSON
                .createObjectNode()
                .put("memberId", member.toString())
                .put("sensitiveDataConsent", true)
                .put("changedAt", OffsetDateTime.now().toString())
                .put("version", version)
                .put("favouriteSnackTime", "16:00");
        data.putArray("allergens").add("MILK");
        data.putArray("dietaryTags");
        data.putArray("likedCategories").add("crisps");
        data.putArray("dislikedCategories");
        ObjectNode envelope = Http.JSON
                .createObjectNode()
                .put("specversion", "1.0")
                .put("id", UUID.randomUUID().toString())
                .put("type", "MemberPreferencesChanged")
                .put("source", "/member-service")
                .put("subject", member.toString())
                .put("time", OffsetDateTime.now().toString())
                .put("dataschema", "urn:dcbeacon:event:MemberPreferencesChanged:v1")
                .put("datacontenttype", "application/json")
                .put("partitionkey", member.toString());
        envelope.set("data", data);
        return envelope.toString();
    }

    /** The keys of box-service's dead letters of member-preferences that concern these members. */
    private static List<String> deadLetters(PlatformUnderTest platform, UUID... members) {
        List<String> keys = Arrays.stream(members).map(UUID::toString).toList();
        return KafkaTestClient.readAll(platform.kafka().bootstrapServers(), "member-preferences.dlq.box-service")
                .stream()
                .map(r -> r.key())
                .filter(keys::contains)
                .toList();
    }
}
