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
        String password = "pw-" + UUID.randomUUID();
        Map<String, Object> user = Map.of(
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
        Answer found = Http.get(adminUrl("/users?exact=true&username=" + username), admin);
        String id = found.body().path(0).path("id").asText();
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
