package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.itemsOf;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.persistence.PreferenceReplicaRepository;
import com.dcbeacon.platform.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The last check before a box leaves: an allergen declared after packing stops the shipment until it is packed again. */
@QuarkusTest
class ShipSafetyTest {

    @Inject
    PreferenceReplicaRepository preferenceReplicaRepository;

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldNotShipAPackedBoxWithAnAllergenDeclaredAfterPacking() {
        String cycle = "2036-01";
        String category = "ship-" + UUID.randomUUID().toString().substring(0, 6);
        UUID sesame = fixtures.product(category, List.of("SESAME"), List.of(), 1000);
        fixtures.product(category, List.of(), List.of(), 1000);
        UUID member = fixtures.subscriber(1, List.of(), List.of(category));
        fixtures.runCuration(cycle);
        String boxId = fixtures.boxOf(member, cycle);
        if (!itemsOf(member, boxId).contains(sesame.toString())) {
            // Make the sesame product the one in the box, so the check has something to find.
            BoxFixtures.member(member)
                    .post("/api/boxes/" + boxId + "/items/"
                            + itemsOf(member, boxId).get(0) + "/swap")
                    .then()
                    .statusCode(200);
        }
        assertThat(itemsOf(member, boxId)).containsExactly(sesame.toString());
        ops().post("/api/boxes/" + boxId + "/pack").then().statusCode(200);

        fixtures.preferences(member, List.of("SESAME"), List.of(category), 2);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inTx(() -> preferenceReplicaRepository.findById(member).version == 2));

        ops().body("{\"trackingNumber\":\"T-SESAME\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        ops().post("/api/boxes/" + boxId + "/pack").then().statusCode(200);
        assertThat(itemsOf(member, boxId)).doesNotContain(sesame.toString());
        // Positive anchor: packed again without the allergen, it ships.
        ops().body("{\"trackingNumber\":\"T-SESAME\"}")
                .post("/api/boxes/" + boxId + "/ship")
                .then()
                .statusCode(200);
        // The member is shown the changed box (the first packing changed nothing, a swap of theirs is no change of
        // ours), and the shipment names that revision: their preview of it decides whether they pay.
        JsonNode changed = fixtures.awaitPublished(
                EventType.BOX_CONTENTS_CHANGED,
                member,
                d -> boxId.equals(d.get("boxId").asText()));
        assertThat(changed.get("revision").asInt()).isEqualTo(1);
        assertThat(changed.get("items").findValuesAsText("productId")).isEqualTo(itemsOf(member, boxId));
        assertThat(changed.get("reason").asText()).contains("no longer suited you or was no longer available");
        assertThat(fixtures.awaitPublished(
                                EventType.BOX_SHIPPED,
                                member,
                                d -> boxId.equals(d.get("boxId").asText()))
                        .get("contentsRevision")
                        .asInt())
                .isEqualTo(1);
        assertThat(fixtures.published(
                        EventType.BOX_CONTENTS_CHANGED,
                        d -> boxId.equals(d.get("boxId").asText())))
                .as("one change of ours")
                .hasSize(1);
    }
}
