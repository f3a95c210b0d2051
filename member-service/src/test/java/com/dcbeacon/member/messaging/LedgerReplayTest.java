package com.dcbeacon.member.messaging;

import static com.dcbeacon.member.Members.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.BoxServiceEvents;
import com.dcbeacon.member.LedgerScenarios;
import com.dcbeacon.member.LedgerScenarios.Cancel;
import com.dcbeacon.member.LedgerScenarios.ChangePlan;
import com.dcbeacon.member.LedgerScenarios.Credit;
import com.dcbeacon.member.LedgerScenarios.Expectation;
import com.dcbeacon.member.LedgerScenarios.Pause;
import com.dcbeacon.member.LedgerScenarios.Redeliver;
import com.dcbeacon.member.LedgerScenarios.Resume;
import com.dcbeacon.member.LedgerScenarios.Ship;
import com.dcbeacon.member.LedgerScenarios.Skip;
import com.dcbeacon.member.LedgerScenarios.Step;
import com.dcbeacon.member.LedgerScenarios.Subscribe;
import com.dcbeacon.member.Members;
import com.dcbeacon.member.domain.PlanCatalogue;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.payload.BoxShipped;
import com.dcbeacon.platform.events.payload.CreditGranted;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitrary;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.Test;

/**
 * The ledger property, replayed through the real service: scenarios sampled from the same generator as
 * {@code LedgerPropertyTest} (fixed seeds, so a failure names a scenario that can be run again), member changes over the
 * REST API, box-service's shipments and credits over Kafka through the real consumer, each applied before the next
 * step. The ledger ends at the wanted boxes' prices minus credits, no box is credited above its charge, and every box
 * not charged was told to the member.
 */
@QuarkusTest
class LedgerReplayTest {

    private static final int SCENARIOS = 40;

    @Inject
    BoxServiceEvents boxService;

    @Inject
    PlanCatalogue plans;

    /** What the sampled scenarios went through, so the property is known to be tested where it matters. */
    private final Map<String, Integer> seen = new HashMap<>();

    @Test
    void shouldKeepTheLedgerPropertyThroughTheRealConsumer() {
        Arbitrary<List<Step>> scenarios = LedgerScenarios.scenarios();
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            // Sampling outside a property: seed jqwik's source of randomness so each scenario is the same every run.
            SourceOfRandomness.create(Long.toString(seed));
            List<Step> steps = scenarios.sample();
            new Replay(seed, steps).run();
        }
        assertThat(seen)
                .as("the scenarios reach every rule")
                .containsKeys(
                        "box charged",
                        "box not wanted",
                        "legacy box",
                        "credit capped",
                        "ops credit refused",
                        "subscribed again",
                        "redelivered");
    }

    private final class Replay {

        private final long seed;
        private final List<Step> steps;
        private final UUID member = Members.signUp();
        private final String base = "/api/members/" + member;
        private final Expectation expected = new Expectation(
                YearMonth.now(ZoneOffset.UTC),
                (plan, cycle) -> plans.priced(plan, cycle.atDay(1)).priceCents());
        private final List<UUID> subscriptions = new ArrayList<>();
        private final List<UUID> boxes = new ArrayList<>();
        /** The ids of the scenario's shipments, in step order, each previewed before the first step. */
        private final List<UUID> boxIdsToShip = new ArrayList<>();

        private final List<Object[]> published = new ArrayList<>();
        private final List<OffsetDateTime> before = new ArrayList<>();

        Replay(long seed, List<Step> steps) {
            this.seed = seed;
            this.steps = steps;
        }

        void run() {
            // Every box is previewed before the scenario starts, so it ships (at any step's time) after its preview.
            Map<UUID, String> previewed = new HashMap<>();
            for (Step step : steps) {
                if (step instanceof Ship s) {
                    UUID box = UUID.randomUUID();
                    previewed.put(box, expected.cycle(s.cycleMonthsAhead()).toString());
                    boxIdsToShip.add(box);
                }
            }
            boxService.previewed(member, previewed);
            for (int i = 0; i < steps.size(); i++) {
                before.add(OffsetDateTime.now(ZoneOffset.UTC));
                Step step = steps.get(i);
                Expectation.Outcome outcome = expected.next(step);
                String where = "seed %d, step %d %s of %s".formatted(seed, i, step, steps);
                switch (step) {
                    case Subscribe s -> {
                        Response answer = as(member)
                                .body("{\"planId\":\"" + LedgerScenarios.PLANS.get(s.plan()) + "\"}")
                                .post(base + "/subscription");
                        assertThat(answer.statusCode()).as(where).isEqualTo(outcome.accepted() ? 201 : 409);
                        if (outcome.accepted()) {
                            subscriptions.add(UUID.fromString(answer.path("id")));
                            if (subscriptions.size() > 1) {
                                seen.merge("subscribed again", 1, Integer::sum);
                            }
                        }
                    }
                    case Skip k ->
                        change(where, outcome, "/skip", "{\"cycle\":\"" + expected.cycle(k.monthsAhead()) + "\"}");
                    case Pause p ->
                        change(
                                where,
                                outcome,
                                "/pause",
                                p.untilMonthsAhead() == null
                                        ? "{}"
                                        : "{\"untilCycle\":\"" + expected.cycle(p.untilMonthsAhead()) + "\"}");
                    case Resume r -> change(where, outcome, "/resume", "{}");
                    case ChangePlan p ->
                        assertThat(as(member)
                                        .body("{\"planId\":\"" + LedgerScenarios.PLANS.get(p.plan()) + "\"}")
                                        .put(base + "/subscription/plan")
                                        .statusCode())
                                .as(where)
                                .isEqualTo(outcome.accepted() ? 200 : 409);
                    case Cancel c ->
                        assertThat(as(member)
                                        .body("{}")
                                        .post(base + "/subscription/cancel")
                                        .statusCode())
                                .as(where)
                                .isEqualTo(outcome.accepted() ? 200 : 404);
                    case Ship s -> ship(i, s, outcome);
                    case Credit c -> credit(where, c, outcome);
                    case Redeliver r -> {
                        if (!published.isEmpty()) {
                            seen.merge("redelivered", 1, Integer::sum);
                            Object[] event = published.get(r.eventPick() % published.size());
                            boxService.publishAndAwait((EventType) event[0], member, event[1]);
                        }
                    }
                }
            }
            check();
            seen.merge("scenarios", 1, Integer::sum);
        }

        private void change(String where, Expectation.Outcome outcome, String path, String body) {
            assertThat(as(member).body(body).post(base + "/subscription" + path).statusCode())
                    .as(where)
                    .isEqualTo(outcome.accepted() ? 200 : 409);
        }

        private void ship(int index, Ship ship, Expectation.Outcome outcome) {
            UUID box = boxIdsToShip.removeFirst();
            if (!outcome.accepted()) {
                return;
            }
            OffsetDateTime shippedAt = before.get(Math.max(0, index - ship.stepsAgo()));
            String cycle = expected.boxes().get(outcome.box()).cycle().toString();
            BoxShipped shipped = ship.legacy()
                    ? new BoxShipped(box, member, cycle, shippedAt, null, null, null, null)
                    : new BoxShipped(
                            box,
                            member,
                            cycle,
                            shippedAt,
                            subscriptions.get(outcome.subscription()),
                            expected.planOf(outcome.subscription()),
                            ship.priceCents(),
                            "EUR");
            boxes.add(box);
            publish(EventType.BOX_SHIPPED, shipped);
            seen.merge(outcome.cents() > 0 ? "box charged" : "box not wanted", 1, Integer::sum);
            if (ship.legacy()) {
                seen.merge("legacy box", 1, Integer::sum);
            }
        }

        private void credit(String where, Credit credit, Expectation.Outcome outcome) {
            UUID box = outcome.box() >= 0 ? boxes.get(outcome.box()) : null;
            if (outcome.cents() < credit.amountCents()) {
                seen.merge("credit capped", 1, Integer::sum);
            }
            if (!outcome.accepted()) {
                seen.merge("ops credit refused", 1, Integer::sum);
            }
            if (credit.viaOps()) {
                String boxField = box == null ? "" : ",\"boxId\":\"" + box + "\"";
                Response answer = given().auth()
                        .oauth2(TestTokens.ops())
                        .contentType(ContentType.JSON)
                        .body("{\"amountCents\":" + credit.amountCents() + ",\"reason\":\"Box arrived damaged\""
                                + boxField + "}")
                        .header("Idempotency-Key", UUID.randomUUID().toString())
                        .post(base + "/ledger/credits");
                assertThat(answer.statusCode()).as(where).isEqualTo(outcome.accepted() ? 201 : 409);
                if (outcome.accepted()) {
                    assertThat(answer.<Integer>path("amountCents").longValue())
                            .as(where)
                            .isEqualTo(outcome.cents());
                }
            } else {
                publish(
                        EventType.CREDIT_GRANTED,
                        new CreditGranted(
                                UUID.randomUUID(),
                                member,
                                box,
                                credit.amountCents(),
                                "Box arrived damaged",
                                OffsetDateTime.now(ZoneOffset.UTC)));
            }
        }

        private void publish(EventType type, Object payload) {
            boxService.publishAndAwait(type, member, payload);
            published.add(new Object[] {type, payload});
        }

        private void check() {
            String scenario = "seed %d: %s".formatted(seed, steps);
            JsonPath ledger = as(member)
                    .get(base + "/ledger?size=200")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<Map<String, Object>> entries = ledger.getList("entries");
            Map<String, Long> charged = new HashMap<>();
            Map<String, Long> credited = new HashMap<>();
            for (Map<String, Object> entry : entries) {
                Map<String, Long> sums = "CHARGE".equals(entry.get("type")) ? charged : credited;
                sums.merge(
                        String.valueOf(entry.get("boxId")), ((Number) entry.get("amountCents")).longValue(), Long::sum);
            }
            for (int b = 0; b < boxes.size(); b++) {
                String box = boxes.get(b).toString();
                long charge = expected.boxes().get(b).chargedCents();
                assertThat(charged.getOrDefault(box, 0L))
                        .as("charge of box %d, %s", b, scenario)
                        .isEqualTo(charge);
                assertThat(credited.getOrDefault(box, 0L))
                        .as("credits of box %d, %s", b, scenario)
                        .isLessThanOrEqualTo(charge)
                        .isEqualTo(expected.creditedFor(b));
            }
            assertThat(ledger.getLong("balanceCents")).as(scenario).isEqualTo(expected.balance());
            assertThat(BoxChargingTest.notifications(member, "BOX_ON_US"))
                    .as("boxes on us told, " + scenario)
                    .hasSize((int) expected.boxesNotCharged());
        }
    }
}
