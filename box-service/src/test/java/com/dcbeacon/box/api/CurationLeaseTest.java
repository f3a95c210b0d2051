package com.dcbeacon.box.api;

import static com.dcbeacon.box.api.BoxFixtures.inTx;
import static com.dcbeacon.box.api.BoxFixtures.ops;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.box.domain.CurationRun;
import com.dcbeacon.box.domain.CurationRunStatus;
import com.dcbeacon.box.persistence.BoxRepository;
import com.dcbeacon.box.persistence.CurationRunRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A run whose owner died is finished by another instance; a cycle never has two running runs. */
@QuarkusTest
class CurationLeaseTest {

    @Inject
    BoxRepository boxRepository;

    @Inject
    CurationRunRepository curationRunRepository;

    @Inject
    BoxFixtures fixtures;

    @Test
    void shouldFinishARunWhoseOwnerStoppedBeatingItsHeart() {
        String cycle = "2033-03";
        UUID boxedBeforeTheCrash = fixtures.subscriber(2, List.of(), List.of("lease snacks"));
        UUID notYetBoxed = fixtures.subscriber(2, List.of(), List.of("lease snacks"));
        for (int i = 0; i < 4; i++) {
            fixtures.product("lease snacks", List.of(), List.of(), 50);
        }
        // The dead owner had curated one member before it was killed.
        fixtures.runCuration(cycle);
        String firstBox = fixtures.boxOf(boxedBeforeTheCrash, cycle);
        assertThat(firstBox).isNotNull();
        QuarkusTransaction.requiringNew()
                .run(() -> boxRepository.delete("memberId = ?1 and cycle = ?2", notYetBoxed, cycle));

        UUID abandoned = QuarkusTransaction.requiringNew().call(() -> {
            CurationRun run = new CurationRun();
            run.id = UUID.randomUUID();
            run.cycle = cycle;
            run.status = CurationRunStatus.RUNNING;
            run.owner = "a pod that was SIGKILLed";
            run.startedAt = OffsetDateTime.now().minusMinutes(10);
            run.heartbeatAt = OffsetDateTime.now().minusMinutes(9);
            curationRunRepository.persist(run);
            return run.id;
        });

        await().atMost(Duration.ofSeconds(30))
                .until(() -> inTx(() -> curationRunRepository.findById(abandoned).status) == CurationRunStatus.DONE);
        CurationRun finished = inTx(() -> curationRunRepository.findById(abandoned));
        assertThat(finished.attempts).isEqualTo(2);
        assertThat(finished.owner).isNotEqualTo("a pod that was SIGKILLed");
        assertThat(fixtures.boxOf(notYetBoxed, cycle))
                .as("the member the dead owner had not reached")
                .isNotNull();
        assertThat(fixtures.boxOf(boxedBeforeTheCrash, cycle))
                .as("one box per member, not a second")
                .isEqualTo(firstBox);
        assertThat(inTx(() -> boxRepository.count("memberId = ?1 and cycle = ?2", boxedBeforeTheCrash, cycle)))
                .isEqualTo(1);
    }

    @Test
    void shouldNeverHaveTwoRunningRunsOfOneCycle() {
        String cycle = "2033-04";
        QuarkusTransaction.requiringNew().run(() -> curationRunRepository.persist(running(cycle, "another live pod")));

        ops().body("{\"cycle\":\"" + cycle + "\"}")
                .post("/api/curation-runs")
                .then()
                .statusCode(409);
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew()
                        .run(() -> curationRunRepository.persist(running(cycle, "a racing pod"))))
                .as("the database refuses a second running run of the cycle")
                .isInstanceOf(RuntimeException.class);
        // Positive anchor: another cycle starts fine.
        ops().body("{\"cycle\":\"2033-05\"}").post("/api/curation-runs").then().statusCode(202);
        QuarkusTransaction.requiringNew()
                .run(() -> curationRunRepository.update(
                        "status = ?1, heartbeatAt = null where cycle = ?2", CurationRunStatus.DONE, cycle));
    }

    private static CurationRun running(String cycle, String owner) {
        CurationRun run = new CurationRun();
        run.id = UUID.randomUUID();
        run.cycle = cycle;
        run.status = CurationRunStatus.RUNNING;
        run.owner = owner;
        run.startedAt = OffsetDateTime.now();
        run.heartbeatAt = OffsetDateTime.now().plusMinutes(30); // alive for the whole test
        return run;
    }
}
