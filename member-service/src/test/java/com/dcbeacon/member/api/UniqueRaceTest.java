package com.dcbeacon.member.api;

import static com.dcbeacon.member.referral.ReferralFixtures.code;
import static com.dcbeacon.member.referral.ReferralFixtures.signUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.Members;
import com.dcbeacon.member.Races;
import com.dcbeacon.member.TestPlans;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Requests sent at the same moment that only a unique index tells apart (sign-ups of one person, one e-mail or one
 * account; announcements of one plan's price for one day): one is created, the other refused with the problem a request
 * sent after it gets, never a 500 or a 503.
 */
@QuarkusTest
class UniqueRaceTest {

    @Inject
    TestPlans plans;

    @RepeatedTest(10)
    void shouldReferOnlyOneOfTwoSignUpsOfOnePersonWithOneCode() {
        String code = code(Members.signUp());
        String person = "ann-" + UUID.randomUUID();

        List<Response> answers = race(
                () -> signUp(person + "+x@example.com", "1 First St", code),
                () -> signUp(person + "+y@example.com", "2 Second St", code));

        assertThat(answers).extracting(Response::statusCode).containsExactly(201, 422);
        Response refused = answers.get(1);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.<List<String>>path("violations.field")).containsExactly("referralCode");
        assertThat(refused.<String>path("detail")).contains("referred before");
        // Nothing of the refused sign-up was created: its e-mail signs up without a code.
        String refusedEmail = answers.getFirst().<String>path("email").endsWith("+x@example.com") ? "+y" : "+x";
        signUp(person + refusedEmail + "@example.com", "3 Third St", null)
                .then()
                .statusCode(201);
    }

    @RepeatedTest(5)
    void shouldCreateOneOfTwoSignUpsWithOneEmail() {
        String email = "grace-" + UUID.randomUUID() + "@example.com";

        List<Response> answers =
                race(() -> signUp(email, "1 First St", null), () -> signUp(email.toUpperCase(), "2 Second St", null));

        assertThat(answers).extracting(Response::statusCode).containsExactly(201, 409);
        assertThat(answers.get(1).contentType()).startsWith("application/problem+json");
        assertThat(answers.get(1).<String>path("detail")).contains("already exists");
    }

    @RepeatedTest(5)
    void shouldCreateOneOfTwoSignUpsByOneAccount() {
        String account = UUID.randomUUID().toString();

        List<Response> answers = race(() -> signUpAs(account), () -> signUpAs(account));

        assertThat(answers).extracting(Response::statusCode).containsExactly(201, 409);
        assertThat(answers.get(1).contentType()).startsWith("application/problem+json");
        assertThat(answers.get(1).<String>path("detail")).contains("already signed up");
    }

    @RepeatedTest(5)
    void shouldAnnounceOnlyOneOfTwoPriceChangesForOneDay() {
        String plan = plans.create(2000);
        String body = "{\"newPriceCents\":2100,\"effectiveOn\":\""
                + LocalDate.now(ZoneOffset.UTC).plusDays(60) + "\"}";

        List<Response> answers = race(() -> announce(plan, body), () -> announce(plan, body));

        assertThat(answers).extracting(Response::statusCode).containsExactly(201, 409);
        assertThat(answers.get(1).contentType()).startsWith("application/problem+json");
        assertThat(answers.get(1).<String>path("detail")).contains("is already announced");
    }

    private static Response announce(String plan, String body) {
        return given().auth()
                .oauth2(TestTokens.ops())
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(body)
                .post("/api/plans/" + plan + "/price-changes");
    }

    private static Response signUpAs(String account) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.unlinkedMember(account)))
                .contentType(ContentType.JSON)
                .body(Members.signUpJson("linked-" + UUID.randomUUID() + "@example.com"))
                .post("/api/members");
    }

    /** Sends both calls at once; answers their responses, lowest status first. */
    private static List<Response> race(Supplier<Response> one, Supplier<Response> other) {
        return Races.atOnce(List.of(one, other)).stream()
                .sorted(Comparator.comparingInt(Response::statusCode))
                .toList();
    }
}
