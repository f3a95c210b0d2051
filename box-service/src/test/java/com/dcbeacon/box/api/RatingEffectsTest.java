package com.dcbeacon.box.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.ProductData;
import com.dcbeacon.platform.events.payload.ProductRated;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * "You said, we did": the ratings curation holds for a member, from feedback-service's ProductRated on the real broker,
 * each with what it changes in their next boxes; only the member and ops read them.
 */
@QuarkusTest
class RatingEffectsTest {

    @Inject
    EventCodec codec;

    @Test
    void shouldSayWhatEachRatingChangesNewestFirst() {
        UUID member = UUID.randomUUID();
        UUID disliked = published("Chili Crisps", "chips");
        UUID middling = published("Rice Cake", "rice cakes");
        UUID loved = published("Dark Chocolate", "chocolate");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        rated(member, disliked, 2, now.minusMinutes(3));
        rated(member, middling, 3, now.minusMinutes(2));
        rated(member, loved, 5, now.minusMinutes(1));

        JsonPath effects = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> read(member, TestTokens.member(member)),
                        json -> json.getList("$").size() == 3
                                && !json.getList("name").contains(null));

        assertThat(effects.getList("productId"))
                .containsExactly(loved.toString(), middling.toString(), disliked.toString());
        assertThat(effects.getList("effect")).containsExactly("MORE_OF_ITS_CATEGORY", "NO_LONGER_NEW", "NEVER_AGAIN");
        assertThat(effects.getList("stars", Integer.class)).containsExactly(5, 3, 2);
        assertThat(effects.getList("name")).containsExactly("Dark Chocolate", "Rice Cake", "Chili Crisps");
        assertThat(effects.getList("category")).containsExactly("chocolate", "rice cakes", "chips");
        assertThat(read(member, TestTokens.ops()).getList("$")).hasSize(3);
        given().auth()
                .oauth2(TestTokens.member(UUID.randomUUID()))
                .get("/api/members/" + member + "/rating-effects")
                .then()
                .statusCode(404);
    }

    private static JsonPath read(UUID member, String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .get("/api/members/" + member + "/rating-effects")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private UUID published(String name, String category) {
        UUID product = UUID.randomUUID();
        UUID brand = UUID.randomUUID();
        send(
                Topics.BRAND_EVENTS,
                product,
                EventType.PRODUCT_PUBLISHED,
                new ProductData(
                        product,
                        brand,
                        "Rated Co",
                        "RC-" + product,
                        name,
                        category,
                        List.of("ingredient"),
                        List.of(),
                        List.of(),
                        List.of("VEGAN"),
                        100,
                        40,
                        50,
                        "PUBLISHED",
                        OffsetDateTime.now(ZoneOffset.UTC)));
        return product;
    }

    private void rated(UUID member, UUID product, int stars, OffsetDateTime at) {
        send(
                Topics.FEEDBACK_EVENTS,
                member,
                EventType.PRODUCT_RATED,
                new ProductRated(UUID.randomUUID(), member, UUID.randomUUID(), product, stars, at));
    }

    private void send(String topic, UUID key, EventType type, Object payload) {
        KafkaTestClient.send(topic, key.toString(), codec.write(codec.wrap(type, "/test", key.toString(), payload)));
    }
}
