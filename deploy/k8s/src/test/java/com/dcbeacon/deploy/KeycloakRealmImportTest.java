package com.dcbeacon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The realm Kubernetes imports ({@code infra/keycloak-realm.yaml}) is the local realm
 * ({@code deploy/keycloak/dcbeacon-realm.json}, the one source of roles, clients, claims and token lifetimes) without
 * what is only for a developer's machine: the demo users and their passwords, the password-grant client for scripts,
 * and localhost addresses for the web front end. {@code -Drealm.write=true} rewrites the file from the local realm.
 */
class KeycloakRealmImportTest {

    static final String PORTAL = "https://portal.dcbeacon.example/*";

    private static final Path IMPORT = RenderedManifests.K8S.resolve("infra/keycloak-realm.yaml");
    private static final Path LOCAL = PolicyCheck.REPO.resolve("deploy/keycloak/dcbeacon-realm.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML =
            new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER));

    @Test
    void shouldImportTheLocalRealmWithoutItsDeveloperOnlyParts() throws IOException {
        JsonNode expected = importOf(JSON.readTree(LOCAL.toFile()));
        if (Boolean.getBoolean("realm.write")) {
            Files.writeString(
                    IMPORT,
                    "# Generated from deploy/keycloak/dcbeacon-realm.json by KeycloakRealmImportTest"
                            + " (-Drealm.write=true): the local realm\n"
                            + "# without demo users, without the password-grant client for scripts, without client"
                            + " secrets, with the portal's public address.\n"
                            + YAML.writeValueAsString(expected));
        }
        JsonNode imported = YAML.readTree(IMPORT.toFile());
        assertThat(imported).isEqualTo(expected);

        JsonNode realm = imported.path("spec").path("realm");
        assertThat(realm.path("users").findValuesAsText("username"))
                .as("no demo users or passwords in a cluster, only service accounts")
                .containsExactly("service-account-dcbeacon-member-service");
        assertThat(realm.path("clients").findValuesAsText("clientId"))
                .containsExactlyInAnyOrder(
                        "dcbeacon-services", "dcbeacon-web", "dcbeacon-web-portal", "dcbeacon-member-service");
        assertThat(realm.path("clients").findValues("secret"))
                .as("client secrets are the cluster's own, generated at import")
                .isEmpty();
        assertThat(realm.path("clients").findValues("directAccessGrantsEnabled"))
                .allMatch(v -> !v.asBoolean());
        // Positive anchor: the local realm has what the import leaves out.
        JsonNode local = JSON.readTree(LOCAL.toFile());
        assertThat(local.path("users").size()).isPositive();
        assertThat(local.path("clients").findValuesAsText("clientId")).contains("dcbeacon-scripts");
    }

    private static JsonNode importOf(JsonNode localRealm) {
        ObjectNode realm = localRealm.deepCopy();
        ArrayNode serviceAccounts = JSON.createArrayNode();
        for (JsonNode user : realm.path("users")) {
            if (user.has("serviceAccountClientId")) {
                serviceAccounts.add(user); // a service's own account and roles, no password
            }
        }
        realm.set("users", serviceAccounts);
        ArrayNode clients = JSON.createArrayNode();
        for (JsonNode client : realm.path("clients")) {
            if (client.path("directAccessGrantsEnabled").asBoolean()) {
                continue; // the password grant is for scripts on a developer's machine
            }
            ObjectNode kept = client.deepCopy();
            kept.remove("secret"); // the local secret is for a developer's machine
            if (kept.path("standardFlowEnabled").asBoolean()) {
                kept.set("redirectUris", JSON.createArrayNode().add(PORTAL));
                ((ObjectNode) kept.path("attributes")).put("post.logout.redirect.uris", PORTAL);
            }
            clients.add(kept);
        }
        realm.set("clients", clients);
        ObjectNode resource = JSON.createObjectNode();
        resource.put("apiVersion", "k8s.keycloak.org/v2beta1");
        resource.put("kind", "KeycloakRealmImport");
        resource.putObject("metadata").put("name", "dcbeacon");
        ObjectNode spec = resource.putObject("spec");
        spec.put("keycloakCRName", "keycloak");
        spec.set("realm", realm);
        return resource;
    }
}
