package com.dcbeacon.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged service ({@code target/quarkus-app/quarkus-run.jar}) running as its own operating-system process,
 * started the way {@code deploy/local/run.sh} starts it, so tests can kill it for real.
 */
final class ServiceProcess {

    private static final HttpClient PROBE =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final String name;
    private final int port;
    private final Path builtJar;
    private Path jar;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private Process process;
    private Duration lastStartup;

    ServiceProcess(
            String name, int port, Path jar, Map<String, String> environment, List<String> jvmOptions, Path log) {
        this.name = name;
        this.port = port;
        this.builtJar = jar;
        this.jar = jar;
        this.environment = environment;
        this.jvmOptions = jvmOptions;
        this.log = log;
    }

    /**
     * Another build of the same service, e.g. the commit before a change, with this one's environment and JVM options
     * on a port of its own; not started.
     */
    ServiceProcess otherBuild(String otherName, Path otherJar, Path otherLog) {
        int otherPort = PlatformUnderTest.freePort();
        Map<String, String> otherEnvironment = new java.util.HashMap<>(environment);
        otherEnvironment.put("QUARKUS_HTTP_PORT", Integer.toString(otherPort));
        return new ServiceProcess(otherName, otherPort, otherJar, otherEnvironment, jvmOptions, otherLog);
    }

    /**
     * Another replica of this service (same build, environment and JVM options, with {@code extraEnvironment}) on a port
     * of its own; not started.
     */
    ServiceProcess replica(String otherName, Map<String, String> extraEnvironment, Path otherLog) {
        ServiceProcess replica = otherBuild(otherName, jar, otherLog);
        replica.environment.putAll(extraEnvironment);
        return replica;
    }

    String name() {
        return name;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The address a browser uses: {@code localhost}, the host name the identity provider's redirects allow. */
    String publicUrl() {
        return "http://localhost:" + port;
    }

    /** Starts the process and waits until its readiness probe answers UP. */
    synchronized void start(Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: package the services first (./mvnw -B package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment);
        long began = System.nanoTime();
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        awaitReady(timeout);
        lastStartup = Duration.ofNanos(System.nanoTime() - began);
    }

    /** Stops gracefully and starts again with some environment variables changed, e.g. to compare settings. */
    synchronized void restartWith(Map<String, String> changedEnvironment, Duration timeout) {
        restartWith(changedEnvironment, null, timeout);
    }

    /**
     * The same, running {@code otherJar} (another build of the service, e.g. to compare code) from now on; with null, the
     * build this process was made with.
     */
    synchronized void restartWith(Map<String, String> changedEnvironment, Path otherJar, Duration timeout) {
        stop();
        environment.putAll(changedEnvironment);
        jar = otherJar == null ? builtJar : otherJar;
        start(timeout);
    }

    /** A crash: SIGKILL, no shutdown hooks, no graceful close of consumers or connections. */
    synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit();
        }
    }

    /** A graceful stop (SIGTERM). */
    synchronized void stop() {
        if (process != null) {
            process.destroy();
            waitForExit();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /**
     * Starts a flight recording of {@code duration} into {@code file} (JFR's {@code profile} settings: execution
     * samples every 10 ms), for {@code jfr view hot-methods FILE} once it has ended.
     */
    void startFlightRecording(Duration duration, Path file) throws IOException, InterruptedException {
        new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                        Long.toString(pid()),
                        "JFR.start",
                        "settings=profile",
                        "duration=" + duration.toSeconds() + "s",
                        "filename=" + file.toAbsolutePath())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start()
                .waitFor();
    }

    /** Time from launching the JVM to the first UP answer of the readiness probe, for the last start. */
    Duration lastStartup() {
        return lastStartup;
    }

    /** Resident set size of the process in KiB, from {@code /proc}. */
    long residentKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + name);
    }

    boolean isReady() {
        try {
            HttpResponse<Void> answer = PROBE.send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
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

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        name + " exited at start (code " + process.exitValue() + "), see " + log);
            }
            if (isReady()) {
                return;
            }
            sleep(100);
        }
        kill();
        throw new IllegalStateException(name + " not ready within " + timeout + ", see " + log);
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
