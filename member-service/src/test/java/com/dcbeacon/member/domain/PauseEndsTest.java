package com.dcbeacon.member.domain;

import static com.dcbeacon.member.Members.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.MovableClock;
import com.dcbeacon.member.persistence.SubscriptionRepository;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.platform.testing.Published;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pause with an end reads ACTIVE from its end on and is resumed once by the job, announced to every replica. */
@QuarkusTest
class PauseEndsTest {

    private static final YearMonth CURRENT = YearMonth.now(ZoneOffset.UTC);
    /** A pause until the current cycle ends when the next one begins. */
    private static final LocalDate PAUSE_ENDS = CURRENT.plusMonths(1).atDay(1);

    @Inject
    MovableClock clock;

    @Inject
    PauseEnds pauseEnds;

    @Inject
    SubscriptionRepository subscriptions;

    @Inject
    ObjectMapper mapper;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void shouldReadActiveFromTheEndOfThePauseAndResumeOnceWithTheEventOnKafka() {
        UUID member = pausedUntil(CURRENT);
        String base = "/api/members/" + member + "/subscription";
        long versionPaused = stored(member).version;

        clock.set(at(PAUSE_ENDS).minusSeconds(1));
        as(member)
                .get(base)
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"))
                .body("pausedUntil", equalTo(CURRENT.toString()))
                .body("resumesOn", equalTo(PAUSE_ENDS.toString()))
                .body("nextCycle", equalTo(CURRENT.plusMonths(1).toString()));
        assertThat(pauseEnds.resumeEnded()).as("the pause still runs").doesNotContain(member);

        clock.set(at(PAUSE_ENDS));
        as(member)
                .get(base)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("pausedUntil", nullValue())
                .body("resumesOn", nullValue())
                .body("nextCycle", equalTo(CURRENT.plusMonths(2).toString()));
        assertThat(stored(member).status)
                .as("read ACTIVE before the job wrote it")
                .isEqualTo(SubscriptionStatus.PAUSED);

        assertThat(pauseEnds.resumeEnded()).contains(member);
        assertThat(pauseEnds.resumeEnded()).as("resumed once").doesNotContain(member);
        Subscription resumed = stored(member);
        assertThat(resumed.status).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(resumed.pausedUntil).as("kept for late charges").isEqualTo(CURRENT.toString());
        assertThat(resumed.version).isEqualTo(versionPaused + 1);
        as(member)
                .get(base)
                .then()
                .statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("pausedUntil", nullValue());

        assertThat(KafkaTestClient.await(
                        Topics.MEMBER_EVENTS,
                        r -> member.toString().equals(r.key())
                                && "SubscriptionResumed".equals(KafkaTestClient.header(r, "ce_type")),
                        Duration.ofSeconds(20)))
                .as("SubscriptionResumed on Kafka")
                .isPresent();
        List<JsonNode> events = envelopes(member);
        assertThat(events.stream().map(e -> e.get("type").asText()))
                .containsExactly(
                        "MemberRegistered", "SubscriptionStarted", "SubscriptionPaused", "SubscriptionResumed");
        JsonNode data = events.get(3).get("data");
        assertThat(data.get("memberId").asText()).isEqualTo(member.toString());
        assertThat(data.get("subscriptionId").asText()).isEqualTo(resumed.id.toString());
        assertThat(data.get("preferencesVersion").asLong()).isEqualTo(1L);
        assertThat(Instant.parse(data.get("resumedAt").asText())).isEqualTo(at(PAUSE_ENDS));
        assertThat(data.get("pausedUntil").asText()).as("still no box for it").isEqualTo(CURRENT.toString());
    }

    @Test
    void shouldRemindOnceAFewDaysBeforeEachPauseEnds() {
        UUID member = pausedUntil(CURRENT);

        clock.set(at(PAUSE_ENDS.minusDays(4)));
        assertThat(pauseEnds.remindOfEnding())
                .as("four days ahead is too early")
                .doesNotContain(member);
        assertThat(reminders(member)).isEmpty();

        clock.set(at(PAUSE_ENDS.minusDays(3)));
        assertThat(pauseEnds.remindOfEnding()).contains(member);
        clock.set(at(PAUSE_ENDS.minusDays(1)));
        assertThat(pauseEnds.remindOfEnding()).as("once per pause").doesNotContain(member);
        assertThat(reminders(member))
                .containsExactly("Your pause ends on " + PAUSE_ENDS + ": your boxes start again with the one for "
                        + CURRENT.plusMonths(1) + ". To pause for longer, change your pause before then.");

        clock.reset();
        YearMonth longer = CURRENT.plusMonths(1);
        as(member)
                .body("{\"untilCycle\":\"" + longer + "\"}")
                .post("/api/members/" + member + "/subscription/pause")
                .then()
                .statusCode(200);
        LocalDate longerEnds = longer.plusMonths(1).atDay(1);
        clock.set(at(longerEnds.minusDays(2)));
        assertThat(pauseEnds.remindOfEnding()).as("a new end is a new pause").contains(member);
        assertThat(pauseEnds.remindOfEnding()).doesNotContain(member);
        assertThat(reminders(member)).hasSize(2).first().asString().contains(longerEnds.toString());
    }

    @Test
    void shouldResumeEachSubscriptionOnceWhenTwoInstancesRunTheJobAtOnce() throws Exception {
        List<UUID> members = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            members.add(pausedUntil(CURRENT));
        }
        List<Long> versions = members.stream().map(m -> stored(m).version).toList();
        clock.set(at(PAUSE_ENDS));

        CountDownLatch start = new CountDownLatch(1);
        Callable<List<UUID>> run = () -> {
            start.await();
            return pauseEnds.resumeEnded();
        };
        ExecutorService instances = Executors.newFixedThreadPool(2);
        try {
            Future<List<UUID>> first = instances.submit(run);
            Future<List<UUID>> second = instances.submit(run);
            start.countDown();
            List<UUID> resumed = new ArrayList<>(first.get());
            resumed.addAll(second.get());
            resumed.retainAll(members);
            assertThat(resumed).containsExactlyInAnyOrderElementsOf(members);
        } finally {
            instances.shutdownNow();
        }
        for (int i = 0; i < members.size(); i++) {
            Subscription s = stored(members.get(i));
            assertThat(s.status).isEqualTo(SubscriptionStatus.ACTIVE);
            assertThat(s.version).as("one write per subscription").isEqualTo(versions.get(i) + 1);
        }
    }

    private static UUID pausedUntil(YearMonth cycle) {
        UUID member = Members.subscribed("classic");
        as(member)
                .body("{\"untilCycle\":\"" + cycle + "\"}")
                .post("/api/members/" + member + "/subscription/pause")
                .then()
                .statusCode(200)
                .body("status", equalTo("PAUSED"));
        return member;
    }

    private Subscription stored(UUID member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> subscriptions.findOpen(member).orElseThrow());
    }

    private static List<String> reminders(UUID member) {
        return as(member)
                .get("/api/members/" + member + "/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .<String>getList("findAll { it.kind == 'PAUSE_ENDING' }.message");
    }

    private static Instant at(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The member's events on member-events in order, each once (the relay publishes at least once). */
    private List<JsonNode> envelopes(UUID member) {
        java.util.Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
        Published.all(Topics.MEMBER_EVENTS).stream()
                .filter(r -> member.toString().equals(r.key()))
                .map(this::envelope)
                .forEach(e -> byId.putIfAbsent(e.get("id").asText(), e));
        return List.copyOf(byId.values());
    }

    private JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return mapper.readTree(record.value());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
