package com.dcbeacon.box.api;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.dcbeacon.box.domain.CatalogueProduct;
import com.dcbeacon.box.domain.PreferenceReplica;
import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.SubscriptionStarted;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Members, products and curation runs for box-service tests, made through real events and the real API. */
final class BoxFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final EventCodec codec;

    BoxFixtures(EventCodec codec) {
        this.codec = codec;
    }

    UUID subscriber(int items, List<String> allergens, List<String> liked) {
        UUID member = UUID.randomUUID();
        send(Topics.MEMBER_EVENTS, member, EventType.SUBSCRIPTION_STARTED,
                new SubscriptionStarted(member, UUID.randomUUID(), "classic", items, 2499, "EUR", OffsetDateTime.now(), 0));
        send(Topics.MEMBER_PREFERENCES, member, EventType.MEMBER_PREFERENCES_CHANGED,
                new MemberPreferencesChanged(member, allergens, List.of(), liked, List.of(), !allergens.isEmpty(), OffsetDateTime.now(), 1));
        await().atMost(TIMEOUT).until(() -> inTx(() -> SubscriptionReplica.findById(member) != null && PreferenceReplica.findById(member) != null));
        return member;
    }

    UUID product(String category, List<String> allergens, List<String> mayContain, int stock) {
        UUID id = UUID.randomUUID();
        send(Topics.BRAND_EVENTS, id, EventType.PRODUCT_PUBLISHED, new ProductData(id, UUID.randomUUID(), "Brand " + category,
                "SKU-" + id.toString().substring(0, 8), "Snack " + category, category, List.of("x"), allergens, mayContain, List.of(),
                100, 30, stock, "PUBLISHED", OffsetDateTime.now()));
        await().atMost(TIMEOUT).until(() -> inTx(() -> CatalogueProduct.findById(id) != null));
        return id;
    }

    JsonPath runCuration(String cycle) {
        String runId = ops().body("{\"cycle\":\"" + cycle + "\"}").post("/api/curation-runs").then().statusCode(202)
                .extract().path("runId");
        await().atMost(TIMEOUT).untilAsserted(() -> ops().get("/api/curation-runs/" + runId).then().statusCode(200)
                .body("status", equalTo("DONE")));
        return ops().get("/api/curation-runs/" + runId).then().extract().jsonPath();
    }

    /** The member's box of the cycle, taken through pack, ship and deliver. */
    String deliveredBox(UUID member, String cycle) {
        String boxId = boxOf(member, cycle);
        ops().post("/api/boxes/" + boxId + "/pack").then().statusCode(200);
        ops().body("{\"trackingNumber\":\"T-1\"}").post("/api/boxes/" + boxId + "/ship").then().statusCode(200);
        ops().post("/api/boxes/" + boxId + "/deliver").then().statusCode(200);
        return boxId;
    }

    String boxOf(UUID member, String cycle) {
        return member(member).get("/api/members/" + member + "/boxes").then().statusCode(200).extract()
                .path("find { it.cycle == '" + cycle + "' }.id");
    }

    void send(String topic, UUID key, EventType type, Object payload) {
        KafkaTestClient.send(topic, key.toString(), codec.write(codec.wrap(type, "/test", key.toString(), payload)));
    }

    static <T> T inTx(Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }

    static RequestSpecification member(UUID id) {
        return given().auth().oauth2(TestTokens.member(id)).contentType(ContentType.JSON);
    }

    static RequestSpecification ops() {
        return given().auth().oauth2(TestTokens.ops()).contentType(ContentType.JSON);
    }
}
