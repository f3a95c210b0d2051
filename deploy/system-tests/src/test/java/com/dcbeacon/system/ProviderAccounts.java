package com.dcbeacon.system;

import com.dcbeacon.local.KeycloakServer;
import com.dcbeacon.system.Http.Answer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Accounts and clients of the identity provider's realm, made through Keycloak's admin REST API as an administrator
 * would make them, and tokens taken from it as a client takes them (a user's password, direct access grant).
 */
final class ProviderAccounts {

    /** The portal's client: authorization code flow with PKCE, in a browser. */
    static final String WEB_CLIENT = "dcbeacon-web";

    private final KeycloakServer provider;

    ProviderAccounts(KeycloakServer provider) {
        this.provider = provider;
    }

    /** A user's access token from a client of the realm; fails unless the provider issues one. */
    String token(String clientId, String username, String password) {
        Answer answer = form(
                provider.tokenUrl(),
                Map.of("grant_type", "password", "client_id", clientId, "username", username, "password", password));
        if (answer.status() != 200) {
            throw new IllegalStateException("no token for " + username + " from " + clientId + ": " + answer);
        }
        return answer.text("access_token");
    }

    /** A token of the scripts client, as {@code deploy/local/token.sh} takes one. */
    String token(String username, String password) {
        return token(KeycloakServer.SCRIPTS_CLIENT, username, password);
    }

    /**
     * A new user with one realm role and attributes (e.g. {@code member_id}, {@code brand_id}), as an administrator
     * creates one; answers the user's password.
     */
    String createUser(String username, String role, Map<String, String> attributes) {
        return createUser(username, role, attributes, List.of());
    }

    /**
     * A new user as {@link #createUser(String, String, Map)}, who must do {@code requiredActions} at their next
     * sign-in in a browser (e.g. {@code webauthn-register-passwordless}: register a passkey); answers the password.
     */
    String createUser(String username, String role, Map<String, String> attributes, List<String> requiredActions) {
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> user = Map.of(
                "requiredActions",
                requiredActions,
                "username",
                username,
                "enabled",
                true,
                "email",
                username + "@users.example",
                "emailVerified",
                true,
                "attributes",
                attributes.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                "credentials",
                List.of(Map.of("type", "password", "value", password, "temporary", false)));
        String admin = adminToken();
        expect(Http.post(adminUrl("/users"), admin, user), 201, "create user " + username);
        String id = userId(username, admin);
        Answer roleAnswer = Http.get(adminUrl("/roles/" + role), admin);
        expect(roleAnswer, 200, "read role " + role);
        expect(
                Http.post(adminUrl("/users/" + id + "/role-mappings/realm"), admin, List.of(roleAnswer.body())),
                204,
                "grant " + role + " to " + username);
        return password;
    }

    /**
     * A public client of the realm with the password grant, e.g. another application's or one with another token
     * lifespan: {@code client} is its representation without {@code publicClient} and the grant settings.
     */
    void createClient(Map<String, Object> client) {
        Map<String, Object> representation = new java.util.HashMap<>(client);
        representation.putAll(Map.of(
                "publicClient",
                true,
                "directAccessGrantsEnabled",
                true,
                "standardFlowEnabled",
                false,
                "enabled",
                true));
        expect(Http.post(adminUrl("/clients"), adminToken(), representation), 201, "create client " + client);
    }

    /** The answer of the token endpoint to a password grant of the scripts client: 200 with tokens, or why not. */
    Answer passwordGrant(String username, String password) {
        return form(
                provider.tokenUrl(),
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        KeycloakServer.SCRIPTS_CLIENT,
                        "username",
                        username,
                        "password",
                        password));
    }

    /** Tokens for an authorization code of the web client, with the PKCE verifier its request was made with. */
    Answer tokensForCode(String code, String redirectUri, String codeVerifier) {
        return form(
                provider.tokenUrl(),
                Map.of(
                        "grant_type", "authorization_code",
                        "client_id", WEB_CLIENT,
                        "code", code,
                        "redirect_uri", redirectUri,
                        "code_verifier", codeVerifier));
    }

    /** New tokens of the web client for a refresh token (single use: the answer holds the next one). */
    Answer refresh(String refreshToken) {
        return form(
                provider.tokenUrl(),
                Map.of("grant_type", "refresh_token", "client_id", WEB_CLIENT, "refresh_token", refreshToken));
    }

    /** Lets the web client redirect to {@code redirectUri} too (a test's own callback), as an administrator would. */
    void allowWebRedirect(String redirectUri) {
        allowRedirect(WEB_CLIENT, redirectUri);
    }

    /** Lets a client of the realm redirect to one more address, e.g. the web portal's on a free port. */
    void allowRedirect(String clientId, String redirectUri) {
        String admin = adminToken();
        Answer found = Http.get(adminUrl("/clients?clientId=" + clientId), admin);
        expect(found, 200, "find client " + clientId);
        com.fasterxml.jackson.databind.node.ObjectNode client =
                (com.fasterxml.jackson.databind.node.ObjectNode) found.body().path(0);
        client.withArray("redirectUris").add(redirectUri);
        expect(
                Http.put(adminUrl("/clients/" + client.path("id").asText()), admin, client),
                204,
                "add a redirect to " + clientId);
    }

    /** The provider's brute-force record of a user: {@code disabled} while locked out, {@code numFailures}. */
    Answer bruteForceState(String username) {
        String admin = adminToken();
        return Http.get(adminUrl("/attack-detection/brute-force/users/" + userId(username, admin)), admin);
    }

    /** One attribute of a user, e.g. {@code member_id} once member-service linked the account; null without it. */
    String attribute(String username, String name) {
        String admin = adminToken();
        Answer user = Http.get(adminUrl("/users/" + userId(username, admin)), admin);
        expect(user, 200, "read user " + username);
        com.fasterxml.jackson.databind.JsonNode values =
                user.body().path("attributes").path(name);
        return values.isArray() && values.size() > 0 ? values.get(0).asText() : null;
    }

    /** Whether the realm holds a user with this username. */
    boolean exists(String username) {
        Answer found = Http.get(adminUrl("/users?exact=true&username=" + username), adminToken());
        expect(found, 200, "find user " + username);
        return found.body().size() > 0;
    }

    /** The provider's id of a user, its {@code sub}. */
    String userId(String username) {
        return userId(username, adminToken());
    }

    private String userId(String username, String admin) {
        Answer found = Http.get(adminUrl("/users?exact=true&username=" + username), admin);
        expect(found, 200, "find user " + username);
        return found.body().path(0).path("id").asText();
    }

    private String adminToken() {
        Answer answer = form(
                provider.baseUrl() + "/realms/master/protocol/openid-connect/token",
                Map.of(
                        "grant_type",
                        "password",
                        "client_id",
                        "admin-cli",
                        "username",
                        KeycloakServer.ADMIN,
                        "password",
                        provider.adminPassword()));
        expect(answer, 200, "administrator's token");
        return answer.text("access_token");
    }

    private String adminUrl(String path) {
        return provider.baseUrl() + "/admin/realms/" + KeycloakServer.REALM + path;
    }

    private static Answer form(String url, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return Http.send("POST", url, null, "application/x-www-form-urlencoded", body);
    }

    private static void expect(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": " + answer);
        }
    }
}
