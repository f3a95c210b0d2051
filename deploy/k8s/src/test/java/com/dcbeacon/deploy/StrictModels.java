package com.dcbeacon.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses every rendered object into the Java model of its API (fabric8 for Kubernetes, Strimzi's own for
 * Kafka) and fails on any field the model does not know: those models keep unknown fields in
 * "additionalProperties" instead of failing, so each is walked and that map must be empty. CloudNativePG and the
 * Keycloak Operator publish no Java model here: their resources are checked against the fields of their documented
 * APIs that we use.
 */
final class StrictModels {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry(
                    "monitoring.coreos.com/v1/PrometheusRule",
                    io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule.class));

    /**
     * CloudNativePG Cluster (postgresql.cnpg.io/v1), from its API reference: the fields we use, each path
     * with the names allowed below it.
     */
    private static final Map<String, Set<String>> CNPG_CLUSTER_FIELDS = Map.of(
            "", Set.of("apiVersion", "kind", "metadata", "spec"),
            "spec",
                    Set.of(
                            "instances",
                            "imageName",
                            "primaryUpdateStrategy",
                            "bootstrap",
                            "storage",
                            "resources",
                            "monitoring"),
            "spec.bootstrap", Set.of("initdb"),
            "spec.bootstrap.initdb", Set.of("database", "owner"),
            "spec.storage", Set.of("size", "storageClass"),
            "spec.resources", Set.of("requests", "limits"),
            "spec.monitoring", Set.of("enablePodMonitor"));

    /**
     * Keycloak Operator resources (k8s.keycloak.org/v2beta1, keycloaks.k8s.keycloak.org and
     * keycloakrealmimports.k8s.keycloak.org CRDs): the fields we use. A realm's content is Keycloak's own realm
     * representation, checked by the server when it imports it.
     */
    private static final Map<String, Set<String>> KEYCLOAK_FIELDS = Map.of(
            "", Set.of("apiVersion", "kind", "metadata", "spec"),
            "spec", Set.of("instances", "db", "http", "hostname", "proxy", "ingress", "resources", "additionalOptions"),
            "spec.db", Set.of("vendor", "host", "port", "database", "usernameSecret", "passwordSecret"),
            "spec.db.usernameSecret", Set.of("name", "key"),
            "spec.db.passwordSecret", Set.of("name", "key"),
            "spec.http", Set.of("tlsSecret", "httpEnabled"),
            "spec.hostname", Set.of("hostname"),
            "spec.proxy", Set.of("headers"),
            "spec.ingress", Set.of("enabled"),
            "spec.resources", Set.of("requests", "limits"));

    private static final Map<String, Set<String>> KEYCLOAK_REALM_IMPORT_FIELDS =
            Map.of("", Set.of("apiVersion", "kind", "metadata", "spec"), "spec", Set.of("keycloakCRName", "realm"));

    private StrictModels() {}

    /** Problems of one object: unknown kind, unreadable, or fields its API does not have. */
    static List<String> problems(JsonNode object) {
        String key =
                object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        Map<String, Set<String>> documented = switch (key) {
            case "postgresql.cnpg.io/v1/Cluster" -> CNPG_CLUSTER_FIELDS;
            case "k8s.keycloak.org/v2beta1/Keycloak" -> KEYCLOAK_FIELDS;
            case "k8s.keycloak.org/v2beta1/KeycloakRealmImport" -> KEYCLOAK_REALM_IMPORT_FIELDS;
            default -> null;
        };
        if (documented != null) {
            List<String> problems = new ArrayList<>();
            checkDocumented(documented, object, "", RenderedManifests.name(object), problems);
            return problems;
        }
        Class<?> model = MODELS.get(key);
        if (model == null) {
            return List.of(RenderedManifests.name(object) + ": no model for " + key);
        }
        try {
            Object parsed = MAPPER.treeToValue(object, model);
            List<String> problems = new ArrayList<>();
            unknownFields(parsed, RenderedManifests.name(object), problems, new IdentityHashMap<>());
            return problems;
        } catch (Exception e) {
            return List.of(RenderedManifests.name(object) + ": "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static void checkDocumented(
            Map<String, Set<String>> fields, JsonNode node, String path, String where, List<String> problems) {
        Set<String> allowed = fields.get(path);
        if (allowed == null || !node.isObject()) {
            return;
        }
        node.fieldNames().forEachRemaining(field -> {
            String at = path.isEmpty() ? field : path + "." + field;
            if (!allowed.contains(field)) {
                problems.add(where + ": unknown field " + at);
            } else {
                checkDocumented(fields, node.get(field), at, where, problems);
            }
        });
    }

    private static void unknownFields(Object value, String where, List<String> problems, Map<Object, Boolean> seen) {
        if (value == null || seen.containsKey(value)) {
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(i -> unknownFields(i, where, problems, seen));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> unknownFields(v, where, problems, seen));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8") && !pkg.startsWith("io.strimzi")) {
            return;
        }
        seen.put(value, true);
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            try {
                Object child = getter.invoke(value);
                if (getter.getName().equals("getAdditionalProperties") && child instanceof Map<?, ?> extra) {
                    extra.keySet()
                            .forEach(k -> problems.add(where + ": unknown field '" + k + "' in "
                                    + value.getClass().getSimpleName()));
                } else {
                    unknownFields(child, where, problems, seen);
                }
            } catch (ReflectiveOperationException | RuntimeException ignored) {
                // a derived getter that cannot be read is not a field of the manifest
            }
        }
    }
}
