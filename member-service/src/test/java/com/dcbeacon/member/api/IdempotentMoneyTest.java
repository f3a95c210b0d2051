package com.dcbeacon.member.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.Races;
import com.dcbeacon.platform.security.Roles;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Ops actions that move money apply once per {@code Idempotency-Key}, however often they are sent, and record who acted.
 */
@QuarkusTest
class IdempotentMoneyTest {

    private static final String KEY = "Idempotency-Key";

    @Inject
    EntityManager em;

    @Test
    void shouldBookACreditOnceWhenItsRequestIsSentAgainWithItsKey() {
        UUID member = Members.signUp();
        String credits = "/api/members/" + member + "/ledger/credits";
        String key = UUID.randomUUID().toString();

        Response first = finance().header(KEY, key).body(credit(700)).post(credits);
        first.then().statusCode(201).header("Idempotent-Replayed", nullValue());
        finance()
                .header(KEY, key)
                .body(credit(700))
                .post(credits)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body(equalTo(first.asString()));
        assertThat(balance(member)).as("one credit, not two").isEqualTo(700);

        // Positive anchor: the same request with a new key is a new credit.
        finance()
                .header(KEY, UUID.randomUUID().toString())
                .body(credit(700))
                .post(credits)
                .then()
                .statusCode(201);
        assertThat(balance(member)).isEqualTo(1400);
    }

    @Test
    void shouldRefuseACreditWithoutAKeyOrWithAKeyUsedForAnotherRequest() {
        UUID member = Members.signUp();
        String credits = "/api/members/" + member + "/ledger/credits";
        finance()
                .body(credit(500))
                .post(credits)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(KEY));
        String key = UUID.randomUUID().toString();
        finance().header(KEY, key).body(credit(500)).post(credits).then().statusCode(201);
        finance()
                .header(KEY, key)
                .body(credit(900))
                .post(credits)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItem(KEY));
        finance()
                .header(KEY, "k".repeat(256))
                .body(credit(500))
                .post(credits)
                .then()
                .statusCode(400)
                .body("violations.field", hasItem(KEY));
        assertThat(balance(member)).isEqualTo(500);
    }

    @Test
    void shouldBookOnceWhenRequestsWithOneKeyRace() {
        UUID member = Members.signUp();
        String credits = "/api/members/" + member + "/ledger/credits";
        String key = UUID.randomUUID().toString();
        List<Response> answers = Races.atOnce(Collections.<Supplier<Response>>nCopies(
                6, () -> finance().header(KEY, key).body(credit(300)).post(credits)));

        assertThat(answers).extracting(Response::statusCode).containsOnly(201);
        assertThat(answers)
                .extracting(Response::asString)
                .containsOnly(answers.getFirst().asString());
        assertThat(balance(member)).isEqualTo(300);
    }

    @Test
    void shouldKeepKeysPerUserAndRecordWhoGrantedTheCredit() {
        UUID member = Members.signUp();
        String credits = "/api/members/" + member + "/ledger/credits";
        String key = UUID.randomUUID().toString();
        finance().header(KEY, key).body(credit(100)).post(credits).then().statusCode(201);
        given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .header(KEY, key)
                .body(credit(100))
                .post(credits)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", nullValue());
        assertThat(balance(member)).as("two users, two credits").isEqualTo(200);
        assertThat(actedBy(member)).containsExactlyInAnyOrder("ops-finance-user", "ops-user");
    }

    @Test
    void shouldAnnounceAPriceChangeOnceAndAnswerARetryWithTheFirstAnswer() {
        String planId = "office";
        LocalDate effective = LocalDate.now(ZoneOffset.UTC).plusDays(400 + (long) (Math.random() * 2000));
        String body = "{\"newPriceCents\":4321,\"effectiveOn\":\"" + effective + "\"}";
        String key = UUID.randomUUID().toString();
        Response first = finance().header(KEY, key).body(body).post("/api/plans/" + planId + "/price-changes");
        first.then().statusCode(201);
        // Without the key, the same announcement a second time is a conflict: the key turns a retry into the first
        // answer.
        finance()
                .header(KEY, key)
                .body(body)
                .post("/api/plans/" + planId + "/price-changes")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body(equalTo(first.asString()));
        finance()
                .header(KEY, UUID.randomUUID().toString())
                .body(body)
                .post("/api/plans/" + planId + "/price-changes")
                .then()
                .statusCode(409);
        assertThat(QuarkusTransaction.requiringNew()
                        .call(() -> em.createNativeQuery(
                                        "select announced_by from plan_price_change where plan_id = ?1 and effective_on = ?2")
                                .setParameter(1, planId)
                                .setParameter(2, effective)
                                .getResultList()))
                .containsExactly("ops-finance-user");
    }

    private long balance(UUID member) {
        return given().auth()
                .oauth2(TestTokens.ops())
                .get("/api/members/" + member + "/ledger")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getLong("balanceCents");
    }

    @SuppressWarnings("unchecked")
    private List<String> actedBy(UUID member) {
        return QuarkusTransaction.requiringNew()
                .call(() -> em.createNativeQuery("select acted_by from ledger_entry where member_id = ?1")
                        .setParameter(1, member)
                        .getResultList());
    }

    private static String credit(long cents) {
        return "{\"amountCents\":" + cents + ",\"reason\":\"Late box\"}";
    }

    private static RequestSpecification finance() {
        return given().auth().oauth2(TestTokens.ops(Roles.OPS_FINANCE)).contentType(ContentType.JSON);
    }
}
