package com.dcbeacon.member.gift;

import static com.dcbeacon.member.Members.as;
import static com.dcbeacon.member.Members.ledger;
import static com.dcbeacon.member.gift.GiftFixtures.CLASSIC_CENTS;
import static com.dcbeacon.member.gift.GiftFixtures.amount;
import static com.dcbeacon.member.gift.GiftFixtures.ofType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.platform.idempotency.IdempotentRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A gift purchase moves money, so it runs once per {@code Idempotency-Key}: a double click or a retry after a timeout
 * buys one gift and charges once; a new key buys another (real API and PostgreSQL).
 */
@QuarkusTest
class GiftPurchaseIdempotencyTest {

    private static final String TWO_CYCLES =
            "{\"planId\":\"classic\",\"cycles\":2,\"shownPriceCents\":%d}".formatted(CLASSIC_CENTS);

    private static Response purchase(UUID as, UUID buyer, String key, String body) {
        var request = as(as).body(body);
        if (key != null) {
            request = request.header(IdempotentRequests.HEADER, key);
        }
        return request.post("/api/members/" + buyer + "/gifts");
    }

    private static List<Map<String, Object>> charges(UUID member) {
        return ofType(ledger(member), "CHARGE");
    }

    @Test
    void shouldBuyOneGiftAndChargeOnceForARepeatedKeyAndAnotherForANewKey() {
        UUID buyer = Members.signUp();
        String key = UUID.randomUUID().toString();

        String first = purchase(buyer, buyer, key, TWO_CYCLES)
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        purchase(buyer, buyer, key, TWO_CYCLES)
                .then()
                .statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, "true")
                .body("id", equalTo(first));
        assertThat(charges(buyer)).as("one charge for one key").hasSize(1);
        assertThat(amount(charges(buyer).get(0))).isEqualTo(2 * CLASSIC_CENTS);
        as(buyer).get("/api/members/" + buyer + "/gifts").then().statusCode(200).body("", hasSize(1));

        // The key for another purchase: refused, nothing bought.
        purchase(buyer, buyer, key, TWO_CYCLES.replace("\"cycles\":2", "\"cycles\":3"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(IdempotentRequests.HEADER));
        // No key: refused, naming the header.
        purchase(buyer, buyer, null, TWO_CYCLES)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(IdempotentRequests.HEADER));
        // Another member's token with a fresh key: 404, nothing bought.
        UUID stranger = Members.signUp();
        purchase(stranger, buyer, UUID.randomUUID().toString(), TWO_CYCLES)
                .then()
                .statusCode(404);
        assertThat(charges(buyer)).hasSize(1);
        assertThat(charges(stranger)).isEmpty();

        // The positive anchor: a new key is a new purchase, charged again.
        purchase(buyer, buyer, UUID.randomUUID().toString(), TWO_CYCLES)
                .then()
                .statusCode(201)
                .header(IdempotentRequests.REPLAYED_HEADER, nullValue())
                .body("id", not(equalTo(first)));
        assertThat(charges(buyer)).hasSize(2);
        as(buyer).get("/api/members/" + buyer + "/gifts").then().body("", hasSize(2));
    }
}
