package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.BRAND;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.local.KeycloakServer;
import com.dcbeacon.system.Http.Answer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.virtualauthenticator.Credential;

/**
 * The platform against the real identity provider (Keycloak with the realm of deploy/keycloak): tokens the provider
 * issues to its users reach what their roles and claims allow, and nothing else; a token meant for another
 * application, issued for too long or expired is refused. The provider's pages in a real browser ({@link
 * SignInBrowser}): a member signs in with a passkey alone, a self-registered account signs up and is linked to its
 * member, five wrong passwords lock an account out. On the platform with the identity provider, which runs before the
 * shared one starts ({@link PlatformUnderTest#sharedWithIdentityProvider()}).
 */
@Order(0)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderTokensTest {

    /** Time a browser has for a sign-in: pages of a provider on a loaded machine. */
    private static final Duration SIGN_IN_LIMIT = Duration.ofSeconds(90);

    private PlatformUnderTest platform;
    private ProviderAccounts accounts;
    private SignInBrowser.Portal portal;

    @BeforeAll
    void startPlatformWithIdentityProvider() {
        platform = PlatformUnderTest.sharedWithIdentityProvider();
        accounts = new ProviderAccounts(platform.identityProvider());
        portal = new SignInBrowser.Portal();
        accounts.allowWebRedirect(portal.redirectUri());
    }

    @AfterAll
    void closePortal() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void shouldSignAMemberInWithTheirPasskeyAloneAndNotWithoutIt() {
        long began = System.nanoTime();
        UUID ada = signUp("passkey");
        UUID bob = signUp("passkey-other");
        String username = "passkey-" + ada;
        String password = accounts.createUser(
                username, "member", Map.of("member_id", ada.toString()), List.of("webauthn-register-passwordless"));

        // first sign-in with the password; the provider has the member register a passkey on their device
        List<Credential> passkeys;
        try (SignInBrowser device = browser()) {
            SignInBrowser.SignIn signIn = portal.begin(provider().authorizationUrl());
            device.go(signIn.url());
            device.signInWithPassword(username, password);
            device.registerPasskey();
            device.awaitCode(signIn, SIGN_IN_LIMIT);
            passkeys = device.device().getCredentials();
        }
        assertThat(passkeys).hasSize(1);
        assertThat(passkeys.get(0).isResidentCredential()).isTrue();

        // a fresh browser on the same device: the passkey alone signs in, nothing typed
        try (SignInBrowser fresh = browser()) {
            fresh.device().addCredential(passkeys.get(0));
            SignInBrowser.SignIn signIn = portal.begin(provider().authorizationUrl());
            fresh.go(signIn.url());
            fresh.signInWithPasskey(signIn);
            String code = fresh.awaitCode(signIn, SIGN_IN_LIMIT);
            Answer tokens = accounts.tokensForCode(code, portal.redirectUri(), signIn.codeVerifier());
            assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
            String token = tokens.text("access_token");
            assertThat(claims(token).path("upn").asText()).isEqualTo(username);
            assertThat(Http.get(memberUrl(ada), token).status()).isEqualTo(200);
            assertThat(Http.get(memberUrl(bob), token).status()).isEqualTo(404);
        }

        // the same sign-in on a device without the passkey does not get in
        try (SignInBrowser stranger = browser()) {
            SignInBrowser.SignIn signIn = portal.begin(provider().authorizationUrl());
            stranger.go(signIn.url());
            stranger.signInWithPasskey(signIn);
            stranger.awaitText("Failed to authenticate by the Passkey");
            assertThat(signIn.cameBack()).isFalse();
            assertThat(stranger.currentUrl()).startsWith(provider().publicUrl());
        }
        System.out.printf(
                "[provider-tokens] passkey sign-in test: %d ms%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    @Test
    void shouldLinkASelfRegisteredAccountToTheMemberItSignsUp() {
        long began = System.nanoTime();
        String username = "joined-" + UUID.randomUUID();
        Answer tokens;
        try (SignInBrowser browser = browser()) {
            SignInBrowser.SignIn signIn = portal.begin(provider().authorizationUrl());
            browser.go(signIn.url());
            browser.registerAccount(username, username + "@users.example", "pw-" + UUID.randomUUID());
            String code = browser.awaitCode(signIn, SIGN_IN_LIMIT);
            tokens = accounts.tokensForCode(code, portal.redirectUri(), signIn.codeVerifier());
        }
        assertThat(tokens.status()).as(tokens.raw()).isEqualTo(200);
        String accessToken = tokens.text("access_token");
        JsonNode registered = claims(accessToken);
        assertThat(registered.path("sub").asText()).isEqualTo(accounts.userId(username));
        assertThat(registered.path("groups").toString()).contains("\"member\"");
        assertThat(registered.has("member_id"))
                .as("not linked before the sign-up")
                .isFalse();

        Answer signedUp = MemberSignUp.signUp(platform, "joined", accessToken);
        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(201);
        UUID member = UUID.fromString(signedUp.text("id"));
        Answer again = MemberSignUp.signUp(platform, "joined-again", accessToken);
        assertThat(again.status()).as(again.raw()).isEqualTo(409);

        // the link reaches the provider from member-service's job: the account's next tokens name the member
        AtomicReference<String> refreshToken = new AtomicReference<>(tokens.text("refresh_token"));
        AtomicReference<String> linked = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Answer refreshed = accounts.refresh(refreshToken.get());
                    assertThat(refreshed.status()).as(refreshed.raw()).isEqualTo(200);
                    refreshToken.set(refreshed.text("refresh_token"));
                    linked.set(refreshed.text("access_token"));
                    return member.toString()
                            .equals(claims(linked.get()).path("member_id").asText());
                });
        assertThat(Http.get(memberUrl(member), linked.get()).status()).isEqualTo(200);
        assertThat(Http.get(memberUrl(member), accessToken).status())
                .as("the token from before the link does not reach the member")
                .isEqualTo(404);

        // The member erases their data: their account at the provider goes too, and with it every way to sign in.
        assertThat(accounts.exists(username)).isTrue();
        assertThat(Http.delete(memberUrl(member), linked.get()).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> !accounts.exists(username));
        assertThat(accounts.refresh(refreshToken.get()).status())
                .as("no new token for the erased member's session")
                .isEqualTo(400);
        System.out.printf(
                "[provider-tokens] self-registration and link test: %d ms%n",
                Duration.ofNanos(System.nanoTime() - began).toMillis());
    }

    @Test
    void shouldLockAnAccountOutAfterFiveWrongPasswords() {
        UUID member = signUp("guessed");
        String username = "guessed-" + member;
        String password = memberAccount(username, member);
        Answer before = accounts.passwordGrant(username, password);
        assertThat(before.status()).as(before.raw()).isEqualTo(200);

        for (int attempt = 1; attempt <= 5; attempt++) {
            Answer wrong = accounts.passwordGrant(username, "wrong-password-" + attempt);
            assertThat(wrong.status()).as(wrong.raw()).isIn(400, 401);
        }

        Answer after = accounts.passwordGrant(username, password);
        assertThat(after.status())
                .as("the right password while locked out: %s", after.raw())
                .isIn(400, 401);
        assertThat(accounts.bruteForceState(username).body().path("disabled").asBoolean())
                .isTrue();
    }

    @Test
    void shouldLetAMemberReadTheirOwnDataAndNotAnothers() {
        UUID ada = signUp("ada");
        UUID bob = signUp("bob");
        String adaToken = memberToken("ada-" + ada, ada);

        assertThat(Http.get(memberUrl(ada), adaToken).status()).isEqualTo(200);
        assertThat(Http.get(memberUrl(ada) + "/ledger", adaToken).status()).isEqualTo(200);
        assertThat(Http.get(platform.url(BOX) + "/api/members/" + ada + "/boxes", adaToken)
                        .status())
                .isEqualTo(200);
        assertThat(Http.get(memberUrl(bob), adaToken).status()).isEqualTo(404);
        assertThat(Http.get(memberUrl(bob) + "/ledger", adaToken).status()).isEqualTo(404);
        assertThat(Http.get(platform.url(BOX) + "/api/members/" + bob + "/boxes", adaToken)
                        .status())
                .isEqualTo(404);
        // a token of the development key is no longer trusted
        assertThat(Http.get(memberUrl(ada), platform.tokens().member(ada)).status())
                .isEqualTo(401);
    }

    @Test
    void shouldShowABrandUserOnlyTheirBrand() {
        String support = accounts.token("demo-support", "demo-support-password");
        UUID crunchCo = onboard(support, "Crunch Co");
        UUID greenLeaf = onboard(support, "Green Leaf");
        String username = "crunch-" + crunchCo;
        String password = accounts.createUser(username, "brand", Map.of("brand_id", crunchCo.toString()));
        String brandToken = accounts.token(username, password);

        Answer own = Http.get(platform.url(BRAND) + "/api/brands/" + crunchCo, brandToken);
        assertThat(own.status()).as(own.raw()).isEqualTo(200);
        assertThat(own.text("name")).isEqualTo("Crunch Co");
        assertThat(Http.get(platform.url(BRAND) + "/api/brands/" + greenLeaf, brandToken)
                        .status())
                .isEqualTo(404);
        assertThat(Http.get(platform.url(BRAND) + "/api/brands", brandToken).status())
                .isEqualTo(403);
    }

    @Test
    void shouldLetEachOpsRoleDoItsActionsOnly() {
        UUID member = signUp("credited");
        String credits = memberUrl(member) + "/ledger/credits";
        Map<String, Object> credit = Map.of("amountCents", 300, "reason", "late box");
        String finance = accounts.token("demo-finance", "demo-finance-password");
        String warehouse = accounts.token("demo-warehouse", "demo-warehouse-password");
        String support = accounts.token("demo-support", "demo-support-password");
        String packUnknownBox = platform.url(BOX) + "/api/boxes/" + UUID.randomUUID() + "/pack";

        String key = UUID.randomUUID().toString();
        assertThat(Http.post(credits, warehouse, credit, key).status()).isEqualTo(403);
        assertThat(Http.post(credits, support, credit, key).status()).isEqualTo(403);
        Answer credited = Http.post(credits, finance, credit, key);
        assertThat(credited.status()).as(credited.raw()).isEqualTo(201);
        // The same request sent again with its key (a retry after a lost answer) answers the same and books nothing.
        Answer retried = Http.post(credits, finance, credit, key);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(201);
        assertThat(retried.body()).isEqualTo(credited.body());
        assertThat(Http.get(memberUrl(member) + "/ledger", support)
                        .body()
                        .path("balanceCents")
                        .asInt())
                .isEqualTo(300);

        assertThat(Http.post(packUnknownBox, finance, null).status()).isEqualTo(403);
        assertThat(Http.post(packUnknownBox, support, null).status()).isEqualTo(403);
        // past the role check: no such box
        assertThat(Http.post(packUnknownBox, warehouse, null).status()).isEqualTo(404);

        // what every ops user does: onboarding a brand, reading any member
        for (String ops : List.of(finance, warehouse, support)) {
            assertThat(Http.get(memberUrl(member), ops).status()).isEqualTo(200);
        }
        onboard(warehouse, "Warehouse Snacks");
    }

    @Test
    void shouldRefuseATokenMeantForAnotherApplication() {
        UUID member = signUp("elsewhere");
        String username = "elsewhere-" + member;
        String password = memberAccount(username, member);
        // another application of the same realm: same issuer, same keys, same roles and claims, not the services'
        // audience
        accounts.createClient(Map.of(
                "clientId",
                "another-application",
                "defaultClientScopes",
                List.of("basic"),
                "protocolMappers",
                List.of(
                        mapper(
                                "groups",
                                "oidc-usermodel-realm-role-mapper",
                                Map.of("claim.name", "groups", "multivalued", "true")),
                        mapper(
                                "member_id",
                                "oidc-usermodel-attribute-mapper",
                                Map.of("user.attribute", "member_id", "claim.name", "member_id")))));

        String ours = accounts.token(username, password);
        String theirs = accounts.token("another-application", username, password);

        assertThat(Http.get(memberUrl(member), ours).status()).isEqualTo(200);
        assertThat(Http.get(memberUrl(member), theirs).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseATokenIssuedForTooLongOrExpired() {
        UUID member = signUp("lifetimes");
        String username = "lifetimes-" + member;
        String password = memberAccount(username, member);
        accounts.createClient(lifespanClient("hour-long-tokens", 3600));
        accounts.createClient(lifespanClient("two-second-tokens", 2));

        String hourLong = accounts.token("hour-long-tokens", username, password);
        assertThat(Http.get(memberUrl(member), hourLong).status())
                .as("a token issued for an hour is over the 5-minute cap")
                .isEqualTo(401);

        String shortLived = accounts.token("two-second-tokens", username, password);
        assertThat(Http.get(memberUrl(member), shortLived).status()).isEqualTo(200);
        // expired after 2 s, refused once the 10 s allowed for clock differences have passed too
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> Http.get(memberUrl(member), shortLived).status() == 401);
    }

    private KeycloakServer provider() {
        return platform.identityProvider();
    }

    /**
     * A fresh browser session; in CI a missing browser fails the test (the CI script installs it), elsewhere the test
     * is skipped saying what to install.
     */
    private SignInBrowser browser() {
        Optional<String> missing = SignInBrowser.missing();
        if (missing.isPresent()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("no browser for the sign-in tests in CI: " + missing.get());
            }
            Assumptions.abort("no browser for the sign-in tests: " + missing.get());
        }
        return SignInBrowser.open(Path.of(System.getProperty("dcbeacon.system.work", "target/system"), "browsers"));
    }

    /** The claims of a token (its payload; the services verify the signature, this only reads it). */
    private static JsonNode claims(String token) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Object> lifespanClient(String clientId, int seconds) {
        return Map.of(
                "clientId",
                clientId,
                "defaultClientScopes",
                List.of("basic", KeycloakServer.AUDIENCE),
                "attributes",
                Map.of("access.token.lifespan", Integer.toString(seconds)));
    }

    private static Map<String, Object> mapper(String name, String type, Map<String, String> config) {
        Map<String, String> withClaim = new java.util.HashMap<>(config);
        withClaim.putAll(Map.of("access.token.claim", "true", "jsonType.label", "String"));
        return Map.of("name", name, "protocol", "openid-connect", "protocolMapper", type, "config", withClaim);
    }

    private UUID signUp(String label) {
        Answer signedUp = MemberSignUp.signUp(platform, label);
        assertThat(signedUp.status()).as(signedUp.raw()).isEqualTo(201);
        return UUID.fromString(signedUp.text("id"));
    }

    private String memberToken(String username, UUID member) {
        return accounts.token(username, memberAccount(username, member));
    }

    /** The provider's account of a member, linked to their member-service id; answers its password. */
    private String memberAccount(String username, UUID member) {
        return accounts.createUser(username, "member", Map.of("member_id", member.toString()));
    }

    private UUID onboard(String opsToken, String name) {
        return BrandOnboarding.onboard(platform, opsToken, name);
    }

    private String memberUrl(UUID member) {
        return platform.url(MEMBER) + "/api/members/" + member;
    }
}
