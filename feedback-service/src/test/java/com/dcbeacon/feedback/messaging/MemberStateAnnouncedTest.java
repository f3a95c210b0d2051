package com.dcbeacon.feedback.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.feedback.domain.MemberReplica;
import com.dcbeacon.feedback.persistence.MemberReplicaRepository;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.BoxDelivered;
import com.dcbeacon.platform.events.payload.MemberStateAnnounced;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The member-events consumer's contract for a re-announced member, and the rebuild of a lost member replica from it:
 * country, plan for NPS by plan, and the member's choice about surveys.
 */
@QuarkusTest
class MemberStateAnnouncedTest extends MemberEventsContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    MemberReplicaRepository members;

    @Override
    protected EventEnvelope validEvent(UUID memberId) {
        return announcement(memberId, "plan-a", false);
    }

    @Override
    protected long effectCount(UUID memberId) {
        return members.count("memberId = ?1 and planId = 'plan-a' and surveys = false and country = 'NL'", memberId);
    }

    @Test
    void shouldRebuildALostReplicaAndKeepTheMembersChoiceAboutSurveys() {
        UUID member = UUID.randomUUID();
        send(
                member,
                codec.wrap(
                        EventType.BOX_DELIVERED,
                        "/box-service",
                        member.toString(),
                        new BoxDelivered(
                                UUID.randomUUID(),
                                member,
                                YearMonth.now(ZoneOffset.UTC).toString(),
                                List.of(new BoxDelivered.Item(
                                        UUID.randomUUID(), UUID.randomUUID(), "SKU-1", "Chili Crisps")),
                                OffsetDateTime.now())),
                Topics.BOX_EVENTS);
        // Without its replica the service does not know the member had a box: it does not ask (fails closed).
        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        survey(member).body("eligible", equalTo(false)).body("reason", containsString("first box")));

        send(member, announcement(member, "plan-r", false), Topics.MEMBER_EVENTS);

        await().atMost(TIMEOUT)
                .untilAsserted(() ->
                        survey(member).body("eligible", equalTo(false)).body("reason", containsString("opted out")));
        MemberReplica replica = QuarkusTransaction.requiringNew().call(() -> members.findById(member));
        assertThat(replica.country).isEqualTo("NL");
        assertThat(replica.planId).isEqualTo("plan-r");
        assertThat(replica.registeredAt).isNotNull();

        // A later announcement overwrites: the member opted in again; one without a subscription leaves the plan as it
        // was.
        EventEnvelope optedIn = codec.wrap(
                EventType.MEMBER_STATE_ANNOUNCED,
                "/member-service",
                member.toString(),
                new MemberStateAnnounced(
                        member, "NL", OffsetDateTime.now().minusYears(1), false, true, 2, null, OffsetDateTime.now()));
        send(member, optedIn, Topics.MEMBER_EVENTS);
        await().atMost(TIMEOUT).untilAsserted(() -> survey(member).body("eligible", equalTo(true)));
        assertThat(QuarkusTransaction.requiringNew().call(() -> members.findById(member).planId))
                .isEqualTo("plan-r");
    }

    private EventEnvelope announcement(UUID memberId, String planId, boolean surveys) {
        return codec.wrap(
                EventType.MEMBER_STATE_ANNOUNCED,
                "/member-service",
                memberId.toString(),
                new MemberStateAnnounced(
                        memberId,
                        "NL",
                        OffsetDateTime.now().minusYears(1),
                        true,
                        surveys,
                        2,
                        new MemberStateAnnounced.Subscription(
                                UUID.randomUUID(), "ACTIVE", planId, 4, 2499, "EUR", null, List.of(), null),
                        OffsetDateTime.now()));
    }

    private void send(UUID member, EventEnvelope event, String topic) {
        KafkaTestClient.send(topic, member.toString(), codec.write(event));
    }

    private static io.restassured.response.ValidatableResponse survey(UUID member) {
        RequestSpecification request = given().auth().oauth2(TestTokens.member(member));
        return request.get("/api/members/" + member + "/nps-survey").then().statusCode(200);
    }
}
