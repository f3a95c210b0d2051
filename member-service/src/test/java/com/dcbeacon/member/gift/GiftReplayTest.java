package com.dcbeacon.member.gift;

import static com.dcbeacon.member.Members.as;
import static com.dcbeacon.member.Members.ledger;
import static com.dcbeacon.member.gift.GiftFixtures.CLASSIC_CENTS;
import static com.dcbeacon.member.gift.GiftFixtures.amount;
import static com.dcbeacon.member.gift.GiftFixtures.bought;
import static com.dcbeacon.member.gift.GiftFixtures.claim;
import static com.dcbeacon.member.gift.GiftFixtures.ofType;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.domain.GiftJobs;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.engine.SourceOfRandomness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The gift property, replayed through the real service: sequences sampled by jqwik (fixed seeds, so a failure names a
 * sequence that can be run again) of purchases, claims (also of codes claimed or refunded already), shipped boxes,
 * skips, cancels and claim expiries, over the REST API and Kafka. After every step no recipient was ever charged (their
 * ledger holds only COVERED entries, one per box the model says the gift paid for), the buyer was charged exactly once
 * per gift at N times the price and refunded at most once, only for a gift that expired unclaimed.
 */
@QuarkusTest
class GiftReplayTest {

    private static final int SCENARIOS = 8;
    private static final int RECIPIENTS = 2;
    private static final YearMonth NEXT = YearMonth.now(ZoneOffset.UTC).plusMonths(1);

    sealed interface Step {}

    record Purchase(int cycles) implements Step {}

    record Claim(int recipient, int pick) implements Step {}

    record Ship(int recipient) implements Step {}

    record Skip(int recipient) implements Step {}

    record Cancel(int recipient) implements Step {}

    record Expire() implements Step {}

    static Arbitrary<List<Step>> scenarios() {
        Arbitrary<Integer> recipient = Arbitraries.integers().between(0, RECIPIENTS - 1);
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(1, 3).map(Purchase::new)),
                Tuple.of(
                        3,
                        Combinators.combine(recipient, Arbitraries.integers().between(0, 20))
                                .as(Claim::new)),
                Tuple.of(5, recipient.map(Ship::new)),
                Tuple.of(1, recipient.map(Skip::new)),
                Tuple.of(1, recipient.map(Cancel::new)),
                Tuple.of(1, Arbitraries.just(new Expire())));
        return step.list().ofMinSize(8).ofMaxSize(14);
    }

    @Inject
    GiftFixtures fixtures;

    @Inject
    GiftJobs jobs;

    @Inject
    MovableClock clock;

    private final Map<String, Integer> seen = new HashMap<>();

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldNeverChargeARecipientNorABuyerMoreThanOncePerGift() {
        Arbitrary<List<Step>> scenarios = scenarios();
        for (long seed = 1; seed <= SCENARIOS; seed++) {
            SourceOfRandomness.create(Long.toString(seed));
            List<Step> steps = new ArrayList<>();
            // A gift claimed and shipped to its end, a claim while a gift runs, then whatever the seed gives.
            steps.add(new Purchase(1));
            steps.add(new Claim(0, 0));
            steps.add(new Ship(0));
            steps.add(new Ship(0));
            steps.add(new Purchase(2));
            steps.add(new Claim(1, 1));
            steps.add(new Purchase(1));
            steps.add(new Claim(1, 2));
            steps.addAll(scenarios.sample());
            new Replay(seed, steps).run();
        }
        assertThat(seen)
                .as("the scenarios reach every rule")
                .containsKeys(
                        "covered",
                        "ended by its last box",
                        "on us",
                        "claimed twice",
                        "expired",
                        "refunded",
                        "claim with an open subscription");
    }

    private static final class GiftModel {
        final UUID id;
        final String code;
        final int cycles;
        String status = "UNCLAIMED";

        GiftModel(UUID id, String code, int cycles) {
            this.id = id;
            this.code = code;
            this.cycles = cycles;
        }
    }

    private static final class Recipient {
        final UUID id = Members.signUp();
        UUID subscription;
        boolean open;
        int cycles;
        int offset;
        final Set<Integer> skipped = new HashSet<>();
        /** Boxes covered by every gift the recipient claimed. */
        int covered;
    }

    private final class Replay {

        private final long seed;
        private final List<Step> steps;
        private final UUID buyer = Members.signUp();
        private final List<GiftModel> gifts = new ArrayList<>();
        private final List<Recipient> recipients = new ArrayList<>();

        Replay(long seed, List<Step> steps) {
            this.seed = seed;
            this.steps = steps;
            for (int i = 0; i < RECIPIENTS; i++) {
                recipients.add(new Recipient());
            }
        }

        void run() {
            for (int i = 0; i < steps.size(); i++) {
                Step step = steps.get(i);
                String where = "seed %d, step %d %s of %s".formatted(seed, i, step, steps);
                switch (step) {
                    case Purchase p -> {
                        Map<String, Object> gift = bought(buyer, p.cycles());
                        gifts.add(new GiftModel(
                                UUID.fromString((String) gift.get("id")), (String) gift.get("claimCode"), p.cycles()));
                    }
                    case Claim c -> claim(recipients.get(c.recipient()), c.pick(), where);
                    case Ship s -> ship(recipients.get(s.recipient()));
                    case Skip s -> {
                        Recipient r = recipients.get(s.recipient());
                        if (r.open) {
                            as(r.id).body("{\"cycle\":\"" + NEXT.plusMonths(r.offset) + "\"}")
                                    .post("/api/members/" + r.id + "/subscription/skip")
                                    .then()
                                    .statusCode(200);
                            r.skipped.add(r.offset);
                        }
                    }
                    case Cancel c -> {
                        Recipient r = recipients.get(c.recipient());
                        if (r.subscription != null) {
                            as(r.id).body("{}")
                                    .post("/api/members/" + r.id + "/subscription/cancel")
                                    .then()
                                    .statusCode(200);
                            r.open = false;
                        }
                    }
                    case Expire e -> {
                        clock.set(Instant.now().plus(Duration.ofDays(400)));
                        jobs.refundExpired();
                        clock.reset();
                        seen.merge("expired", 1, Integer::sum);
                        gifts.stream().filter(g -> g.status.equals("UNCLAIMED")).forEach(g -> {
                            g.status = "REFUNDED";
                            seen.merge("refunded", 1, Integer::sum);
                        });
                    }
                }
                check(where);
            }
        }

        private void claim(Recipient r, int pick, String where) {
            if (gifts.isEmpty()) {
                return;
            }
            GiftModel gift = gifts.get(pick % gifts.size());
            int expected;
            if (gift.status.equals("CLAIMED")) {
                expected = 409;
                seen.merge("claimed twice", 1, Integer::sum);
            } else if (gift.status.equals("REFUNDED")) {
                expected = 410;
            } else if (r.open) {
                expected = 409;
                seen.merge("claim with an open subscription", 1, Integer::sum);
            } else {
                expected = 201;
            }
            var answer = GiftFixtures.claim(r.id, gift.code);
            assertThat(answer.statusCode()).as(where).isEqualTo(expected);
            if (expected == 201) {
                gift.status = "CLAIMED";
                r.subscription = UUID.fromString(answer.path("id"));
                r.open = true;
                r.cycles = gift.cycles;
                r.offset = 0;
                r.skipped.clear();
            }
        }

        private void ship(Recipient r) {
            if (r.subscription == null) {
                return;
            }
            int offset = r.offset++;
            fixtures.shipped(r.id, r.subscription, NEXT.plusMonths(offset).toString());
            if (r.open && !r.skipped.contains(offset) && offset < r.cycles) {
                r.covered++;
                seen.merge("covered", 1, Integer::sum);
                if (offset == r.cycles - 1) {
                    r.open = false;
                    seen.merge("ended by its last box", 1, Integer::sum);
                }
            } else {
                seen.merge("on us", 1, Integer::sum);
            }
        }

        private void check(String where) {
            for (Recipient r : recipients) {
                List<Map<String, Object>> entries = ledger(r.id);
                assertThat(entries)
                        .as("%s: the recipient's ledger holds only boxes covered by a gift", where)
                        .allSatisfy(e -> {
                            assertThat(e.get("type")).isEqualTo("COVERED");
                            assertThat(amount(e)).isZero();
                        });
                assertThat(entries).as(where).hasSize(r.covered);
                if (r.subscription != null) {
                    String status = as(r.id).get("/api/members/" + r.id + "/subscription")
                            .then()
                            .statusCode(200)
                            .extract()
                            .path("status");
                    assertThat(status).as(where).isEqualTo(r.open ? "ACTIVE" : "CANCELLED");
                }
            }
            List<Map<String, Object>> entries = ledger(buyer);
            List<Map<String, Object>> charges = ofType(entries, "CHARGE");
            assertThat(charges).as(where).hasSize(gifts.size());
            for (GiftModel gift : gifts) {
                List<Map<String, Object>> forGift = entries.stream()
                        .filter(e -> e.get("reason").toString().contains(gift.id.toString()))
                        .toList();
                assertThat(ofType(forGift, "CHARGE"))
                        .as("%s: one charge per gift", where)
                        .singleElement()
                        .satisfies(c -> assertThat(amount(c)).isEqualTo(gift.cycles * CLASSIC_CENTS));
                assertThat(ofType(forGift, "CREDIT"))
                        .as("%s: a refund only for a gift that expired unclaimed, once", where)
                        .hasSize(gift.status.equals("REFUNDED") ? 1 : 0);
            }
            assertThat(entries.size())
                    .as(where)
                    .isEqualTo(charges.size() + ofType(entries, "CREDIT").size());
        }
    }
}
