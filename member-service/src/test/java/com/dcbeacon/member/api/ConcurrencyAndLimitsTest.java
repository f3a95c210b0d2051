package com.dcbeacon.member.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.Races;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrencyAndLimitsTest {

    @RepeatedTest(3)
    void shouldEndRacingChangesInOneConsistentState() {
        UUID member = Members.subscribed("classic");
        String base = "/api/members/" + member + "/subscription";
        List<Response> answers = Races.atOnce(List.<Supplier<Response>>of(
                () -> Members.as(member).body("{}").post(base + "/cancel"),
                () -> Members.as(member).body("{}").post(base + "/cancel"),
                () -> Members.as(member).body("{}").post(base + "/pause")));

        assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isIn(200, 409));
        // Whatever won, the member can always cancel, and ends cancelled with one confirmation.
        String confirmation = Members.as(member)
                .body("{}")
                .post(base + "/cancel")
                .then()
                .statusCode(200)
                .extract()
                .path("confirmationId");
        answers.stream()
                .filter(r -> r.statusCode() == 200 && "CANCELLED".equals(r.path("status")))
                .forEach(r -> assertThat(r.<String>path("confirmationId")).isEqualTo(confirmation));
        assertThat(Published.all(Topics.MEMBER_EVENTS).stream()
                        .filter(r -> member.toString().equals(r.key()))
                        .filter(r -> "SubscriptionCancelled".equals(KafkaTestClient.header(r, "ce_type"))))
                .hasSize(1);
    }

    @Test
    void shouldRefuseOversizedBodiesWithoutChangingAnything() {
        UUID member = Members.signUp();
        String huge =
                "{\"line1\":\"" + "x".repeat(400_000) + "\",\"city\":\"B\",\"postalCode\":\"1\",\"country\":\"DE\"}";
        Members.as(member)
                .body(huge)
                .put("/api/members/" + member + "/address")
                .then()
                .statusCode(413);
        Members.as(member)
                .get("/api/members/" + member)
                .then()
                .statusCode(200)
                .body("shippingAddress.line1", org.hamcrest.Matchers.equalTo("1 Main St"));
    }
}
