package com.dcbeacon.box.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.box.curation.BoxEligibility;
import com.dcbeacon.box.domain.SubscriptionReplica;
import com.dcbeacon.box.persistence.SubscriptionReplicaRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The SQL by which a run selects and counts the members it can box agrees with {@link BoxEligibility}, member by member,
 * over every status, every pause end around the cycle (the year before included) and skipped cycles.
 */
@QuarkusTest
class BoxableMembersTest {

    @Inject
    SubscriptionReplicaRepository subscriptions;

    @Test
    void shouldSelectAndCountExactlyTheMembersBoxEligibilityGivesABox() {
        YearMonth cycle = YearMonth.of(2036, 3);
        String prefix = UUID.randomUUID().toString().substring(0, 8);
        UUID from = UUID.fromString(prefix + "-0000-0000-0000-000000000000");
        UUID to = UUID.fromString(prefix + "-ffff-ffff-ffff-ffffffffffff");
        List<SubscriptionReplica> world = new ArrayList<>();
        for (BoxEligibility.Status status : BoxEligibility.Status.values()) {
            for (String pausedUntil : Arrays.asList(null, "2035-12", "2036-02", "2036-03", "2036-04", "2037-01")) {
                for (List<String> skipped :
                        List.<List<String>>of(List.of(), List.of("2036-03"), List.of("2036-05", "2036-02"))) {
                    world.add(replica(
                            UUID.fromString(
                                    prefix + UUID.randomUUID().toString().substring(8)),
                            status,
                            pausedUntil,
                            skipped));
                }
            }
        }
        QuarkusTransaction.requiringNew().run(() -> world.forEach(subscriptions::persist));
        try {
            Map<UUID, Boolean> eligible = world.stream()
                    .collect(
                            Collectors.toMap(s -> s.memberId, s -> BoxEligibility.receivesBox(s.eligibility(), cycle)));
            assertThat(eligible).containsValue(true).containsValue(false);
            List<UUID> selected = QuarkusTransaction.requiringNew()
                    .call(() -> subscriptions.page(cycle, from, null, to, 1000).stream()
                            .map(s -> s.memberId)
                            .toList());
            assertThat(selected)
                    .as("the members a page selects")
                    .containsExactlyInAnyOrderElementsOf(eligible.entrySet().stream()
                            .filter(Map.Entry::getValue)
                            .map(Map.Entry::getKey)
                            .toList());
            for (SubscriptionReplica s : world) {
                long counted = QuarkusTransaction.requiringNew()
                        .call(() -> subscriptions.countIn(cycle, s.memberId, null, null)
                                - subscriptions.countIn(cycle, null, s.memberId, null));
                assertThat(counted)
                        .as("counted: " + s.status + ", paused until " + s.pausedUntil + ", skipping "
                                + s.skippedCycles)
                        .isEqualTo(eligible.get(s.memberId) ? 1 : 0);
            }
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> subscriptions.delete(
                            "memberId in ?1",
                            world.stream().map(s -> s.memberId).toList()));
        }
    }

    private static SubscriptionReplica replica(
            UUID member, BoxEligibility.Status status, String pausedUntil, List<String> skipped) {
        SubscriptionReplica s = new SubscriptionReplica();
        s.memberId = member;
        s.subscriptionId = UUID.randomUUID();
        s.planId = "classic";
        s.itemsPerBox = 2;
        s.priceCents = 2499;
        s.status = status;
        s.pausedUntil = pausedUntil;
        s.skippedCycles = new ArrayList<>(skipped);
        s.updatedAt = OffsetDateTime.now(ZoneOffset.UTC);
        return s;
    }
}
