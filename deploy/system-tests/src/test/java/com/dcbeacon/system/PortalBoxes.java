package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the web portal's browser tests ask box-service as ops: is a member curatable, curate a cycle, read a box. */
final class PortalBoxes {

    private static final Duration EVENTUALLY = Duration.ofSeconds(120);

    private PortalBoxes() {}

    /**
     * Waits until box-service holds the member's subscription and preferences ({@code preferencesCondition}: more SQL
     * on {@code preference_replica}, e.g. an allergen, or empty), the brand's {@code products} and no longer waits for
     * the member.
     */
    static void awaitBoxServiceKnows(
            PlatformUnderTest platform,
            String ops,
            UUID member,
            String preferencesCondition,
            UUID brand,
            int products) {
        await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(platform.queryLong(BOX, "select count(*) from subscription_replica where member_id = ?", member))
                    .isEqualTo(1);
            assertThat(platform.queryLong(
                            BOX,
                            "select count(*) from preference_replica where member_id = ?" + preferencesCondition,
                            member))
                    .isEqualTo(1);
            assertThat(platform.queryLong(BOX, "select count(*) from catalogue_product where brand_id = ?", brand))
                    .isEqualTo(products);
            Answer waiting = Http.get(platform.url(BOX) + "/api/curation/waiting-members", ops);
            assertThat(waiting.status()).as(waiting.raw()).isEqualTo(200);
            assertThat(waiting.raw()).doesNotContain(member.toString());
        });
    }

    /** Runs curation of the cycle to its end. */
    static void curate(PlatformUnderTest platform, String ops, String cycle) {
        Answer started = Http.post(platform.url(BOX) + "/api/curation-runs", ops, Map.of("cycle", cycle));
        assertThat(started.status()).as(started.raw()).isEqualTo(202);
        String run = platform.url(BOX) + "/api/curation-runs/" + started.text("runId");
        await().atMost(EVENTUALLY)
                .until(() -> !Http.get(run, ops).text("status").equals("RUNNING"));
        assertThat(Http.get(run, ops).text("status")).isEqualTo("DONE");
    }

    /** The member's one box of the cycle, as box-service answers it to ops. */
    static JsonNode boxOf(PlatformUnderTest platform, String ops, UUID member, String cycle) {
        Answer answer = Http.get(platform.url(BOX) + "/api/members/" + member + "/boxes", ops);
        assertThat(answer.status()).as(answer.raw()).isEqualTo(200);
        List<JsonNode> boxes = new ArrayList<>();
        answer.body().forEach(box -> {
            if (box.path("cycle").asText().equals(cycle)) {
                boxes.add(box);
            }
        });
        assertThat(boxes).as(answer.raw()).hasSize(1);
        return boxes.get(0);
    }
}
