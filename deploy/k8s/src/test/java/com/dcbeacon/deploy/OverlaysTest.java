package com.dcbeacon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Renders each overlay with kustomize and validates every object and every policy. */
class OverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectMatchesItsApiStrictly(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        assertThat(manifests.objects()).hasSizeGreaterThan(40);
        assertThat(manifests.objects()).flatExtracting(StrictModels::problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPolicyHolds(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Map<String, List<String>> violations = new TreeMap<>();
        for (PolicyCheck check : PolicyCheck.ALL) {
            List<String> found = check.violations().apply(manifests);
            if (!found.isEmpty()) {
                violations.put(check.id(), found);
            }
        }
        assertThat(violations).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyServiceHasItsObjects(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String service : ServiceConfig.SERVICES) {
            for (String kind : List.of(
                    "Deployment",
                    "Service",
                    "ServiceAccount",
                    "ConfigMap",
                    "PodDisruptionBudget",
                    "HorizontalPodAutoscaler",
                    "NetworkPolicy",
                    "KafkaUser")) {
                assertThat(manifests.ofKind(kind))
                        .as(kind + " of " + service)
                        .anyMatch(o -> o.path("metadata").path("name").asText().startsWith(service));
            }
        }
        assertThat(manifests.ofKind("Cluster")).hasSize(5);
        assertThat(manifests.ofKind("Ingress")).hasSize(3);
        assertThat(manifests.objects()).allMatch(o -> !o.path("kind").asText().equals("Namespace"));
        assertThat(manifests.objects())
                .filteredOn(o -> !o.path("kind").asText().isEmpty())
                .allMatch(o -> o.path("metadata")
                        .path("namespace")
                        .asText()
                        .equals(overlay.equals("prod") ? "dcbeacon" : "dcbeacon-dev"));
    }

    @Test
    void prodRunsThreeReplicasSpreadAcrossZonesAndThreeDatabaseInstances() {
        RenderedManifests prod = RenderedManifests.render("prod");
        for (JsonNode deployment : prod.ofKind("Deployment")) {
            assertThat(deployment.path("spec").path("replicas").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(deployment
                            .path("spec")
                            .path("template")
                            .path("spec")
                            .path("topologySpreadConstraints")
                            .toString())
                    .contains("topology.kubernetes.io/zone");
        }
        assertThat(prod.ofKind("HorizontalPodAutoscaler"))
                .allMatch(h -> h.path("spec").path("minReplicas").asInt() >= 3);
        assertThat(prod.ofKind("Cluster"))
                .allMatch(c -> c.path("spec").path("instances").asInt() == 3);
    }

    @Test
    void devRunsOneReplicaWithSmallRequests() {
        RenderedManifests dev = RenderedManifests.render("dev");
        assertThat(dev.ofKind("Deployment"))
                .allMatch(d -> d.path("spec").path("replicas").asInt() == 1);
        assertThat(dev.ofKind("Cluster"))
                .allMatch(c -> c.path("spec").path("instances").asInt() == 1);
    }

    @Test
    void theGatewayRoutesEachPathToItsOwner() {
        JsonNode ingress = named(RenderedManifests.render("prod"), "Ingress", "dcbeacon-api");
        Map<String, String> routes = new TreeMap<>();
        for (JsonNode path :
                ingress.path("spec").path("rules").get(0).path("http").path("paths")) {
            routes.put(
                    path.path("path").asText(),
                    path.path("backend").path("service").path("name").asText());
        }
        assertThat(routes)
                .containsEntry("/api/members", "member-service")
                .containsEntry("/api/plans", "member-service")
                .containsEntry("/api/brands", "brand-service")
                .containsEntry("/api/brands/[^/]+/insights", "feedback-service")
                .containsEntry("/api/members/[^/]+/boxes", "box-service")
                .containsEntry("/api/follow-ups", "feedback-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServicesTrustTheIdentityProviderThatRunsBesideThem(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        JsonNode keycloak = named(manifests, "Keycloak", "keycloak").path("spec");
        JsonNode realmImport =
                named(manifests, "KeycloakRealmImport", "dcbeacon").path("spec");
        assertThat(realmImport.path("keycloakCRName").asText()).isEqualTo("keycloak");
        String issuer = keycloak.path("hostname").path("hostname").asText() + "/realms/"
                + realmImport.path("realm").path("realm").asText();
        for (String service : ServiceConfig.SERVICES) {
            JsonNode config = named(manifests, "ConfigMap", service + "-config").path("data");
            assertThat(config.path("MP_JWT_VERIFY_ISSUER").asText()).as(service).isEqualTo(issuer);
            assertThat(config.path("MP_JWT_VERIFY_PUBLICKEY_LOCATION").asText())
                    .as(service)
                    .isEqualTo(issuer + "/protocol/openid-connect/certs");
        }
        // Its database is a CloudNativePG cluster, reached through the cluster's read-write service.
        String database = keycloak.path("db").path("host").asText().replaceFirst("-rw$", "");
        assertThat(named(manifests, "Cluster", database)).isNotNull();
        assertThat(keycloak.path("db").path("usernameSecret").path("name").asText())
                .isEqualTo(database + "-app");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void eachDatabaseAdmitsOnlyItsOwner(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        Map<String, String> owners = new TreeMap<>();
        for (JsonNode policy : manifests.ofKind("NetworkPolicy")) {
            String cluster = policy.path("spec")
                    .path("podSelector")
                    .path("matchLabels")
                    .path("cnpg.io/cluster")
                    .asText();
            if (!cluster.isEmpty()) {
                JsonNode from = policy.path("spec")
                        .path("ingress")
                        .get(0)
                        .path("from")
                        .get(0)
                        .path("podSelector");
                owners.put(
                        cluster,
                        from.path("matchLabels").path("app.kubernetes.io/name").asText("keycloak"));
                assertThat(policy.path("spec").path("ingress")).as(cluster).hasSize(1);
            }
        }
        Map<String, String> expected = new TreeMap<>();
        for (JsonNode cluster : manifests.ofKind("Cluster")) {
            String name = cluster.path("metadata").path("name").asText();
            expected.put(name, name.equals("keycloak-db") ? "keycloak" : name.replaceFirst("-db$", "-service"));
        }
        assertThat(owners).isEqualTo(expected).containsEntry("member-db", "member-service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void memberServiceSendsMailThroughTheRelayAndNoOtherServiceCan(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        JsonNode config = named(manifests, "ConfigMap", "member-service-config").path("data");
        // The service's own default is localhost:25, which in a pod reaches nothing
        assertThat(config.path("QUARKUS_MAILER_HOST").asText()).isNotBlank().isNotEqualTo("localhost");
        assertThat(config.path("QUARKUS_MAILER_PORT").asText()).isEqualTo("587");
        assertThat(config.path("QUARKUS_MAILER_START_TLS").asText()).isEqualTo("REQUIRED");
        JsonNode env = named(manifests, "Deployment", "member-service")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env");
        Map<String, String> fromSecrets = new TreeMap<>();
        env.forEach(e -> fromSecrets.put(
                e.path("name").asText(),
                e.path("valueFrom").path("secretKeyRef").path("name").asText()));
        assertThat(fromSecrets)
                .containsEntry("QUARKUS_MAILER_USERNAME", "member-service-smtp")
                .containsEntry("QUARKUS_MAILER_PASSWORD", "member-service-smtp")
                // the account link's client secret, and the provider it is for: the issuer's host
                .containsEntry("QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET", "member-service-idp");
        assertThat(config.path("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL").asText() + "/realms/dcbeacon")
                .isEqualTo(config.path("MP_JWT_VERIFY_ISSUER").asText());
        for (String service : ServiceConfig.SERVICES) {
            String policy = named(manifests, "NetworkPolicy", service)
                    .path("spec")
                    .path("egress")
                    .toString();
            String serviceConfig =
                    named(manifests, "ConfigMap", service + "-config").toString();
            if (service.equals("member-service")) {
                assertThat(policy).as(service).contains("\"port\":587");
            } else {
                assertThat(policy).as(service).doesNotContain("\"port\":587");
                assertThat(serviceConfig).as(service).doesNotContain("QUARKUS_MAILER");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theWebPortalSignsInAtTheProviderAndReachesNoDatabaseOrKafka(String overlay) {
        RenderedManifests manifests = RenderedManifests.render(overlay);
        for (String kind : List.of(
                "Deployment",
                "Service",
                "ServiceAccount",
                "PodDisruptionBudget",
                "HorizontalPodAutoscaler",
                "NetworkPolicy")) {
            assertThat(named(manifests, kind, "web-portal")).as(kind).isNotNull();
        }
        JsonNode config = named(manifests, "ConfigMap", "web-portal-config").path("data");
        JsonNode member = named(manifests, "ConfigMap", "member-service-config").path("data");
        assertThat(config.path("DCBEACON_OIDC_URL").asText())
                .isEqualTo(member.path("MP_JWT_VERIFY_ISSUER").asText());
        JsonNode env = named(manifests, "Deployment", "web-portal")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env");
        assertThat(env.toString()).contains("QUARKUS_OIDC_CREDENTIALS_SECRET").contains("\"web-portal-idp\"");
        String egress = named(manifests, "NetworkPolicy", "web-portal")
                .path("spec")
                .path("egress")
                .toString();
        assertThat(egress).contains("\"port\":443").doesNotContain("5432").doesNotContain("9093");
        JsonNode portal = named(manifests, "Ingress", "dcbeacon-portal");
        // the address member-service's mails link to, and the realm's redirects allow (KeycloakRealmImportTest)
        assertThat("https://"
                        + portal.path("spec").path("rules").get(0).path("host").asText())
                .isEqualTo(member.path("DCBEACON_PORTAL_BASE_URL").asText())
                .isEqualTo(KeycloakRealmImportTest.PORTAL.replace("/*", ""));
        assertThat(portal.path("spec").path("tls").toString()).contains("portal.dcbeacon.example");
    }

    private static JsonNode named(RenderedManifests manifests, String kind, String name) {
        return manifests.ofKind(kind).stream()
                .filter(o -> o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(kind + "/" + name + " is not rendered"));
    }
}
