package com.dcbeacon.member.api;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProfileResourceTest {

    @Test
    void shouldStoreAllergiesOnlyWithConsentAndSendThemOnlyToTheSensitiveTopic() {
        UUID id = Members.signUp();
        String path = "/api/members/" + id + "/preferences";
        as(id).body("""
                {"allergens":["PEANUTS"],"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":false}""")
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("sensitiveDataConsent"))
                .body("detail", containsString("consent"));
        as(id).body("""
                {"allergens":[],"dietaryTags":["KOSHER"],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":false}""").put(path).then().statusCode(400).body("violations.field", hasItem("sensitiveDataConsent"));

        as(id).body("""
                {"allergens":["PEANUTS","SESAME"],"dietaryTags":["VEGAN"],"likedCategories":["Chips"],"dislikedCategories":["candy"],"sensitiveDataConsent":true}""")
                .put(path)
                .then()
                .statusCode(200)
                .body("allergens", contains("PEANUTS", "SESAME"))
                .body("likedCategories", contains("chips"));
        as(id).get(path)
                .then()
                .statusCode(200)
                .body("dietaryTags", contains("VEGAN"))
                .body("sensitiveDataConsent", equalTo(true));

        var record = KafkaTestClient.await(
                        Topics.MEMBER_PREFERENCES,
                        r -> id.toString().equals(r.key()) && r.value().contains("\"version\":2"),
                        Duration.ofSeconds(20))
                .orElseThrow(() -> new AssertionError("no MemberPreferencesChanged with the change"));
        assertThat(record.value()).contains("PEANUTS");
        assertThat(Published.all(Topics.MEMBER_EVENTS))
                .filteredOn(r -> id.toString().equals(r.key()))
                .as("allergens never travel on the widely read member-events topic")
                .noneMatch(r -> r.value().contains("PEANUTS"));
    }

    @Test
    void shouldRefuseUnknownCodesAndMissingLists() {
        UUID id = Members.signUp();
        String path = "/api/members/" + id + "/preferences";
        as(id).body("""
                {"allergens":["CHOCOLATE"],"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":true}""")
                .put(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("allergens[0]"));
        as(id).body("""
                {"dietaryTags":[],"likedCategories":[],"dislikedCategories":[],"sensitiveDataConsent":true}""").put(path).then().statusCode(400).body("violations.field", hasItem("allergens"));
        as(id).body("""
                {"allergens":[],"dietaryTags":[],"likedCategories":["chips"],"dislikedCategories":["Chips"],"sensitiveDataConsent":false}""").put(path).then().statusCode(400).body("violations.field", hasItem("likedCategories"));
    }

    @Test
    void shouldKeepMarketingOptInAndLetMembersOptOutOfSurveys() {
        UUID id = Members.signUp();
        String path = "/api/members/" + id + "/communication-preferences";
        as(id).get(path)
                .then()
                .statusCode(200)
                .body("marketingEmails", equalTo(false))
                .body("surveys", equalTo(true));
        as(id).body("{\"marketingEmails\":false,\"surveys\":false}")
                .put(path)
                .then()
                .statusCode(200)
                .body("surveys", equalTo(false));
        as(id).body("{\"surveys\":true}")
                .put(path)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("marketingEmails"));
        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> id.toString().equals(r.key())
                                && "CommunicationPreferencesChanged".equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(20)))
                .isPresent();
    }

    @Test
    void shouldChangeTheAddress() {
        UUID id = Members.signUp();
        as(id).body("""
                {"line1":"5 Rue de Rivoli","city":"Paris","postalCode":"75001","country":"FR"}""")
                .put("/api/members/" + id + "/address")
                .then()
                .statusCode(200)
                .body("shippingAddress.country", equalTo("FR"));
        as(id).body("""
                {"line1":"","city":"Paris","postalCode":"75001","country":"XX"}""")
                .put("/api/members/" + id + "/address")
                .then()
                .statusCode(400)
                .body("violations.field", hasItem("line1"))
                .body("violations.field", hasItem("country"));
    }
}
