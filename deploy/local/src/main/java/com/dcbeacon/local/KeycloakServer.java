package com.dcbeacon.local;

import com.dcbeacon.platform.kafka.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The platform's identity provider: a real Keycloak server from its Maven Central distribution ({@code
 * org.keycloak:keycloak-quarkus-dist}, unpacked by this module's build into {@code target/keycloak-<version>}), run as
 * its own process with the realm of {@code deploy/keycloak/dcbeacon-realm.json} imported at every start. Its database
 * is in memory ({@code dev-mem}): realm, demo users and anything added at run time are gone when it stops, so no run
 * depends on an earlier one. The distribution is built once for that database ({@code kc.sh build}); later starts are
 * {@code --optimized}.
 *
 * <p>Used by the system tests (once per test JVM) and, through {@link #main}, by {@code deploy/local/run.sh}. Uses only
 * the JDK.
 */
public final class KeycloakServer implements AutoCloseable {

    public static final String REALM = "dcbeacon";
    /** The audience every service requires of a token ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "dcbeacon-services";
    /** The public client scripts and tests take a user's token from (direct access grant). */
    public static final String SCRIPTS_CLIENT = "dcbeacon-scripts";
    /** The bootstrap administrator of the master realm. */
    public static final String ADMIN = "admin";

    /** Build-time options; the server starts only with a distribution built for exactly these. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=dev-mem", "--health-enabled=false");

    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final Path home;
    private final Path realm;
    private final Path log;
    private final int port;
    private final String adminPassword;
    private Process process;
    private Duration lastStartup;

    private KeycloakServer(Path home, Path realm, Path log, int port, String adminPassword) {
        this.home = home;
        this.realm = realm;
        this.log = log;
        this.port = port;
        this.adminPassword = adminPassword;
    }

    /** A server of the distribution in {@code home}, importing {@code realm}, logging to {@code log}; port 0 picks one. */
    public static KeycloakServer of(Path home, Path realm, Path log, int port, String adminPassword) {
        return new KeycloakServer(
                home.toAbsolutePath().normalize(),
                realm.toAbsolutePath().normalize(),
                log.toAbsolutePath(),
                port == 0 ? KafkaBroker.freePort() : port,
                adminPassword);
    }

    /** Where programs reach the server (its loopback address); the issuer stays {@link #publicUrl()}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * The server's own address, in its pages, redirects and tokens: {@code localhost}, not an IP address, because a
     * browser refuses passkeys (WebAuthn) on a page whose host is an IP address.
     */
    public String publicUrl() {
        return "http://localhost:" + port;
    }

    /** The {@code iss} of the realm's tokens ({@code mp.jwt.verify.issuer}), whatever address a client used. */
    public String issuer() {
        return publicUrl() + "/realms/" + REALM;
    }

    /** The realm's signing keys as a JWK set ({@code mp.jwt.verify.publickey.location}). */
    public String jwksUrl() {
        return realmUrl() + "/protocol/openid-connect/certs";
    }

    public String tokenUrl() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    /** The start of the browser sign-in (authorization endpoint), at the address the browser uses. */
    public String authorizationUrl() {
        return issuer() + "/protocol/openid-connect/auth";
    }

    private String realmUrl() {
        return baseUrl() + "/realms/" + REALM;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** Time from launching the server to the first answer of the realm's discovery document, for the last start. */
    public Duration lastStartup() {
        return lastStartup;
    }

    /** Resident set size of the server's JVM in KiB, from {@code /proc}. */
    public long residentKiB() {
        long pid = process.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst()
                .orElse(process.toHandle())
                .pid();
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for Keycloak (pid " + pid + ")");
    }

    /** Builds the distribution if needed, starts the server and waits until the realm answers. */
    public synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            throw new IllegalStateException(home + " holds no Keycloak distribution: build deploy/local first");
        }
        long began = System.nanoTime();
        try {
            Files.createDirectories(log.getParent());
            buildOnce();
            Path imports = Files.createDirectories(home.resolve("data/import"));
            Path staged = Files.copy(
                    realm,
                    imports.resolve(".realm-" + ProcessHandle.current().pid()),
                    StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, imports.resolve(REALM + "-realm.json"), StandardCopyOption.ATOMIC_MOVE);
            long logStart = Files.exists(log) ? Files.size(log) : 0;
            List<String> command = new ArrayList<>(List.of(
                    home.resolve("bin/kc.sh").toString(),
                    "start",
                    "--optimized",
                    "--import-realm",
                    "--http-enabled=true",
                    "--http-host=127.0.0.1",
                    "--http-port=" + port,
                    // a fixed issuer, whatever address a client uses
                    "--hostname=" + publicUrl()));
            process = kcProcess(command)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            awaitReady(timeout, logStart);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Keycloak from " + home, e);
        }
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
    }

    /** Stops the server gracefully (SIGTERM, which kc.sh passes on to its JVM), then forcibly what is left. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> jvm = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        jvm.forEach(ProcessHandle::destroyForcibly);
        process = null;
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private ProcessBuilder kcProcess(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        environment.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        environment.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        return builder;
    }

    /**
     * Runs {@code kc.sh build} unless the distribution was built for {@link #BUILD_OPTIONS} already: a marker records
     * the options and a digest of the build's output, so an unpacked-again distribution is built again. Locked, so two
     * launchers on one distribution do not build at once.
     */
    private void buildOnce() throws IOException {
        Path marker = home.resolve("lib/quarkus/dcbeacon-build");
        try (FileChannel channel = FileChannel.open(
                        home.resolve("lib/dcbeacon-build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            if (Files.exists(marker) && Files.readString(marker).equals(buildStamp())) {
                return;
            }
            List<String> command =
                    new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
            command.addAll(BUILD_OPTIONS);
            Path buildLog = log.resolveSibling("keycloak-build.log");
            Process build = kcProcess(command).redirectOutput(buildLog.toFile()).start();
            if (!build.waitFor(10, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed, see " + buildLog + "; its last lines:\n"
                        + lastLines(Files.readString(buildLog), 20));
            }
            Files.writeString(marker, buildStamp());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building Keycloak", e);
        }
    }

    private String buildStamp() throws IOException {
        Path application = home.resolve("lib/quarkus/quarkus-application.dat");
        String digest = "none";
        if (Files.exists(application)) {
            try (InputStream in = Files.newInputStream(application)) {
                digest = HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(" ", BUILD_OPTIONS) + "\n" + digest + "\n";
    }

    private void awaitReady(Duration timeout, long logStart) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited at start (code " + process.exitValue() + "), see "
                        + log + "; its last lines:\n" + lastLines(logSince(logStart), 20));
            }
            if (answers(realmUrl() + "/.well-known/openid-configuration")) {
                return;
            }
            sleep(250);
        }
        String output = logSince(logStart);
        stop();
        throw new IllegalStateException("Keycloak not ready within " + timeout + ", see " + log + "; its last lines:\n"
                + lastLines(output, 20));
    }

    private static boolean answers(String url) {
        try {
            HttpResponse<Void> answer = PROBE.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return answer.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private String logSince(long offset) {
        try (FileChannel channel = FileChannel.open(log)) {
            channel.position(offset);
            return new String(
                    java.nio.channels.Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Keycloak", e);
        }
    }

    /**
     * For {@code deploy/local/run.sh}: {@code KeycloakServer HOME REALM_FILE LOG PORT}, the administrator's password in
     * {@code KC_BOOTSTRAP_ADMIN_PASSWORD}. Prints {@code READY} once the realm answers and runs until stopped.
     */
    public static void main(String[] args) throws InterruptedException {
        String password = System.getenv("KC_BOOTSTRAP_ADMIN_PASSWORD");
        if (args.length != 4 || password == null || password.isBlank()) {
            System.err.println("usage: KC_BOOTSTRAP_ADMIN_PASSWORD=... KeycloakServer HOME REALM_FILE LOG PORT");
            System.exit(2);
        }
        KeycloakServer server = KeycloakServer.of(
                Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Integer.parseInt(args[3]), password);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }));
        server.start(Duration.ofSeconds(300));
        System.out.printf(
                "READY Keycloak %s in %d ms%n",
                server.issuer(), server.lastStartup().toMillis());
        System.out.flush();
        while (server.isRunning()) {
            if (stopped.await(2, TimeUnit.SECONDS)) {
                return;
            }
        }
        System.err.println("Keycloak stopped on its own, see " + args[2]);
        System.exit(1);
    }
}
