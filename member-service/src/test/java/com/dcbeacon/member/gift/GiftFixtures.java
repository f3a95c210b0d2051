package com.dcbeacon.member.gift;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test fixture: gifts bought and claimed over the real API, and their boxes shipped over the real broker. */
@ApplicationScoped
public class GiftFixtures {

    /** The classic plan's price (V2), the plan every gift here gives. */
    public static final long CLASSIC_CENTS = TestPlans.CLASSIC_CENTS;

    private final BoxServiceEvents boxService;

    public GiftFixtures(BoxServiceEvents boxService) {
        this.boxService = boxService;
    }

    /** The buyer buys {@code cycles} of classic, as shown; the 201 answer. */
    public static Map<String, Object> bought(UUID buyer, int cycles) {
        return as(buyer)
                .body("{\"planId\":\"classic\",\"cycles\":%d,\"shownPriceCents\":%d}".formatted(cycles, CLASSIC_CENTS))
                .header(IdempotentRequests.HEADER, UUID.randomUUID().toString())
                .post("/api/members/" + buyer + "/gifts")
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getMap("");
    }

    public static Response claim(UUID member, String code) {
        return as(member).body("{\"code\":\"" + code + "\"}").post("/api/members/" + member + "/gift-claims");
    }

    /** A sign-up with a gift code. */
    public static Response signUpWithGift(String email, String code) {
        return given().contentType(ContentType.JSON)
                .body("""
                        {"email":"%s","name":"Grace Hopper","shippingAddress":{"line1":"2 Side St","city":"Berlin","postalCode":"10117","country":"DE"},"giftCode":"%s"}""".formatted(email, code))
                .post("/api/members");
    }

    /** Previews and ships a box of the cycle for the subscription, as box-service would; waits until applied. */
    public UUID shipped(UUID member, UUID subscription, String cycle) {
        return boxService.shipped(member, subscription, cycle);
    }

    public static List<Map<String, Object>> ofType(List<Map<String, Object>> entries, String type) {
        return entries.stream().filter(e -> type.equals(e.get("type"))).toList();
    }

    public static long amount(Map<String, Object> entry) {
        return ((Number) entry.get("amountCents")).longValue();
    }
}
