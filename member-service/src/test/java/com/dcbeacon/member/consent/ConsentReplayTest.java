package com.dcbeacon.member.consent;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.member.domain.ConsentRecordJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The property of the records of consent, through the real service: over sampled sequences of subscribe, plan change,
 * pause, cancel, reactivate and price changes taking effect (fixed seeds, so a failure names a sequence that can be run
 * again), every action that changes what the member is charged has exactly one record, with the plan and the price in
 * force when it happened, and nothing else is recorded: a refused call, a repeated cancel, a change to the same plan
 * and a pause leave none; a price change leaves one acceptance when the member is on the plan, active or paused.
 */
@QuarkusTest
class ConsentReplayTest {

    private static final int SCENARIOS = 30;
    private static final long[] START_PRICES = {1000, 2000};

    sealed interface Step permits Subscribe, ChangePlan, Pause, Cancel, Reactivate, PriceChange {}

    record Subscribe(int plan) implements Step {}

    record ChangePlan(int plan) implements Step {}

    record Pause() implements Step {}

    record Cancel() implements Step {}

    record Reactivate() implements Step {}

    record PriceChange(int plan, long newPriceCents) implements Step {}

    static Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> plan = Arbitraries.integers().between(0, START_PRICES.length - 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, plan.map(Subscribe::new)),
                Tuple.of(2, plan.map(ChangePlan::new)),
                Tuple.of(2, Arbitraries.just(new Pause())),
                Tuple.of(2, Arbitraries.just(new Cancel())),
                Tuple.of(2, Arbitraries.just(new Reactivate())),
                Tuple.of(
                        2,
                        Combinators.combine(plan, Arbitraries.longs().between(500, 5_000))
                                .as(PriceChange::new)));
        // Mostly from a subscription on: a scenario of refused calls tests little.
        Arbitrary<Step> first = Arbitraries.frequencyOf(Tuple.of(4, plan.map(Subscribe::new)), Tuple.of(1, step));
        return Combinators.combine(first, step.list().ofMinSize(3).ofMaxSize(10))
                .as((head, tail) -> {
                    List<Step> all = new ArrayList<>(List.of(head));
                    all.addAll(tail);
                    return all;
                });
    }

    @Inject
    TestPlans testPlans;

    @Inject
    MovableClock clock;

    @Inject
    ConsentRecordJobs jobs;

    private final Map<String, Integer> seen = new HashMap<>();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldRecordEveryChargeRelevantActionOnceWithThePriceInForce() {
        Arbitrary<List<Step>> scenarios = scenarios();
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            SourceOfRandomness.create(Long.toString(seed));
            new Replay(seed, scenarios.sample()).run();
            clock.reset();
        }
        assertThat(seen)
                .as("the scenarios reach every rule")
                .containsKeys(
                        "SUBSCRIBE",
                        "PLAN_CHANGE",
                        "CANCEL",
                        "REACTIVATE",
                        "PRICE_CHANGE_ACCEPTED",
                        "accepted while paused",
                        "price change not on the plan",
                        "refused");
    }

    private final class Replay {

        private final long seed;
        private final List<Step> steps;
        private final UUID member = Members.signUp();
        private final String base = "/api/members/" + member + "/subscription";
        private final List<String> plans = new ArrayList<>();
        private final long[] prices = START_PRICES.clone();
        private final List<String> expected = new ArrayList<>();
        private Instant now = Instant.now();
        private boolean ever;
        private boolean open;
        private boolean paused;
        private int plan;

        Replay(long seed, List<Step> steps) {
            this.seed = seed;
            this.steps = steps;
            for (long price : START_PRICES) {
                plans.add(testPlans.create(price));
            }
        }

        void run() {
            for (int i = 0; i < steps.size(); i++) {
                // Each step a minute after the one before, so the records' order is the steps' order.
                now = now.plusSeconds(60);
                clock.set(now);
                apply(steps.get(i), "seed %d, step %d %s of %s".formatted(seed, i, steps.get(i), steps));
            }
            JsonPath records = as(member)
                    .queryParam("size", 200)
                    .get("/api/members/" + member + "/consent-records")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            List<String> actual = new ArrayList<>();
            List<String> actions = records.getList("records.action");
            for (int i = 0; i < actions.size(); i++) {
                actual.add(record(
                        actions.get(i),
                        records.getString("records[" + i + "].planId"),
                        records.getLong("records[" + i + "].priceCents")));
            }
            assertThat(actual).as("seed %d: %s", seed, steps).isEqualTo(expected);
        }

        private void apply(Step step, String where) {
            switch (step) {
                case Subscribe s -> {
                    int status = as(member).body(planBody(s.plan())).post(base).statusCode();
                    if (open) {
                        refused(where, status, 409);
                    } else {
                        assertThat(status).as(where).isEqualTo(201);
                        started(s.plan(), "SUBSCRIBE");
                    }
                }
                case ChangePlan c -> {
                    int status = as(member)
                            .body(planBody(c.plan()))
                            .put(base + "/plan")
                            .statusCode();
                    if (!open) {
                        refused(where, status, 409);
                    } else {
                        assertThat(status).as(where).isEqualTo(200);
                        if (c.plan() != plan) {
                            plan = c.plan();
                            expect("PLAN_CHANGE", plan);
                        }
                    }
                }
                case Pause p -> {
                    int status = as(member).body("{}").post(base + "/pause").statusCode();
                    if (!open) {
                        refused(where, status, 409);
                    } else {
                        assertThat(status).as(where).isEqualTo(200);
                        paused = true;
                    }
                }
                case Cancel c -> {
                    int status = as(member).post(base + "/cancel").statusCode();
                    if (!ever) {
                        refused(where, status, 404);
                    } else {
                        assertThat(status).as(where).isEqualTo(200);
                        if (open) {
                            open = false;
                            expect("CANCEL", plan);
                        }
                    }
                }
                case Reactivate r -> {
                    var quote = as(member).get(base + "/reactivation");
                    if (!ever || open) {
                        refused(where, quote.statusCode(), ever ? 409 : 404);
                        return;
                    }
                    assertThat(quote.statusCode()).as(where).isEqualTo(200);
                    long quoted = quote.jsonPath().getLong("priceCents");
                    assertThat(quoted)
                            .as(where + ": the quote shows the price in force")
                            .isEqualTo(prices[plan]);
                    int status = as(member)
                            .body("{\"priceCents\":" + quoted + ",\"currency\":\"EUR\"}")
                            .post(base + "/reactivation")
                            .statusCode();
                    assertThat(status).as(where).isEqualTo(201);
                    started(plan, "REACTIVATE");
                }
                case PriceChange p -> {
                    LocalDate effective = TestPlans.announce(plans.get(p.plan()), p.newPriceCents(), clock, 30);
                    now = TestPlans.during(effective);
                    clock.set(now);
                    jobs.recordAcceptances();
                    prices[p.plan()] = p.newPriceCents();
                    if (open && plan == p.plan()) {
                        expect("PRICE_CHANGE_ACCEPTED", plan);
                        if (paused) {
                            seen.merge("accepted while paused", 1, Integer::sum);
                        }
                    } else if (open) {
                        seen.merge("price change not on the plan", 1, Integer::sum);
                    }
                }
            }
        }

        private void started(int newPlan, String action) {
            ever = true;
            open = true;
            paused = false;
            plan = newPlan;
            expect(action, newPlan);
        }

        private void refused(String where, int status, int expectedStatus) {
            assertThat(status).as(where).isEqualTo(expectedStatus);
            seen.merge("refused", 1, Integer::sum);
        }

        private void expect(String action, int planIndex) {
            expected.add(record(action, plans.get(planIndex), prices[planIndex]));
            seen.merge(action, 1, Integer::sum);
        }

        private String planBody(int planIndex) {
            return "{\"planId\":\"" + plans.get(planIndex) + "\"}";
        }

        private static String record(String action, String planId, long priceCents) {
            return action + " " + planId + " " + priceCents;
        }
    }
}
