package com.dcbeacon.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each policy check fails on a manifest that breaks its rule: a check that cannot fail proves nothing. */
class PolicyCheckTest {

    private static RenderedManifests good;

    /** For every check, one way to break the rendered prod overlay. */
    private static final Map<String, Consumer<List<ObjectNode>>> BREAKS = Map.ofEntries(
            Map.entry("image-pinned", m -> container(m).put("image", "ghcr.io/dcbeacon/member-service:latest")),
            Map.entry("run-as-non-root", m -> {
                securityContext(m).put("runAsUser", 0);
                pod(m).with("securityContext").put("runAsUser", 0);
            }),
            Map.entry("read-only-root-filesystem", m -> securityContext(m).put("readOnlyRootFilesystem", false)),
            Map.entry("no-privilege-escalation", m -> securityContext(m).remove("allowPrivilegeEscalation")),
            Map.entry(
                    "drop-all-capabilities",
                    m -> securityContext(m)
                            .with("capabilities")
                            .putArray("drop")
                            .add("NET_RAW")),
            Map.entry(
                    "seccomp-runtime-default",
                    m -> pod(m).with("securityContext").with("seccompProfile").put("type", "Unconfined")),
            Map.entry("resources", m -> container(m).with("resources").remove("limits")),
            Map.entry("health-probes", m -> container(m).remove("livenessProbe")),
            Map.entry("graceful-shutdown", m -> pod(m).put("terminationGracePeriodSeconds", 10)),
            Map.entry("writable-tmp", m -> ((ArrayNode) container(m).get("volumeMounts")).remove(0)),
            Map.entry(
                    "secrets-from-secrets",
                    m -> ((ArrayNode) container(m).get("env"))
                            .addObject()
                            .put("name", "QUARKUS_DATASOURCE_PASSWORD")
                            .put("value", "hunter2")),
            Map.entry(
                    "no-secrets-in-configmaps",
                    m -> first(m, "ConfigMap").with("data").put("KAFKA_PASSWORD", "hunter2")),
            Map.entry("dedicated-service-account", m -> pod(m).put("automountServiceAccountToken", true)),
            Map.entry("disruption-budget-and-autoscaler", m -> m.remove(first(m, "PodDisruptionBudget"))),
            Map.entry(
                    "network-policies",
                    m -> m.removeIf(o -> o.path("kind").asText().equals("NetworkPolicy")
                            && o.path("metadata").path("name").asText().equals("default-deny-all"))),
            Map.entry("kafka-topics", m -> first(m, "KafkaTopic").with("spec").put("replicas", 1)),
            // brand-service must never read members' sensitive preferences
            Map.entry("kafka-least-privilege", m -> addAcl(m, "brand-service", "topic", "member-preferences", "Read")),
            Map.entry(
                    "kafka-cluster-durability",
                    m -> first(m, "Kafka")
                            .with("spec")
                            .with("kafka")
                            .with("config")
                            .put("min.insync.replicas", 1)));

    @BeforeAll
    static void render() {
        good = RenderedManifests.render("prod");
    }

    @Test
    void everyCheckHasABadManifest() {
        assertThat(BREAKS.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        PolicyCheck.ALL.stream().map(PolicyCheck::id).toList());
    }

    static Stream<Arguments> checks() {
        return PolicyCheck.ALL.stream().map(c -> Arguments.of(c.id(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("checks")
    void shouldFailOnAManifestThatBreaksTheRule(String id, PolicyCheck check) {
        assertThat(check.violations().apply(good))
                .as("passes on the real overlay")
                .isEmpty();
        List<ObjectNode> broken = new ArrayList<>(
                good.objects().stream().map(ObjectNode::deepCopy).toList());
        BREAKS.get(id).accept(broken);
        assertThat(check.violations().apply(good.with(broken)))
                .as(id + " on a broken manifest")
                .isNotEmpty();
    }

    static Stream<Arguments> leastPrivilegeBreaks() {
        return Stream.of(
                Arguments.of("brand-service may write box-events", (Consumer<List<ObjectNode>>)
                        m -> addAcl(m, "brand-service", "topic", "box-events", "Write")),
                Arguments.of("member-service may not write member-preferences", (Consumer<List<ObjectNode>>) m -> {
                    ArrayNode acls = acls(m, "member-service");
                    for (int i = acls.size() - 1; i >= 0; i--) {
                        if (acls.get(i).path("resource").path("name").asText().equals("member-preferences")) {
                            acls.remove(i);
                        }
                    }
                }),
                Arguments.of(
                        "feedback-service may write its dead letters to box-service's dead-letter topic",
                        (Consumer<List<ObjectNode>>)
                                m -> addAcl(m, "feedback-service", "topic", "box-events.dlq.box-service", "Write")),
                Arguments.of("box-service may join member-service's group", (Consumer<List<ObjectNode>>)
                        m -> addAcl(m, "box-service", "group", "member-service", "Read")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leastPrivilegeBreaks")
    void kafkaLeastPrivilegeCoversWritesAndGroups(String broken, Consumer<List<ObjectNode>> breakIt) {
        PolicyCheck check = PolicyCheck.ALL.stream()
                .filter(c -> c.id().equals("kafka-least-privilege"))
                .findFirst()
                .orElseThrow();
        List<ObjectNode> objects = new ArrayList<>(
                good.objects().stream().map(ObjectNode::deepCopy).toList());
        breakIt.accept(objects);
        assertThat(check.violations().apply(good.with(objects))).as(broken).isNotEmpty();
    }

    @Test
    void strictParsingRejectsAMisspeltField() throws Exception {
        ObjectNode deployment = first(
                new ArrayList<>(
                        good.objects().stream().map(ObjectNode::deepCopy).toList()),
                "Deployment");
        ((ObjectNode) deployment
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("containers")
                        .get(0))
                .put("imagePullPolice", "Always");
        assertThat(StrictModels.problems(deployment)).anyMatch(p -> p.contains("imagePullPolice"));

        ObjectNode topic = first(
                new ArrayList<>(
                        good.objects().stream().map(ObjectNode::deepCopy).toList()),
                "KafkaTopic");
        topic.with("spec").put("replica", 3);
        assertThat(StrictModels.problems(topic)).anyMatch(p -> p.contains("replica"));

        ObjectNode cluster = first(
                new ArrayList<>(
                        good.objects().stream().map(ObjectNode::deepCopy).toList()),
                "Cluster");
        cluster.with("spec").put("instance", 3);
        assertThat(StrictModels.problems(cluster)).anyMatch(p -> p.contains("spec.instance"));
    }

    private static ObjectNode first(List<ObjectNode> objects, String kind) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    private static ArrayNode acls(List<ObjectNode> objects, String user) {
        return (ArrayNode) objects.stream()
                .filter(o -> o.path("kind").asText().equals("KafkaUser")
                        && o.path("metadata").path("name").asText().equals(user))
                .findFirst()
                .orElseThrow()
                .with("spec")
                .with("authorization")
                .get("acls");
    }

    private static void addAcl(List<ObjectNode> objects, String user, String type, String name, String operation) {
        ObjectNode acl = acls(objects, user).addObject();
        acl.putObject("resource").put("type", type).put("name", name).put("patternType", "literal");
        acl.putArray("operations").add(operation);
    }

    private static ObjectNode pod(List<ObjectNode> objects) {
        return (ObjectNode)
                first(objects, "Deployment").path("spec").path("template").path("spec");
    }

    private static ObjectNode container(List<ObjectNode> objects) {
        return (ObjectNode) pod(objects).path("containers").get(0);
    }

    private static ObjectNode securityContext(List<ObjectNode> objects) {
        return container(objects).with("securityContext");
    }
}
