package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.Members;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxContentsChanged;
import com.dcbeacon.platform.events.payload.BoxCurated;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The subscription's answer says until when the member can change the box they were last shown: the preview lead
 * (here the production default, 5 days) after that preview's mail was sent, the moment from which box-service may ship
 * it charged. Nothing before a preview was mailed; a change of the contents moves it to the new preview's lead.
 */
@QuarkusTest
@TestProfile(BoxChangeWindowTest.FiveDaysLead.class)
class BoxChangeWindowTest {

    public static class FiveDaysLead implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dcbeacon.box-preview.lead", "P5D");
        }
    }

    private static final String CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();

    @Inject
    BoxServiceEvents boxService;

    @Test
    void shouldAnswerUntilWhenTheLastPreviewedBoxCanBeChanged() {
        UUID member = Members.subscribed("window-" + UUID.randomUUID() + "@example.com", "classic");
        assertThat(subscription(member).getMap("$")).containsKey("status").doesNotContainKey("boxChangeWindow");

        UUID box = UUID.randomUUID();
        OffsetDateTime sent = boxService.previewed(member, box, CYCLE);
        JsonPath read = subscription(member);
        assertThat(read.getString("boxChangeWindow.boxId")).isEqualTo(box.toString());
        assertThat(read.getInt("boxChangeWindow.revision")).isZero();
        assertThat(changesUntil(read)).isEqualTo(sent.plusDays(5).toInstant().truncatedTo(ChronoUnit.MILLIS));

        // box-service changed the contents: the window runs from the preview of the contents as they are now
        boxService.publishAndAwait(
                EventType.BOX_CONTENTS_CHANGED,
                member,
                new BoxContentsChanged(
                        box,
                        member,
                        CYCLE,
                        1,
                        List.of(new BoxCurated.Item(
                                UUID.randomUUID(), false, "Sea salt crisps", "Crunch & Co", "You like crisps")),
                        "Cocoa oat bar was recalled by its brand, so we put Sea salt crisps in its place",
                        OffsetDateTime.now(ZoneOffset.UTC)));
        OffsetDateTime rePreviewSent =
                await().atMost(Duration.ofSeconds(30)).until(() -> boxService.previewSentAt(box, 1), at -> at != null);
        JsonPath changed = subscription(member);
        assertThat(changed.getInt("boxChangeWindow.revision")).isEqualTo(1);
        assertThat(changesUntil(changed))
                .isEqualTo(rePreviewSent.plusDays(5).toInstant().truncatedTo(ChronoUnit.MILLIS))
                .isAfter(changesUntil(read));

        // another member's subscription is not theirs to read
        UUID other = Members.subscribed("window-other-" + UUID.randomUUID() + "@example.com", "classic");
        as(other).get("/api/members/" + member + "/subscription").then().statusCode(404);
    }

    private static JsonPath subscription(UUID member) {
        return as(member)
                .get("/api/members/" + member + "/subscription")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static java.time.Instant changesUntil(JsonPath subscription) {
        return OffsetDateTime.parse(subscription.getString("boxChangeWindow.changesUntil"))
                .toInstant()
                .truncatedTo(ChronoUnit.MILLIS);
    }
}
