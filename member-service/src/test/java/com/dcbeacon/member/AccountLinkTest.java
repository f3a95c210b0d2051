package com.dcbeacon.member;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.domain.AccountErasure;
import com.dcbeacon.member.domain.AccountLink;
import com.dcbeacon.member.domain.AccountLinks;
import com.dcbeacon.member.domain.Member;
import com.dcbeacon.platform.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A sign-up sent with a freshly registered account's token links that account to the new member, reliably. */
@QuarkusTest
class AccountLinkTest {

    @Inject
    AccountLinks accountLinks;

    @Inject
    RecordingAccountDirectory directory;

    @Inject
    EntityManager em;

    @Test
    void shouldRecordTheSigningUpAccountAndPushTheLinkToTheProviderOnce() {
        String account = "account-" + UUID.randomUUID();
        UUID member =
                signUp(as(account)).then().statusCode(201).extract().jsonPath().getUUID("id");

        assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(Member.class, member).accountSubject))
                .isEqualTo(account);
        assertThat(link(member).linkedAt)
                .as("recorded with the member, pushed later")
                .isNull();
        assertThat(directory.linkOf(account)).isNull();

        accountLinks.pushDue();
        assertThat(directory.linkOf(account)).isEqualTo(member);
        assertThat(link(member).linkedAt).isNotNull();

        accountLinks.pushDue();
        assertThat(directory.pushesOf(account))
                .as("a link taken is not pushed again")
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseASecondSignUpFromTheSameAccount() {
        String account = "account-" + UUID.randomUUID();
        signUp(as(account)).then().statusCode(201);

        signUp(as(account)).then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void shouldRefuseASignUpFromAnAccountThatAlreadyActsForAMember() {
        signUp(given().header("Authorization", TestTokens.bearer(TestTokens.member(UUID.randomUUID()))))
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void shouldLinkNoAccountForASignUpWithoutOneOrByOps() {
        UUID anonymous =
                signUp(given()).then().statusCode(201).extract().jsonPath().getUUID("id");
        UUID byOps = signUp(given().header("Authorization", TestTokens.bearer(TestTokens.ops())))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getUUID("id");

        for (UUID member : new UUID[] {anonymous, byOps}) {
            assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(Member.class, member).accountSubject))
                    .isNull();
            assertThat(QuarkusTransaction.requiringNew().call(() -> em.find(AccountLink.class, member)))
                    .isNull();
        }
    }

    @Test
    void shouldKeepTheLinkWhileTheProviderIsDownAndPushItOnceItAnswers() {
        String account = "account-" + UUID.randomUUID();
        directory.downFor(account, 2);
        UUID member =
                signUp(as(account)).then().statusCode(201).extract().jsonPath().getUUID("id");

        accountLinks.pushDue();
        AccountLink failedOnce = link(member);
        assertThat(failedOnce.linkedAt).isNull();
        assertThat(failedOnce.attempts).isEqualTo(1);
        assertThat(failedOnce.lastError).contains("does not answer");

        accountLinks.pushDue();
        assertThat(link(member).attempts).isEqualTo(2);
        assertThat(directory.linkOf(account)).isNull();

        accountLinks.pushDue();
        assertThat(directory.linkOf(account)).isEqualTo(member);
        assertThat(link(member).linkedAt).isNotNull();
    }

    @Test
    void shouldDeleteAnErasedMembersAccountsAtTheProviderOnceItAnswersAndKeepNothingAfter() {
        String account = "account-" + UUID.randomUUID();
        UUID member =
                signUp(as(account)).then().statusCode(201).extract().jsonPath().getUUID("id");
        accountLinks.pushDue();
        assertThat(directory.linkOf(account)).isEqualTo(member);
        directory.downFor(account, 1);

        Members.as(member).delete("/api/members/" + member).then().statusCode(202);
        assertThat(erasure(member))
                .as("recorded with the erasure, pushed later")
                .isNotNull();

        accountLinks.eraseDue();
        assertThat(directory.erased(account)).isFalse();
        assertThat(erasure(member).attempts).isEqualTo(1);
        assertThat(erasure(member).lastError).contains("does not answer");

        accountLinks.eraseDue();
        assertThat(directory.erased(account)).isTrue();
        assertThat(directory.linkOf(account)).isNull();
        assertThat(erasure(member))
                .as("nothing of the member kept once the provider took it")
                .isNull();

        // A member whose account an administrator made (no sign-up account): its accounts are found by member id.
        UUID adminMade = Members.signUp("admin-made-" + UUID.randomUUID() + "@example.com");
        Members.as(adminMade).delete("/api/members/" + adminMade).then().statusCode(202);
        accountLinks.eraseDue();
        assertThat(directory.erased(adminMade.toString())).isTrue();
    }

    private AccountErasure erasure(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(AccountErasure.class, member));
    }

    private static RequestSpecification as(String account) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.unlinkedMember(account)));
    }

    private static io.restassured.response.Response signUp(RequestSpecification request) {
        return request.contentType(ContentType.JSON)
                .body(Members.signUpJson("linked-" + UUID.randomUUID() + "@example.com"))
                .post("/api/members");
    }

    private AccountLink link(UUID member) {
        return QuarkusTransaction.requiringNew().call(() -> em.find(AccountLink.class, member));
    }
}
