package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static com.dcbeacon.system.PlatformUnderTest.Service.FEEDBACK;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.local.LocalInfrastructure;
import com.dcbeacon.platform.testing.KafkaTestClient;
import com.dcbeacon.system.Http.Answer;
import com.dcbeacon.system.PlatformUnderTest.Service;
import com.dcbeacon.system.SteadyMemberLoad.Acknowledged;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Crashes under a steady load of member changes: the Kafka broker SIGKILLed and restarted several times, consuming
 * services SIGKILLed mid-stream, one service's PostgreSQL restarted. After each, the record of acknowledged requests
 * is checked against every service: every acknowledged change arrived everywhere (nothing lost), no effect happened
 * twice (one charge per shipped box, one box per member and cycle, stock lowered once per allocation), and nothing
 * valid went to a dead-letter topic. The counts are printed per fault.
 */
@Order(2)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NothingLostUnderFaultsTest {

    private static final Duration CONVERGED_WITHIN = Duration.ofSeconds(150);
    private static final String CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString();
    private static final int INITIAL_STOCK = 5000;
    /**
     * Curated only by the kill test, and far enough from CYCLE that the "nothing received in the three previous cycles"
     * rule leaves every member of the load safe products: a member whose CYCLE box (20 items on the office plan) took
     * every product of the brand would otherwise rightly get no box at all, and "every member wanting it has a box"
     * would not hold for a reason that has nothing to do with the kills.
     */
    private static final String KILL_CYCLE =
            YearMonth.now(ZoneOffset.UTC).plusMonths(6).toString();
    /**
     * member-service's record of shipped boxes it did not charge: their cycle was no longer wanted, or their preview was
     * not mailed before they shipped.
     */
    private static final String NOT_CHARGED =
            "select source_id from notification where kind in ('BOX_ON_US', 'BOX_NO_PREVIEW')";

    private PlatformUnderTest platform;
    private SteadyMemberLoad load;
    private UUID brand;
    private final Set<UUID> boxesQueued = new HashSet<>();
    private static final String RECALLED_SKU = "STEADY-03";
    private boolean recalled;

    @BeforeAll
    void prepare() {
        platform = PlatformUnderTest.shared();
        load = new SteadyMemberLoad(platform);
        Answer onboarded = Http.post(
                platform.url(BRAND) + "/api/brands",
                platform.tokens().ops(),
                Map.of("name", "Steady Snacks " + UUID.randomUUID(), "contactEmail", "steady@brands.example"));
        assertThat(onboarded.status()).as(onboarded.raw()).isEqualTo(201);
        brand = UUID.fromString(onboarded.text("id"));
        StringBuilder csv = new StringBuilder(
                "sku,name,category,ingredients,allergens,mayContain,dietaryTags,unitCostCents,weightGrams,stock\n");
        for (int i = 0; i < 12; i++) {
            csv.append("STEADY-%02d,Steady Snack %d,steady %d,corn,NONE,NONE,VEGAN,50,30,%d%n"
                    .formatted(i, i, i % 6, INITIAL_STOCK));
        }
        Answer imported = Http.send(
                "POST",
                platform.url(BRAND) + "/api/brands/" + brand + "/products/import",
                platform.tokens().brand(brand),
                "text/csv",
                csv.toString());
        assertThat(imported.status()).as(imported.raw()).isEqualTo(200);
        for (int i = 0; i < 40; i++) {
            load.signUpAndSubscribe();
        }
    }

    @Test
    @Order(1)
    void kafkaBrokerKilledThreeTimes() throws Exception {
        curateAndQueueBoxes();
        load.start();
        for (int crash = 1; crash <= 3; crash++) {
            ServiceProcess.sleep(6_000);
            platform.kafka().stop(true);
            if (crash == 2) {
                startCuration(); // boxes decided while the broker is down: their events wait in the outbox
            }
            ServiceProcess.sleep(8_000);
            platform.kafka().start(Duration.ofSeconds(120));
        }
        ServiceProcess.sleep(6_000);
        load.close();
        awaitCurationsDone();
        verify("Kafka broker SIGKILLed and restarted 3 times");
    }

    @Test
    @Order(2)
    void consumingServicesKilledMidStream() throws Exception {
        curateAndQueueBoxes();
        load.start();
        for (Service consumer : List.of(BOX, MEMBER, FEEDBACK)) {
            ServiceProcess.sleep(5_000);
            if (consumer == MEMBER) {
                // box-service was just killed and restarted: the recall meets a recovering consumer, and members keep
                // swapping items of the boxes it pulls the product from (box changes lock the box row).
                recallWhileTheLoadRuns();
            }
            platform.process(consumer).kill();
            ServiceProcess.sleep(3_000);
            platform.process(consumer).start(Duration.ofSeconds(120));
        }
        ServiceProcess.sleep(5_000);
        load.close();
        verify("box-, member- and feedback-service SIGKILLed mid-stream and restarted");
    }

    @Test
    @Order(3)
    void consumersDatabasesAwayFor20Seconds() throws Exception {
        curateAndQueueBoxes();
        load.start();
        ServiceProcess.sleep(5_000);
        // box-service consumes four topics; a 20 s outage is far longer than any retry budget: events must wait, not
        // go to a dead-letter topic (verify checks that none did and nothing was lost).
        platform.restartPostgres(BOX, Duration.ofSeconds(20));
        ServiceProcess.sleep(5_000);
        platform.restartPostgres(MEMBER, Duration.ofSeconds(20));
        ServiceProcess.sleep(10_000);
        load.close();
        verify("box-service's and then member-service's PostgreSQL away for 20 s each");
    }

    /**
     * A curation run SIGKILLed at 30 % and, after its takeover, again at 90 %: the restarted box-service takes the
     * abandoned run over (lease expired) and finishes it; every member with an active subscription gets exactly one box,
     * stock stays exact (verify). Small batches make the run long enough to be caught part-way.
     */
    @Test
    @Order(4)
    void curationRunKilledAt30AndAt90Percent() throws Exception {
        awaitConverged();
        platform.process(BOX)
                .restartWith(
                        Map.of(
                                "DCBEACON_CURATION_BATCH_SIZE",
                                "5",
                                "DCBEACON_CURATION_LEASE_TIMEOUT",
                                "PT4S",
                                "DCBEACON_CURATION_HEARTBEAT",
                                "1s",
                                "DCBEACON_CURATION_TAKEOVER_CHECK",
                                "2s"),
                        Duration.ofSeconds(120));
        try {
            Answer started = Http.post(
                    platform.url(BOX) + "/api/curation-runs", platform.tokens().ops(), Map.of("cycle", KILL_CYCLE));
            assertThat(started.status()).as(started.raw()).isEqualTo(202);
            String run = started.text("runId");
            for (double share : new double[] {0.3, 0.9}) {
                await().atMost(CONVERGED_WITHIN)
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> progress(run) >= share);
                assertThat(queryString(BOX, "select status from curation_run where id = '" + run + "'"))
                        .as("the run is still going when it is killed at " + share)
                        .isEqualTo("RUNNING");
                platform.process(BOX).kill();
                PlatformUnderTest.log(
                        "KILL curation run %s SIGKILLed at %.0f %% (%s members done)",
                        run,
                        progress(run) * 100,
                        queryString(
                                BOX,
                                "select members_done || '/' || members_total from curation_run where id = '" + run
                                        + "'"));
                platform.process(BOX).start(Duration.ofSeconds(120));
            }
            long restarted = System.nanoTime();
            await().atMost(CONVERGED_WITHIN)
                    .until(() -> !"RUNNING"
                            .equals(queryString(BOX, "select status from curation_run where id = '" + run + "'")));
            PlatformUnderTest.log(
                    "KILL curation run %s finished %d ms after box-service was ready again",
                    run, PlatformUnderTest.millisSince(restarted));
            assertThat(queryString(
                            BOX,
                            "select status || ' after ' || attempts || ' attempts' from curation_run where id = '" + run
                                    + "'"))
                    .isEqualTo("DONE after 3 attempts");
            // Every member of the load whose subscription wants this cycle has a box for it (verify checks "exactly
            // one").
            Set<UUID> wanting = ids(
                    BOX,
                    "select member_id from subscription_replica where status = 'ACTIVE'"
                            + " and not skipped_cycles @> '[\"" + KILL_CYCLE + "\"]'");
            wanting.retainAll(load.registered());
            Set<UUID> boxed =
                    ids(BOX, "select member_id from box where cycle = '" + KILL_CYCLE + "' and status <> 'WITHDRAWN'");
            assertThat(wanting)
                    .as("positive anchor: members of the load want this cycle")
                    .isNotEmpty();
            assertThat(boxed)
                    .as("members of the load with a box after two kills")
                    .containsAll(wanting);
        } finally {
            platform.process(BOX)
                    .restartWith(
                            Map.of(
                                    "DCBEACON_CURATION_BATCH_SIZE",
                                    "500",
                                    "DCBEACON_CURATION_LEASE_TIMEOUT",
                                    "PT30S",
                                    "DCBEACON_CURATION_HEARTBEAT",
                                    "5s",
                                    "DCBEACON_CURATION_TAKEOVER_CHECK",
                                    "15s"),
                            Duration.ofSeconds(120));
        }
        verify("curation run SIGKILLed at 30 % and again at 90 %");
    }

    private double progress(String run) throws Exception {
        try (Connection c = platform.database(BOX);
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select members_done, members_total from curation_run where id = '" + run + "'")) {
            return rs.next() && rs.getInt(2) > 0 ? (double) rs.getInt(1) / rs.getInt(2) : 0;
        }
    }

    private String queryString(Service service, String sql) throws Exception {
        try (Connection c = platform.database(service);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void recallWhileTheLoadRuns() {
        Answer recall = Http.post(
                platform.url(BRAND) + "/api/brands/" + brand + "/products/" + RECALLED_SKU + "/recall",
                platform.tokens().brand(brand),
                Map.of("reason", "metal fragment found in a batch"));
        assertThat(recall.status()).as(recall.raw()).isEqualTo(200);
        recalled = true;
    }

    private void curateAndQueueBoxes() throws Exception {
        awaitConverged();
        startCuration();
        awaitCurationsDone();
        Set<UUID> queued = new HashSet<>();
        try (Connection box = platform.database(BOX);
                ResultSet rs = box.createStatement()
                        .executeQuery(
                                "select id, member_id from box where status = 'CURATED' and cycle = '" + CYCLE + "'")) {
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (load.registered().contains(rs.getObject(2, UUID.class)) && boxesQueued.add(id)) {
                    queued.add(id);
                }
            }
        }
        // A box ships chargeable only after its preview was mailed.
        platform.awaitPreviewsMailed(queued);
        queued.forEach(load::shipLater);
    }

    private void startCuration() {
        Answer run = Http.post(
                platform.url(BOX) + "/api/curation-runs", platform.tokens().ops(), Map.of("cycle", CYCLE));
        assertThat(run.status()).as(run.raw()).isIn(202, 409);
    }

    private void awaitCurationsDone() throws Exception {
        await().atMost(CONVERGED_WITHIN)
                .until(() -> queryLong(BOX, "select count(*) from curation_run where status = 'RUNNING'") == 0);
        assertThat(queryLong(BOX, "select count(*) from curation_run where status = 'FAILED'"))
                .isZero();
    }

    private void verify(String fault) throws Exception {
        long began = System.nanoTime();
        awaitConverged();
        long convergedMillis = PlatformUnderTest.millisSince(began);

        // every acknowledged subscription change is the member's state, unless a later request went unanswered
        Map<UUID, Acknowledged> source = subscriptions(
                MEMBER, "select member_id, status, plan_id from subscription where status <> 'CANCELLED'");
        int checkedStates = 0;
        for (var acknowledged : load.acknowledgedState().entrySet()) {
            if (!load.uncertain().contains(acknowledged.getKey())) {
                assertThat(source.get(acknowledged.getKey()))
                        .as("member-service state of " + acknowledged.getKey())
                        .isEqualTo(acknowledged.getValue());
                checkedStates++;
            }
        }

        // no effect twice
        assertThat(
                        queryLong(
                                MEMBER,
                                "select count(*) from (select source_id from ledger_entry group by type, source_id having count(*) > 1) d"))
                .as("ledger entries booked twice")
                .isZero();
        assertThat(
                        queryLong(
                                BOX,
                                "select count(*) from (select 1 from box where status <> 'WITHDRAWN' group by member_id, cycle having count(*) > 1) d"))
                .as("members with two boxes in one cycle")
                .isZero();
        Map<UUID, Long> shippedPrices = new HashMap<>();
        try (Connection box = platform.database(BOX);
                ResultSet rs = box.createStatement()
                        .executeQuery("select id, price_cents from box where status in ('SHIPPED', 'DELIVERED')")) {
            while (rs.next()) {
                shippedPrices.put(rs.getObject(1, UUID.class), rs.getLong(2));
            }
        }
        Map<UUID, Long> charged = new HashMap<>();
        try (Connection member = platform.database(MEMBER);
                ResultSet rs = member.createStatement()
                        .executeQuery("select box_id, amount_cents from ledger_entry where type = 'CHARGE'")) {
            while (rs.next()) {
                charged.put(rs.getObject(1, UUID.class), rs.getLong(2));
            }
        }
        // Every charge is for a box that shipped, at the price it was curated for; a shipped box goes uncharged only
        // when member-service found its cycle no longer wanted or its preview late, and then the member was told.
        assertThat(shippedPrices)
                .as("charges are shipped boxes at their curated price")
                .containsAllEntriesOf(charged);
        Set<UUID> uncharged = new HashSet<>(shippedPrices.keySet());
        uncharged.removeAll(charged.keySet());
        Set<UUID> toldNotCharged = ids(MEMBER, NOT_CHARGED);
        assertThat(toldNotCharged)
                .as("shipped boxes left uncharged because the cycle was no longer wanted or the preview was late")
                .containsAll(uncharged);
        long shippedBoxes = shippedPrices.size();
        long charges = charged.size();
        long withdrawn = queryLong(BOX, "select count(*) from box where status = 'WITHDRAWN'");
        if (recalled) {
            assertThat(queryLong(
                            BOX,
                            "select count(*) from box b join box_item i on i.box_id = b.id where i.sku = '"
                                    + RECALLED_SKU + "' and b.status in ('CURATED', 'PACKED')"))
                    .as("recalled product in open boxes")
                    .isZero();
        }
        // Stock: what brand-service holds is the initial stock minus every unit in a box that was not withdrawn,
        // through
        // curation batches, swaps, pack-time and recall replacements and withdrawals alike.
        Map<String, Long> allocated = new HashMap<>();
        try (Connection box = platform.database(BOX);
                ResultSet rs = box.createStatement()
                        .executeQuery(
                                "select i.sku, count(*) from box_item i join box b on b.id = i.box_id where i.brand_id = '"
                                        + brand + "' and b.status <> 'WITHDRAWN' group by i.sku")) {
            while (rs.next()) {
                allocated.put(rs.getString(1), rs.getLong(2));
            }
        }
        try (Connection brandDb = platform.database(BRAND);
                ResultSet rs = brandDb.createStatement()
                        .executeQuery("select sku, stock from product where brand_id = '" + brand + "'")) {
            while (rs.next()) {
                if (rs.getLong(2) != INITIAL_STOCK - allocated.getOrDefault(rs.getString(1), 0L)) {
                    logStock(rs.getString(1));
                }
                assertThat(rs.getLong(2))
                        .as("stock of " + rs.getString(1) + " lowered once per allocated unit")
                        .isEqualTo(INITIAL_STOCK - allocated.getOrDefault(rs.getString(1), 0L));
            }
        }

        // nothing valid on a dead-letter topic
        int deadLetters = 0;
        for (String topic : LocalInfrastructure.DEAD_LETTER_TOPICS) {
            deadLetters += KafkaTestClient.readAll(platform.kafka().bootstrapServers(), topic)
                    .size();
        }
        assertThat(deadLetters).as("records on dead-letter topics").isZero();
        // nothing arrived before its predecessor: the relay kept every aggregate's order through the faults
        for (PlatformUnderTest.Service service : PlatformUnderTest.Service.values()) {
            try (Connection db = platform.database(service);
                    ResultSet rs = db.createStatement()
                            .executeQuery(
                                    "select count(*), coalesce(string_agg(consumer || ' ' || topic || ' ' || subject || ' #' || sequence, '; '), '') from inbox_parked")) {
                rs.next();
                assertThat(rs.getLong(1))
                        .as("events parked in %s, waiting for a predecessor: %s", service, rs.getString(2))
                        .isZero();
            }
        }

        PlatformUnderTest.log(
                "FAULT %s: %d requests acknowledged, %d unanswered or refused; %d members registered and "
                        + "replicated to box and feedback; %d acknowledged subscription states checked (%d uncertain), all %d "
                        + "subscriptions equal in 3 services; %d boxes shipped (%d acknowledged), %d charges, 0 booked twice, "
                        + "%d shipped after a change of mind and not charged; %d boxes withdrawn; %d swaps; recall: %s; "
                        + "0 duplicate boxes; stock of %d products exact; %d dead letters; converged %d ms after the load stopped",
                fault,
                load.acknowledgedRequests(),
                load.unacknowledgedRequests(),
                load.registered().size(),
                checkedStates,
                load.uncertain().size(),
                source.size(),
                shippedBoxes,
                load.shipped().size(),
                charges,
                uncharged.size(),
                withdrawn,
                load.swaps(),
                recalled,
                allocated.size(),
                deadLetters,
                convergedMillis);
    }

    /** Waits until every service shows what member-service and the acknowledged requests say. */
    private void awaitConverged() {
        try {
            awaitConvergence();
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            logDivergence();
            throw e;
        }
    }

    /** On a stock mismatch: every box holding the product, by status, and box-service's view of its stock. */
    private void logStock(String sku) {
        try (Connection box = platform.database(BOX);
                ResultSet rs = box.createStatement()
                        .executeQuery(
                                "select b.status, count(*) from box_item i join box b on b.id = i.box_id where i.sku = '"
                                        + sku + "' and i.brand_id = '" + brand + "' group by b.status");
                ResultSet product = box.createStatement()
                        .executeQuery("select stock, brand_stock, status, (select count(*) from "
                                + "stock_delta_pending d where d.product_id = p.product_id) from catalogue_product p where sku = '"
                                + sku
                                + "' and brand_id = '" + brand + "'")) {
            StringBuilder byStatus = new StringBuilder();
            while (rs.next()) {
                byStatus.append(rs.getString(1))
                        .append('=')
                        .append(rs.getLong(2))
                        .append(' ');
            }
            product.next();
            PlatformUnderTest.log(
                    "STOCK %s: units in boxes by status %s; box-service stock %d, brand stock %d, status %s, %d pending deltas",
                    sku, byStatus, product.getLong(1), product.getLong(2), product.getString(3), product.getLong(4));
        } catch (Exception e) {
            PlatformUnderTest.log("could not describe the stock of %s: %s", sku, e);
        }
    }

    /** On a failure: what member-events holds for members whose plan or status differs between services. */
    private void logDivergence() {
        try {
            Map<UUID, Acknowledged> source = subscriptions(
                    MEMBER, "select member_id, status, plan_id from subscription where status <> 'CANCELLED'");
            Map<UUID, Acknowledged> box = subscriptions(
                    BOX, "select member_id, status, plan_id from subscription_replica where status <> 'CANCELLED'");
            Map<UUID, Acknowledged> feedback =
                    subscriptions(FEEDBACK, "select member_id, 'ANY', plan_id from member_replica");
            Set<String> diverging = new HashSet<>();
            source.forEach((member, state) -> {
                Acknowledged f = feedback.get(member);
                if (!state.equals(box.get(member))
                        || f == null
                        || !state.planId().equals(f.planId())) {
                    diverging.add(member.toString());
                    PlatformUnderTest.log(
                            "DIVERGED %s: member-service %s, box-service %s, feedback-service %s",
                            member, state, box.get(member), f);
                }
            });
            for (var record : KafkaTestClient.readAll(platform.kafka().bootstrapServers(), "member-events")) {
                if (diverging.contains(record.key())) {
                    PlatformUnderTest.log(
                            "  %s p%d@%d %s %s",
                            record.key(),
                            record.partition(),
                            record.offset(),
                            KafkaTestClient.header(record, "ce_type"),
                            record.value().length() > 400 ? record.value().substring(0, 400) : record.value());
                }
            }
            for (String topic : LocalInfrastructure.DEAD_LETTER_TOPICS) {
                for (var record : KafkaTestClient.readAll(platform.kafka().bootstrapServers(), topic)) {
                    PlatformUnderTest.log(
                            "  DEAD LETTER %s %s %s: %s",
                            topic,
                            record.key(),
                            KafkaTestClient.header(record, "ce_type"),
                            KafkaTestClient.header(record, "dead-letter-reason"));
                }
            }
        } catch (Exception e) {
            PlatformUnderTest.log("could not describe the divergence: %s", e);
        }
    }

    private void awaitConvergence() {
        await().atMost(CONVERGED_WITHIN).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Set<UUID> boxMembers = ids(BOX, "select member_id from member_replica");
            Set<UUID> feedbackMembers = ids(FEEDBACK, "select member_id from member_replica");
            assertThat(boxMembers).as("members known to box-service").containsAll(load.registered());
            assertThat(feedbackMembers).as("members known to feedback-service").containsAll(load.registered());

            Map<UUID, Acknowledged> source = subscriptions(
                    MEMBER, "select member_id, status, plan_id from subscription where status <> 'CANCELLED'");
            assertThat(subscriptions(
                            BOX,
                            "select member_id, status, plan_id from subscription_replica where status <> 'CANCELLED'"))
                    .as("subscriptions in box-service")
                    .isEqualTo(source);
            Map<UUID, String> plans = new HashMap<>();
            source.forEach((member, state) -> plans.put(member, state.planId()));
            Map<UUID, String> feedbackPlans = new HashMap<>();
            subscriptions(FEEDBACK, "select member_id, 'ANY', plan_id from member_replica where plan_id is not null")
                    .forEach((member, state) -> feedbackPlans.put(member, state.planId()));
            assertThat(feedbackPlans).as("plans in feedback-service").containsAllEntriesOf(plans);

            Set<UUID> settled =
                    ids(MEMBER, "select box_id from ledger_entry where type = 'CHARGE' union " + NOT_CHARGED);
            assertThat(settled)
                    .as("acknowledged shipments charged, or left uncharged with the member told why")
                    .containsAll(load.shipped());
            assertThat(queryLong(BRAND, "select count(*) from outbox_event")
                            + queryLong(BOX, "select count(*) from outbox_event")
                            + queryLong(MEMBER, "select count(*) from outbox_event")
                            + queryLong(FEEDBACK, "select count(*) from outbox_event"))
                    .as("outbox backlog")
                    .isZero();
            // Relayed is not applied: a stock delta stays pending in box-service until brand-service's
            // ProductStockChanged confirms it (after a broker restart its consumer may still be catching up).
            assertThat(queryLong(
                            BOX,
                            "select count(*) from stock_delta_pending d join catalogue_product p"
                                    + " on p.product_id = d.product_id where p.brand_id = '" + brand + "'"))
                    .as("stock deltas brand-service has not confirmed yet")
                    .isZero();
        });
    }

    private Map<UUID, Acknowledged> subscriptions(Service service, String sql) throws Exception {
        Map<UUID, Acknowledged> states = new HashMap<>();
        try (Connection c = platform.database(service);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                states.put(rs.getObject(1, UUID.class), new Acknowledged(rs.getString(2), rs.getString(3)));
            }
        }
        return states;
    }

    private Set<UUID> ids(Service service, String sql) throws Exception {
        Set<UUID> ids = new HashSet<>();
        try (Connection c = platform.database(service);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
        }
        return ids;
    }

    private long queryLong(Service service, String sql) throws Exception {
        try (Connection c = platform.database(service);
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
