package com.dcbeacon.member.consent;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reactivation after a cancel: one call at the price shown, keeping preferences; never at a price not shown. */
@QuarkusTest
class ReactivationTest {

    private static final String PREFERENCES = """
            {"allergens":["PEANUTS"],"dietaryTags":["VEGAN"],"likedCategories":["snacks"],"dislikedCategories":[],"sensitiveDataConsent":true}""";

    @Inject
    TestPlans plans;

    @Inject
    MovableClock clock;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldReactivateAtTheQuotedPriceKeepingPreferencesAndAnnounceTheStart() throws Exception {
        String plan = plans.create(1799);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";
        as(member)
                .body(PREFERENCES)
                .put("/api/members/" + member + "/preferences")
                .then()
                .statusCode(200);
        String cancelled = as(member)
                .body("{\"planId\":\"" + plan + "\"}")
                .post(base)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(member).post(base + "/cancel").then().statusCode(200);

        as(member)
                .get(base + "/reactivation")
                .then()
                .statusCode(200)
                .body("cancelledSubscriptionId", equalTo(cancelled))
                .body("priceCents", equalTo(1799));
        String reactivated = as(member)
                .body("{\"priceCents\":1799,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("planId", equalTo(plan))
                .body("priceCents", equalTo(1799))
                .body("id", not(equalTo(cancelled)))
                .body("effect", containsString("start again"))
                .extract()
                .path("id");

        as(member)
                .get(base)
                .then()
                .statusCode(200)
                .body("id", equalTo(reactivated))
                .body("status", equalTo("ACTIVE"));
        as(member)
                .get("/api/members/" + member + "/preferences")
                .then()
                .statusCode(200)
                .body("allergens", hasItem("PEANUTS"))
                .body("dietaryTags", hasItem("VEGAN"))
                .body("likedCategories", hasItem("snacks"))
                .body("sensitiveDataConsent", equalTo(true));
        as(member).get(base + "/reactivation").then().statusCode(409).contentType("application/problem+json");

        ConsumerRecord<String, String> started = KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key())
                                && "SubscriptionStarted".equals(KafkaTestClient.header(r, "ce_type"))
                                && r.value().contains(reactivated),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("SubscriptionStarted of the reactivation on Kafka"));
        JsonNode data = mapper.readTree(started.value()).get("data");
        assertThat(data.get("planId").asText()).isEqualTo(plan);
        assertThat(data.get("priceCents").asLong()).isEqualTo(1799);
        assertThat(data.get("currency").asText()).isEqualTo("EUR");
    }

    @Test
    void shouldRefuseAQuotedPriceThatIsNoLongerThePrice() {
        String plan = plans.create(1000);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";
        as(member).body("{\"planId\":\"" + plan + "\"}").post(base).then().statusCode(201);
        as(member).post(base + "/cancel").then().statusCode(200);
        as(member).get(base + "/reactivation").then().statusCode(200).body("priceCents", equalTo(1000));
        LocalDate effective = TestPlans.announce(plan, 1300, clock, 30);
        clock.set(TestPlans.during(effective));

        as(member)
                .body("{\"priceCents\":1000,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("13.00 EUR"));
        as(member).get(base).then().body("status", equalTo("CANCELLED"));
        as(member).get("/api/members/" + member + "/consent-records").then().body("totalRecords", equalTo(2));

        as(member).get(base + "/reactivation").then().statusCode(200).body("priceCents", equalTo(1300));
        as(member)
                .body("{\"priceCents\":1300,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(201)
                .body("priceCents", equalTo(1300));
    }

    @Test
    void shouldRefuseAReactivationWhenAPriceChangeWasAnnouncedAfterTheQuote() {
        String plan = plans.create(1000);
        UUID member = Members.signUp();
        String base = "/api/members/" + member + "/subscription";
        as(member).body("{\"planId\":\"" + plan + "\"}").post(base).then().statusCode(201);
        as(member).post(base + "/cancel").then().statusCode(200);
        as(member)
                .get(base + "/reactivation")
                .then()
                .statusCode(200)
                .body("priceCents", equalTo(1000))
                .body("upcomingPrice", nullValue());
        // Announced while the member looks at the quote: the price today is still the quoted one, but the member, not
        // subscribed when the notices went out, would pay 13.00 from the effective date without having been shown it.
        LocalDate effective = TestPlans.announce(plan, 1300, clock, 30);

        as(member)
                .body("{\"priceCents\":1000,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("13.00 EUR on " + effective));
        as(member).get(base).then().body("status", equalTo("CANCELLED"));

        // A new quote shows the change; confirming it with the upcoming price reactivates.
        as(member)
                .get(base + "/reactivation")
                .then()
                .statusCode(200)
                .body("priceCents", equalTo(1000))
                .body("upcomingPrice.priceCents", equalTo(1300));
        as(member)
                .body("{\"priceCents\":1000,\"currency\":\"EUR\",\"upcomingPriceCents\":1300}")
                .post(base + "/reactivation")
                .then()
                .statusCode(201)
                .body("priceCents", equalTo(1000));
    }

    @Test
    void shouldRefuseBadInputNamingTheField() {
        UUID member = Members.subscribed("taster");
        String base = "/api/members/" + member + "/subscription";
        as(member).post(base + "/cancel").then().statusCode(200);

        as(member)
                .body("{\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("priceCents"));
        as(member)
                .body("{\"priceCents\":-1,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("priceCents"));
        as(member)
                .body("{\"priceCents\":1499,\"currency\":\"eur\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("currency"));
        as(member)
                .header("Dcbeacon-Channel", "fax")
                .body("{\"priceCents\":1499,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("Dcbeacon-Channel"));
        as(member).get(base).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void shouldAnswer404ForAnotherMembersIdOrNoSubscription() {
        UUID member = Members.subscribed("taster");
        String base = "/api/members/" + member + "/subscription";
        as(member).post(base + "/cancel").then().statusCode(200);
        UUID stranger = Members.signUp();

        as(member).get(base + "/reactivation").then().statusCode(200);
        as(stranger).get(base + "/reactivation").then().statusCode(404).contentType("application/problem+json");
        as(stranger)
                .body("{\"priceCents\":1499,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(404);
        as(stranger)
                .get("/api/members/" + stranger + "/subscription/reactivation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(member).get(base).then().body("status", equalTo("CANCELLED"));
    }

    @Test
    void shouldRefuseAnErasedMember() {
        UUID member = Members.subscribed("taster");
        String base = "/api/members/" + member + "/subscription";
        as(member).post(base + "/cancel").then().statusCode(200);
        as(member).get(base + "/reactivation").then().statusCode(200);

        as(member).delete("/api/members/" + member).then().statusCode(202);

        as(member).get(base + "/reactivation").then().statusCode(404).contentType("application/problem+json");
        as(member)
                .body("{\"priceCents\":1499,\"currency\":\"EUR\"}")
                .post(base + "/reactivation")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}
