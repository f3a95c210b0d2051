package com.dcbeacon.member.referral;

import static com.dcbeacon.member.Members.as;
import static com.dcbeacon.member.referral.ReferralFixtures.BOX_CENTS;
import static com.dcbeacon.member.referral.ReferralFixtures.REFEREE_CENTS;
import static com.dcbeacon.member.referral.ReferralFixtures.REFERRER_CENTS;
import static com.dcbeacon.member.referral.ReferralFixtures.code;
import static com.dcbeacon.member.referral.ReferralFixtures.referralEntries;
import static com.dcbeacon.member.referral.ReferralFixtures.signUp;
import static com.dcbeacon.member.referral.ReferralFixtures.subscribed;
import static com.dcbeacon.member.referral.ReferralFixtures.types;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.dcbeacon.member.referral.ReferralFixtures.Subscribed;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Referral credits over the real API, Kafka and PostgreSQL. */
@QuarkusTest
class ReferralCreditsTest {

    @Inject
    ReferralFixtures fixtures;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    private String email(String who) {
        return who + "-" + run + "@example.com";
    }

    private String line(String who) {
        return who + " " + run + " Main St";
    }

    @Test
    void shouldCreditBothOnceOnTheFirstShippedBoxAndNeverOnTheSecond() {
        Subscribed referrer = subscribed(email("ref"), line("ref"), null);
        String code = code(referrer.member());
        assertThat(code).matches("[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{10}");
        // Typed in lower case with a hyphen: the same code.
        String typed =
                code.substring(0, 5).toLowerCase() + "-" + code.substring(5).toLowerCase();
        Subscribed referee = subscribed(email("new"), line("new"), typed);
        as(referrer.member())
                .get("/api/members/" + referrer.member() + "/referral")
                .then()
                .body("referrals", hasSize(1))
                .body("referrals[0].status", equalTo("PENDING"))
                .body("referrals[0].creditCents", equalTo(0));
        assertThat(referralEntries(referee.member())).isEmpty();

        UUID first = fixtures.shipped(referee, 1);
        // The same shipment delivered again, then a second box: nothing more.
        fixtures.ship(
                referee, first, YearMonth.now(ZoneOffset.UTC).plusMonths(1).toString());
        fixtures.shipped(referee, 2);

        assertThat(types(referralEntries(referee.member()))).containsExactly("CREDIT " + REFEREE_CENTS);
        assertThat(types(referralEntries(referrer.member()))).containsExactly("CREDIT " + REFERRER_CENTS);
        as(referrer.member())
                .get("/api/members/" + referrer.member() + "/referral")
                .then()
                .statusCode(200)
                .body("referrerCreditCents", equalTo((int) REFERRER_CENTS))
                .body("refereeCreditCents", equalTo((int) REFEREE_CENTS))
                .body("referrals", hasSize(1))
                .body("referrals[0].status", equalTo("CREDITED"))
                .body("referrals[0].creditCents", equalTo((int) REFERRER_CENTS));
        // Each is told, and neither reason names the other member.
        for (UUID member : List.of(referrer.member(), referee.member())) {
            List<Map<String, Object>> entries = referralEntries(member);
            assertThat(entries.get(0).get("reason").toString())
                    .doesNotContain(run)
                    .doesNotContain("Ada")
                    .doesNotContain(referrer.member().toString())
                    .doesNotContain(referee.member().toString());
            assertThat(as(member)
                            .get("/api/members/" + member + "/notifications")
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("findAll { it.kind == 'CREDIT_GRANTED' }.message", String.class))
                    .singleElement()
                    .asString()
                    .contains("Referral credit");
        }
    }

    @Test
    void shouldRefuseAnUnknownCodeTheSamePersonAndAPersonReferredBefore() {
        Subscribed referrer = subscribed(email("ada"), line("ada"), null);
        String code = code(referrer.member());

        for (String[] refused : List.of(
                new String[] {email("unknown"), line("unknown"), "ZZZZZZZZZZ"},
                new String[] {email("malformed"), line("malformed"), "not a code!"},
                // the referrer's e-mail, another case and a +tag
                new String[] {"Ada-" + run + "+second@Example.com", line("second"), code},
                // the referrer's delivery address, spelled differently
                new String[] {email("household"), line("ada").toUpperCase() + ".", code})) {
            signUp(refused[0], refused[1], refused[2])
                    .then()
                    .statusCode(422)
                    .contentType("application/problem+json")
                    .body("violations.field", contains("referralCode"));
            // Nothing was created: the same e-mail signs up without a code.
            signUp(refused[0], refused[1], null).then().statusCode(201);
        }

        // Referred once, erased, back with a new account and another member's code: refused.
        Subscribed other = subscribed(email("other"), line("other"), null);
        UUID referred = UUID.fromString(signUp(email("bob"), line("bob"), code)
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        as(referred).delete("/api/members/" + referred).then().statusCode(202);
        signUp(email("bob"), line("bob"), code(other.member()))
                .then()
                .statusCode(422)
                .body("violations.field", contains("referralCode"))
                .body("detail", org.hamcrest.Matchers.containsString("referred before"));
        // A person never referred takes the same code.
        signUp(email("carol"), line("carol"), code(other.member())).then().statusCode(201);
    }

    @Test
    void shouldAnswerTheReferralOnlyToItsMember() {
        UUID member = com.dcbeacon.member.Members.signUp();
        UUID other = com.dcbeacon.member.Members.signUp();
        as(member).get("/api/members/" + member + "/referral").then().statusCode(200);
        as(other)
                .get("/api/members/" + member + "/referral")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        as(other).get("/api/members/" + UUID.randomUUID() + "/referral").then().statusCode(404);
    }

    @Test
    void shouldReverseBothOnceWhenTheFirstBoxIsCreditedInFullAsWrongOrMissing() {
        Subscribed referrer = subscribed(email("ref"), line("ref"), null);
        Subscribed referee = subscribed(email("new"), line("new"), code(referrer.member()));
        UUID first = fixtures.shipped(referee, 1);

        fixtures.credit(referee.member(), first, 1000, "MISSING_ITEMS");
        assertThat(types(referralEntries(referee.member())))
                .as("partly credited: the referral stands")
                .containsExactly("CREDIT " + REFEREE_CENTS);

        fixtures.credit(referee.member(), first, BOX_CENTS - 1000, "WRONG_ITEMS");
        fixtures.credit(referee.member(), first, 100, "WRONG_ITEMS");

        assertThat(types(referralEntries(referee.member())))
                .containsExactly("CREDIT " + REFEREE_CENTS, "REVERSAL " + REFEREE_CENTS);
        assertThat(types(referralEntries(referrer.member())))
                .containsExactly("CREDIT " + REFERRER_CENTS, "REVERSAL " + REFERRER_CENTS);
        as(referrer.member())
                .get("/api/members/" + referrer.member() + "/referral")
                .then()
                .body("referrals[0].status", equalTo("REVERSED"));
        // The referrer had nothing else: the reversal leaves the balance at zero, below it nothing is taken.
        as(referrer.member())
                .get("/api/members/" + referrer.member() + "/ledger")
                .then()
                .body("balanceCents", equalTo(0));
    }

    @Test
    void shouldNotReverseForADamagedBoxCreditedInFull() {
        Subscribed referrer = subscribed(email("ref"), line("ref"), null);
        Subscribed referee = subscribed(email("new"), line("new"), code(referrer.member()));
        UUID first = fixtures.shipped(referee, 1);

        fixtures.credit(referee.member(), first, BOX_CENTS, "DAMAGED");

        as(referee.member())
                .get("/api/members/" + referee.member() + "/ledger")
                .then()
                .body("balanceCents", equalTo((int) REFEREE_CENTS));
        assertThat(types(referralEntries(referrer.member()))).containsExactly("CREDIT " + REFERRER_CENTS);
    }

    @Test
    void shouldNotCreditAnErasedReferrer() {
        Subscribed referrer = subscribed(email("ref"), line("ref"), null);
        Subscribed referee = subscribed(email("new"), line("new"), code(referrer.member()));
        as(referrer.member()).delete("/api/members/" + referrer.member()).then().statusCode(202);

        fixtures.shipped(referee, 1);

        assertThat(types(referralEntries(referee.member()))).containsExactly("CREDIT " + REFEREE_CENTS);
    }
}
