package com.dcbeacon.member;

import static io.restassured.RestAssured.given;

import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Test fixture: a plan of the test's own, so that its price changes (and a clock moved past them) touch no other test,
 * and price changes announced by ops over the API.
 */
@ApplicationScoped
public class TestPlans {

    /** The classic plan's price in cents (V2's seed), what a classic box is charged. */
    public static final long CLASSIC_CENTS = 2499;

    private final EntityManager em;

    public TestPlans(EntityManager em) {
        this.em = em;
    }

    /** A new EUR plan at this price; its id. */
    public String create(long priceCents) {
        String id = "test-" + UUID.randomUUID().toString().substring(0, 13);
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery(
                                "insert into plan (id, name, items_per_box, price_cents, currency) values (?1, ?2, 6, ?3, 'EUR')")
                        .setParameter(1, id)
                        .setParameter(2, "Plan " + id)
                        .setParameter(3, priceCents)
                        .executeUpdate());
        return id;
    }

    /** Ops announce the plan's new price {@code daysAhead} days from the clock's today; the effective date. */
    public static LocalDate announce(String planId, long newPriceCents, MovableClock clock, int daysAhead) {
        LocalDate effective =
                LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(daysAhead);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .body("{\"newPriceCents\":" + newPriceCents + ",\"effectiveOn\":\"" + effective + "\"}")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .post("/api/plans/" + planId + "/price-changes")
                .then()
                .statusCode(201);
        return effective;
    }

    /** An hour into the day. */
    public static Instant during(LocalDate day) {
        return day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600);
    }
}
