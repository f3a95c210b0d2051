package com.dcbeacon.member.api;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SubscriptionResourceTest {

    private static final YearMonth CURRENT = YearMonth.now(ZoneOffset.UTC);

    @Inject
    ObjectMapper mapper;

    @Test
    void shouldSubscribeAtThePlansAllInPriceAndRefuseASecondOpenSubscription() {
        UUID id = Members.signUp();
        as(id).body("{\"planId\":\"classic\"}")
                .post("/api/members/" + id + "/subscription")
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("planId", equalTo("classic"))
                .body("priceCents", equalTo(2499))
                .body("currency", equalTo("EUR"))
                .body("nextCycle", equalTo(CURRENT.plusMonths(1).toString()));

        as(id).body("{\"planId\":\"taster\"}")
                .post("/api/members/" + id + "/subscription")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        as(id).body("{\"planId\":\"caviar\"}")
                .post("/api/members/" + Members.signUp() + "/subscription")
                .then()
                .statusCode(404);
        UUID other = Members.signUp();
        as(other)
                .body("{\"planId\":\"caviar\"}")
                .post("/api/members/" + other + "/subscription")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("planId"));
    }

    @Test
    void shouldPauseResumeSkipAndChangePlanWithOneCallEach() {
        UUID id = Members.subscribed("taster");
        String base = "/api/members/" + id + "/subscription";
        String next = CURRENT.plusMonths(1).toString();
        String afterNext = CURRENT.plusMonths(2).toString();

        as(id).body("{\"untilCycle\":\"" + next + "\"}")
                .post(base + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("pausedUntil", equalTo(next))
                .body("nextCycle", equalTo(afterNext))
                .body(
                        "effect",
                        equalTo("No boxes and no charges up to and including " + next + ": a box already curated "
                                + "for those months is withdrawn, and one that ships anyway is on us."));
        as(id).post(base + "/resume")
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("pausedUntil", nullValue())
                .body("effect", equalTo("Your boxes start again with the one for " + next + "."));
        as(id).body("{\"cycle\":\"" + next + "\"}")
                .post(base + "/skip")
                .then()
                .statusCode(200)
                .body("skippedCycles", contains(next))
                .body("nextCycle", equalTo(afterNext))
                .body(
                        "effect",
                        equalTo("No box and no charge for " + next + ": a box already curated for it is withdrawn, "
                                + "and one that ships anyway is on us."));
        as(id).body("{\"planId\":\"office\"}")
                .put(base + "/plan")
                .then()
                .statusCode(200)
                .body("planId", equalTo("office"))
                .body(
                        "effect",
                        equalTo("Applies from your next box that is not curated yet; a box already curated keeps "
                                + "its contents and the price it was curated for."));
        as(id).get(base).then().statusCode(200).body("$", not(hasKey("effect")));
        as(id).post(base + "/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("nextCycle", nullValue());

        List<String> types = Published.all(Topics.MEMBER_EVENTS).stream()
                .filter(r -> id.toString().equals(r.key()))
                .map(r -> KafkaTestClient.header(r, "ce_type"))
                .toList();
        assertThat(types)
                .containsExactly(
                        "MemberRegistered",
                        "SubscriptionStarted",
                        "SubscriptionPaused",
                        "SubscriptionResumed",
                        "CycleSkipped",
                        "PlanChanged",
                        "SubscriptionPaused");
    }

    @Test
    void shouldCancelWithOneCallNoReasonAndTheSameConfirmationTwice() {
        UUID id = Members.subscribed("classic");
        String base = "/api/members/" + id + "/subscription";

        String confirmation = as(id).post(base + "/cancel")
                .then()
                .statusCode(200)
                .body("status", equalTo("CANCELLED"))
                .body("cancelledAt", notNullValue())
                .body("nextCycle", nullValue())
                .body("effect", containsString("No more boxes and no more charges"))
                .extract()
                .path("confirmationId");
        assertThat(confirmation).isNotNull();
        as(id).body("{\"reason\":\"too many snacks\"}")
                .post(base + "/cancel")
                .then()
                .statusCode(200)
                .body("confirmationId", equalTo(confirmation));
        as(id).post(base + "/resume").then().statusCode(409);

        // A cancelled member may come back.
        as(id).body("{\"planId\":\"taster\"}").post(base).then().statusCode(201).body("status", equalTo("ACTIVE"));

        assertThat(Published.all(Topics.MEMBER_EVENTS).stream()
                        .filter(r -> id.toString().equals(r.key()))
                        .filter(r -> "SubscriptionCancelled".equals(KafkaTestClient.header(r, "ce_type"))))
                .as("cancelling twice announces one cancellation")
                .hasSize(1);
    }

    @Test
    void shouldRefuseCyclesInThePastBadlyWrittenOrTooFarAhead() {
        UUID id = Members.subscribed("classic");
        String base = "/api/members/" + id + "/subscription";
        as(id).body("{\"cycle\":\"" + CURRENT.minusMonths(1) + "\"}")
                .post(base + "/skip")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("cycle"));
        as(id).body("{\"cycle\":\"2026-13\"}")
                .post(base + "/skip")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cycle"));
        as(id).body("{\"cycle\":\"" + CURRENT.plusMonths(30) + "\"}")
                .post(base + "/skip")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("cycle"))
                .body("violations.message", hasItem("must be at most 24 months ahead"));
        as(id).body("{}").post(base + "/skip").then().statusCode(400).body("violations.field", hasItem("cycle"));
        as(id).body("{\"untilCycle\":\"yesterday\"}")
                .post(base + "/pause")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("untilCycle"));
        as(id).body("{\"reason\":\"" + "x".repeat(1001) + "\"}")
                .post(base + "/cancel")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("reason"));
    }

    @Test
    void shouldAnswerMembersWithoutSubscription() {
        UUID id = Members.signUp();
        as(id).get("/api/members/" + id + "/subscription")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(id).post("/api/members/" + id + "/subscription/resume").then().statusCode(409);
    }
}
