package com.dcbeacon.member.referral;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.CreditGranted;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixture: sign-ups with codes, subscriptions, shipped boxes and credits, over the real API and broker. */
@ApplicationScoped
public class ReferralFixtures {

    /** The amounts of the test profile (application.properties), not the defaults: proof that they are configured. */
    public static final long REFERRER_CENTS = 1000;

    public static final long REFEREE_CENTS = 700;
    public static final long BOX_CENTS = TestPlans.CLASSIC_CENTS;

    private final BoxServiceEvents boxService;

    public ReferralFixtures(BoxServiceEvents boxService) {
        this.boxService = boxService;
    }

    /** One line of the sign-up body; {@code code} null for none. */
    public static String signUpJson(String email, String line1, String code) {
        return """
                {"email":"%s","name":"Ada Lovelace","shippingAddress":{"line1":"%s","city":"Berlin","postalCode":"10115","country":"DE"}%s}""".formatted(email, line1, code == null ? "" : ",\"referralCode\":\"" + code + "\"");
    }

    public static Response signUp(String email, String line1, String code) {
        return given().contentType(ContentType.JSON)
                .body(signUpJson(email, line1, code))
                .post("/api/members");
    }

    /** Signed up (201) and subscribed to classic; answers the member and the subscription. */
    public static Subscribed subscribed(String email, String line1, String code) {
        UUID member = UUID.fromString(
                signUp(email, line1, code).then().statusCode(201).extract().path("id"));
        return new Subscribed(member, Members.subscribe(member, "classic"));
    }

    public record Subscribed(UUID member, UUID subscription) {}

    public static String code(UUID member) {
        return as(member)
                .get("/api/members/" + member + "/referral")
                .then()
                .statusCode(200)
                .extract()
                .path("code");
    }

    /** A box previewed and shipped for the member's subscription, applied by member-service; answers the box. */
    public UUID shipped(Subscribed to, int monthsAhead) {
        return boxService.shipped(
                to.member(),
                to.subscription(),
                YearMonth.now(ZoneOffset.UTC).plusMonths(monthsAhead).toString());
    }

    /** Publishes the shipment (again) and waits until it was applied. */
    public void ship(Subscribed to, UUID box, String cycle) {
        boxService.ship(to.member(), to.subscription(), box, cycle);
    }

    public void credit(UUID member, UUID box, long cents, String issueType) {
        boxService.publishAndAwait(
                EventType.CREDIT_GRANTED,
                member,
                new CreditGranted(UUID.randomUUID(), member, box, cents, "Issue with the box", now(), issueType));
    }

    /** The member's ledger entries that belong to a referral: type, amount, reason. */
    public static List<Map<String, Object>> referralEntries(UUID member) {
        return Members.ledger(member).stream()
                .filter(e -> e.get("reason").toString().contains("(referral "))
                .toList();
    }

    /** Referral credits minus reversals, in cents. */
    public static long referralSum(UUID member) {
        return referralEntries(member).stream()
                .mapToLong(e -> ("CREDIT".equals(e.get("type")) ? 1 : -1) * ((Number) e.get("amountCents")).longValue())
                .sum();
    }

    public static List<String> types(List<Map<String, Object>> entries) {
        return entries.stream()
                .map(e -> e.get("type") + " " + e.get("amountCents"))
                .toList();
    }

    public static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }
}
