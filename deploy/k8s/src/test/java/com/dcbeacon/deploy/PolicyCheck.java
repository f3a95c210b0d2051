package com.dcbeacon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * One rule every rendered overlay must satisfy, as kube-score, kube-linter and Polaris check them. Each rule
 * is written once here; {@link #ALL} is the table the tests run.
 */
public record PolicyCheck(String id, String rule, Function<RenderedManifests, List<String>> violations) {

    static final Path REPO = RenderedManifests.K8S.getParent().getParent();
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|PRIVATE).*");

    static final List<PolicyCheck> ALL = List.of(
            containers("image-pinned", "every image has a pinned tag or digest, never latest", (c, v) -> {
                String image = c.path("image").asText();
                String tag = image.contains("@")
                        ? "digest"
                        : image.substring(image.lastIndexOf('/') + 1).contains(":")
                                ? image.substring(image.lastIndexOf(':') + 1)
                                : "";
                if (tag.isEmpty() || tag.equals("latest")) {
                    v.accept(c, "image " + image + " is not pinned");
                }
            }),
            pods("run-as-non-root", "pods run as non-root with a uid of at least 10000", (pod, c, v) -> {
                JsonNode sc = c.path("securityContext");
                JsonNode podSc = pod.path("securityContext");
                boolean nonRoot = sc.path("runAsNonRoot")
                        .asBoolean(podSc.path("runAsNonRoot").asBoolean(false));
                int uid = sc.path("runAsUser").asInt(podSc.path("runAsUser").asInt(0));
                if (!nonRoot || uid < 10000) {
                    v.accept(c, "runAsNonRoot " + nonRoot + ", runAsUser " + uid);
                }
            }),
            containers("read-only-root-filesystem", "the root filesystem is read-only", (c, v) -> {
                if (!c.path("securityContext").path("readOnlyRootFilesystem").asBoolean(false)) {
                    v.accept(c, "root filesystem is writable");
                }
            }),
            containers("no-privilege-escalation", "allowPrivilegeEscalation is false", (c, v) -> {
                if (c.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)) {
                    v.accept(c, "privilege escalation allowed");
                }
            }),
            containers("drop-all-capabilities", "all Linux capabilities are dropped", (c, v) -> {
                boolean dropsAll = false;
                for (JsonNode cap :
                        c.path("securityContext").path("capabilities").path("drop")) {
                    dropsAll |= cap.asText().equals("ALL");
                }
                if (!dropsAll || c.path("securityContext").path("capabilities").has("add")) {
                    v.accept(c, "capabilities not all dropped");
                }
            }),
            pods("seccomp-runtime-default", "the seccomp profile is RuntimeDefault", (pod, c, v) -> {
                String type = c.path("securityContext")
                        .path("seccompProfile")
                        .path("type")
                        .asText(pod.path("securityContext")
                                .path("seccompProfile")
                                .path("type")
                                .asText(""));
                if (!type.equals("RuntimeDefault")) {
                    v.accept(c, "seccomp profile '" + type + "'");
                }
            }),
            containers("resources", "CPU and memory requests and a memory limit are set", (c, v) -> {
                JsonNode r = c.path("resources");
                if (r.path("requests").path("cpu").isMissingNode()
                        || r.path("requests").path("memory").isMissingNode()
                        || r.path("limits").path("memory").isMissingNode()) {
                    v.accept(c, "resources incomplete: " + r);
                }
            }),
            containers(
                    "health-probes",
                    "startup, liveness and readiness probes on /q/health/started|live|ready",
                    (c, v) -> {
                        for (String[] probe : new String[][] {
                            {"startupProbe", "/q/health/started"},
                            {"livenessProbe", "/q/health/live"},
                            {"readinessProbe", "/q/health/ready"}
                        }) {
                            if (!c.path(probe[0])
                                    .path("httpGet")
                                    .path("path")
                                    .asText()
                                    .equals(probe[1])) {
                                v.accept(c, probe[0] + " is not on " + probe[1]);
                            }
                        }
                    }),
            pods(
                    "graceful-shutdown",
                    "terminationGracePeriodSeconds exceeds the services' shutdown timeout",
                    (pod, c, v) -> {
                        long grace = pod.path("terminationGracePeriodSeconds").asLong(30);
                        if (grace <= shutdownTimeout().toSeconds() + 5) {
                            v.accept(
                                    c,
                                    "grace period " + grace + " s, shutdown timeout "
                                            + shutdownTimeout().toSeconds() + " s");
                        }
                    }),
            pods("writable-tmp", "/tmp is an emptyDir, as the root filesystem is read-only", (pod, c, v) -> {
                boolean ok = false;
                for (JsonNode mount : c.path("volumeMounts")) {
                    if (mount.path("mountPath").asText().equals("/tmp")) {
                        for (JsonNode volume : pod.path("volumes")) {
                            ok |= volume.path("name")
                                            .asText()
                                            .equals(mount.path("name").asText())
                                    && volume.has("emptyDir");
                        }
                    }
                }
                if (!ok) {
                    v.accept(c, "no emptyDir on /tmp");
                }
            }),
            containers("secrets-from-secrets", "credentials come from Secrets, never plain values", (c, v) -> {
                for (JsonNode env : c.path("env")) {
                    if (SECRET_NAME.matcher(env.path("name").asText()).matches()
                            && !env.path("valueFrom").has("secretKeyRef")) {
                        v.accept(c, "env " + env.path("name").asText() + " is not from a Secret");
                    }
                }
            }),
            new PolicyCheck(
                    "no-secrets-in-configmaps",
                    "ConfigMaps hold no credentials",
                    m -> m.ofKind("ConfigMap").stream()
                            .flatMap(cm -> names(cm.path("data")).stream()
                                    .filter(k -> SECRET_NAME.matcher(k).matches())
                                    .map(k -> RenderedManifests.name(cm) + ": key " + k + " looks like a credential"))
                            .toList()),
            new PolicyCheck(
                    "dedicated-service-account",
                    "each workload has its own ServiceAccount without an API token",
                    m -> m.ofKind("Deployment").stream()
                            .flatMap(d -> {
                                JsonNode spec = d.path("spec").path("template").path("spec");
                                String sa = spec.path("serviceAccountName").asText("default");
                                List<String> v = new ArrayList<>();
                                if (sa.equals("default")
                                        || m.ofKind("ServiceAccount").stream()
                                                .noneMatch(s -> s.path("metadata")
                                                        .path("name")
                                                        .asText()
                                                        .equals(sa))) {
                                    v.add(RenderedManifests.name(d) + ": no dedicated ServiceAccount");
                                }
                                if (spec.path("automountServiceAccountToken").asBoolean(true)) {
                                    v.add(RenderedManifests.name(d) + ": mounts an API token");
                                }
                                return v.stream();
                            })
                            .toList()),
            new PolicyCheck(
                    "disruption-budget-and-autoscaler",
                    "each Deployment has a PodDisruptionBudget and a CPU HorizontalPodAutoscaler",
                    m -> m.ofKind("Deployment").stream()
                            .flatMap(d -> {
                                String name = d.path("metadata").path("name").asText();
                                JsonNode labels =
                                        d.path("spec").path("selector").path("matchLabels");
                                List<String> v = new ArrayList<>();
                                if (m.ofKind("PodDisruptionBudget").stream()
                                        .noneMatch(p -> p.path("spec")
                                                .path("selector")
                                                .path("matchLabels")
                                                .equals(labels))) {
                                    v.add(RenderedManifests.name(d) + ": no PodDisruptionBudget");
                                }
                                if (m.ofKind("HorizontalPodAutoscaler").stream()
                                        .noneMatch(h -> h.path("spec")
                                                        .path("scaleTargetRef")
                                                        .path("name")
                                                        .asText()
                                                        .equals(name)
                                                && h.path("spec")
                                                        .path("metrics")
                                                        .toString()
                                                        .contains("\"cpu\""))) {
                                    v.add(RenderedManifests.name(d) + ": no CPU HorizontalPodAutoscaler");
                                }
                                return v.stream();
                            })
                            .toList()),
            new PolicyCheck("network-policies", "deny-all by default, and each workload has its own allow rules", m -> {
                List<String> v = new ArrayList<>();
                boolean denyAll = m.ofKind("NetworkPolicy").stream()
                        .anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                                && p.path("spec").path("policyTypes").toString().contains("Ingress")
                                && p.path("spec").path("policyTypes").toString().contains("Egress")
                                && p.path("spec").path("ingress").isMissingNode()
                                && p.path("spec").path("egress").isMissingNode());
                if (!denyAll) {
                    v.add("no default deny-all NetworkPolicy");
                }
                m.ofKind("Deployment").forEach(d -> {
                    JsonNode labels = d.path("spec").path("selector").path("matchLabels");
                    if (m.ofKind("NetworkPolicy").stream()
                            .noneMatch(p -> p.path("spec")
                                    .path("podSelector")
                                    .path("matchLabels")
                                    .equals(labels))) {
                        v.add(RenderedManifests.name(d) + ": no NetworkPolicy of its own");
                    }
                });
                return v;
            }),
            new PolicyCheck(
                    "kafka-topics",
                    "every topic and dead-letter topic the services use exists with 3 replicas and min.insync.replicas 2, and no other",
                    m -> {
                        List<String> v = new ArrayList<>();
                        Set<String> used = ServiceConfig.topics();
                        m.ofKind("KafkaTopic").stream()
                                .map(t -> t.path("spec").path("topicName").asText())
                                .filter(t -> !used.contains(t))
                                .forEach(t ->
                                        v.add("KafkaTopic " + t + ": no service's application.properties uses it"));
                        for (String topic : used) {
                            var kt = m.ofKind("KafkaTopic").stream()
                                    .filter(t -> t.path("spec")
                                            .path("topicName")
                                            .asText()
                                            .equals(topic))
                                    .findFirst();
                            if (kt.isEmpty()) {
                                v.add("no KafkaTopic for " + topic);
                            } else if (kt.get().path("spec").path("replicas").asInt() != 3
                                    || !kt.get()
                                            .path("spec")
                                            .path("config")
                                            .path("min.insync.replicas")
                                            .asText()
                                            .equals("2")) {
                                v.add("KafkaTopic " + topic + " needs replicas 3 and min.insync.replicas 2");
                            }
                        }
                        return v;
                    }),
            new PolicyCheck(
                    "kafka-least-privilege",
                    "each service's KafkaUser reads exactly the topics it consumes, writes exactly the topics it publishes,"
                            + " reads and writes its own dead-letter topics (to dead-letter and replay), and joins only"
                            + " the consumer group named after it, the one its channels use",
                    m -> {
                        List<String> v = new ArrayList<>();
                        for (String service : ServiceConfig.SERVICES) {
                            var user = m.ofKind("KafkaUser").stream()
                                    .filter(u -> u.path("metadata")
                                            .path("name")
                                            .asText()
                                            .equals(service))
                                    .findFirst();
                            if (user.isEmpty()) {
                                v.add("no KafkaUser " + service);
                                continue;
                            }
                            Set<String> readable = new TreeSet<>();
                            Set<String> writable = new TreeSet<>();
                            Set<String> groups = new TreeSet<>();
                            for (JsonNode acl : user.get()
                                    .path("spec")
                                    .path("authorization")
                                    .path("acls")) {
                                String type = acl.path("resource").path("type").asText();
                                String name = acl.path("resource").path("name").asText();
                                boolean literal = acl.path("resource")
                                                .path("patternType")
                                                .asText("literal")
                                                .equals("literal")
                                        && !name.contains("*");
                                Set<String> operations = new TreeSet<>();
                                acl.path("operations").forEach(o -> operations.add(o.asText()));
                                if (type.equals("topic")) {
                                    if (!literal) {
                                        v.add(service + ": topic ACL " + name + " is not a single literal topic");
                                    }
                                    if (operations.contains("Read") || operations.contains("All")) {
                                        readable.add(name);
                                    }
                                    if (operations.contains("Write") || operations.contains("All")) {
                                        writable.add(name);
                                    }
                                } else if (type.equals("group")) {
                                    if (!literal) {
                                        v.add(service + ": group ACL " + name + " is not a single literal group");
                                    }
                                    groups.add(name);
                                }
                            }
                            Set<String> deadLetters = ServiceConfig.deadLetterTopics(service);
                            Set<String> consumed = ServiceConfig.consumedTopics(service);
                            consumed.addAll(deadLetters);
                            compare(v, service, "read", readable, consumed);
                            Set<String> produced = ServiceConfig.producedTopics(service);
                            produced.addAll(deadLetters);
                            compare(v, service, "write", writable, produced);
                            if (!groups.equals(Set.of(service))) {
                                v.add(service + ": group ACLs " + groups + ", expected only " + service);
                            }
                            if (!ServiceConfig.groups(service).equals(Set.of(service))) {
                                v.add(service + ": its channels join groups " + ServiceConfig.groups(service)
                                        + ", but its KafkaUser may join only " + service);
                            }
                        }
                        return v;
                    }),
            new PolicyCheck(
                    "kafka-cluster-durability",
                    "3 KRaft nodes; the cluster defaults to replication 3 and min.insync.replicas 2",
                    m -> {
                        List<String> v = new ArrayList<>();
                        if (m.ofKind("KafkaNodePool").stream()
                                        .mapToInt(p ->
                                                p.path("spec").path("replicas").asInt())
                                        .sum()
                                < 3) {
                            v.add("fewer than 3 Kafka nodes");
                        }
                        m.ofKind("Kafka").forEach(k -> {
                            JsonNode config = k.path("spec").path("kafka").path("config");
                            if (config.path("min.insync.replicas").asInt() != 2
                                    || config.path("default.replication.factor").asInt() != 3) {
                                v.add(RenderedManifests.name(k) + ": replication defaults too weak");
                            }
                        });
                        return v;
                    }));

    private interface ContainerRule {
        void check(JsonNode pod, JsonNode container, BiConsumer<JsonNode, String> violation);
    }

    private static PolicyCheck containers(
            String id, String rule, BiConsumer<JsonNode, BiConsumer<JsonNode, String>> check) {
        return pods(id, rule, (pod, c, v) -> check.accept(c, v));
    }

    private static PolicyCheck pods(String id, String rule, ContainerRule check) {
        return new PolicyCheck(id, rule, m -> {
            List<String> violations = new ArrayList<>();
            for (JsonNode workload : m.ofKind("Deployment")) {
                JsonNode pod = workload.path("spec").path("template").path("spec");
                for (JsonNode container : pod.path("containers")) {
                    check.check(
                            pod,
                            container,
                            (c, message) -> violations.add(RenderedManifests.name(workload) + "/"
                                    + c.path("name").asText() + ": " + message));
                }
            }
            return violations;
        });
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Reports topics a service may {@code operation} but should not, and those it should but may not. */
    private static void compare(
            List<String> violations, String service, String operation, Set<String> allowed, Set<String> needed) {
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(allowed);
        if (!missing.isEmpty()) {
            violations.add(service + ": may not " + operation + " " + missing);
        }
        Set<String> extra = new TreeSet<>(allowed);
        extra.removeAll(needed);
        if (!extra.isEmpty()) {
            violations.add(service + ": may " + operation + " topics it has no use for: " + extra);
        }
    }

    /** The services' graceful-shutdown timeout, from the shared configuration. */
    static Duration shutdownTimeout() {
        Properties chassis = ServiceConfig.load(
                REPO.resolve("platform/chassis/src/main/resources/META-INF/microprofile-config.properties"));
        return Duration.parse(
                "PT" + chassis.getProperty("quarkus.shutdown.timeout", "10s").toUpperCase());
    }
}
