package com.dcbeacon.platform.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) in its own JVM.
 *
 * <p>Its own process keeps the broker's Scala and logging libraries off the service classpath and
 * lets tests kill it for real. Uses only the JDK, so any module can launch it.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";
    private static final String LOG_CONFIG = "kafka-broker-log4j2.properties";

    /** Starts of a broker whose ports were picked here, each on fresh ports when the last ones were taken. */
    private static final int START_ATTEMPTS = 3;

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final boolean portsPicked;
    private final String javaExecutable;
    private int port;
    private int controllerPort;
    private Process process;

    private KafkaBroker(Path directory, int port, int controllerPort, boolean portsPicked, String javaExecutable) {
        this.directory = directory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.portsPicked = portsPicked;
        this.javaExecutable = javaExecutable;
    }

    /**
     * A broker keeping its data in {@code directory}. Port 0 picks free ports. The data directory is
     * formatted on first use only, so a restarted broker keeps its topics and offsets. When the picked ports are taken
     * by the time the first start binds them, that start is retried on fresh ones; read {@link #bootstrapServers()}
     * after {@link #start}.
     */
    public static KafkaBroker in(Path directory, int port) {
        int brokerPort = port == 0 ? freePort() : port;
        int controller = port == 0 ? freePort() : port + 1;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new KafkaBroker(directory, brokerPort, controller, port == 0, java);
    }

    public synchronized String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    public synchronized void start(Duration timeout) {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(directory);
            for (int attempt = 1; ; attempt++) {
                Path config = writeConfig();
                Path logs = directory.resolve("logs");
                if (!Files.exists(logs.resolve("meta.properties"))) {
                    run(
                            List.of(
                                    "kafka.tools.StorageTool",
                                    "format",
                                    "--ignore-formatted",
                                    "-t",
                                    clusterId(),
                                    "-c",
                                    config.toString()),
                            directory.resolve("format.log"));
                }
                Path log = directory.resolve("broker.log");
                long logStart = Files.exists(log) ? Files.size(log) : 0;
                ProcessBuilder builder = new ProcessBuilder(command(List.of("kafka.Kafka", config.toString())))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                process = builder.start();
                if (awaitReady(timeout, logStart)) {
                    return;
                }
                String output = logSince(logStart);
                if (!(portsPicked && attempt < START_ATTEMPTS && output.contains("Address already in use"))) {
                    throw new IllegalStateException("Kafka broker exited at start (code " + process.exitValue()
                            + "), see " + log + "; its last lines:\n" + lastLines(output, 20));
                }
                port = freePort();
                controllerPort = freePort();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker in " + directory, e);
        }
    }

    /** Stops the broker: gracefully, or with SIGKILL when {@code kill} (a crash, for fault tests). */
    public synchronized void stop(boolean kill) {
        if (process == null) {
            return;
        }
        if (kill) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        stop(false);
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private Path writeConfig() throws IOException {
        Path config = directory.resolve("server.properties");
        String properties = String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "inter.broker.listener.name=PLAINTEXT",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + directory.resolve("logs"),
                        "num.partitions=3",
                        "auto.create.topics.enable=true",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=3",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "")
                + "\n";
        Files.writeString(config, properties, StandardCharsets.UTF_8);
        return config;
    }

    private List<String> command(List<String> mainAndArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable,
                "-Xms128m",
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Dlog4j2.configurationFile=" + logConfig(),
                "-cp",
                classpath()));
        command.addAll(mainAndArgs);
        return command;
    }

    private void run(List<String> mainAndArgs, Path log) throws IOException {
        Process tool = new ProcessBuilder(command(mainAndArgs))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!tool.waitFor(60, TimeUnit.SECONDS) || tool.exitValue() != 0) {
                tool.destroyForcibly();
                throw new IllegalStateException("Kafka storage format failed, see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while formatting Kafka storage", e);
        }
    }

    /** True once the broker serves; false when it exited first. Reads only the log written since {@code logStart}. */
    private boolean awaitReady(Duration timeout, long logStart) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                return false;
            }
            if (accepts(port) && logSince(logStart).contains("Kafka Server started")) {
                return true;
            }
            sleep(100);
        }
        stop(true);
        throw new IllegalStateException(
                "Kafka broker not ready within " + timeout + ", see " + directory.resolve("broker.log"));
    }

    private String logSince(long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(directory.resolve("broker.log"))) {
            channel.position(offset);
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private String logConfig() throws IOException {
        Path target = directory.resolve(LOG_CONFIG);
        try (InputStream in = resource(LOG_CONFIG)) {
            Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return target.toString();
    }

    private static String classpath() throws IOException {
        try (InputStream in = resource(CLASSPATH_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
    }

    private static InputStream resource(String name) {
        InputStream in = KafkaBroker.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException(name + " not found: build platform/kafka-broker first");
        }
        return in;
    }

    /**
     * A random cluster id (16 bytes, base64url, as Kafka's own). Never one starting with '-': the storage tool would read
     * it as an option and fail ("expected one argument"), one start in 64.
     */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        String id;
        do {
            new SecureRandom().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A TCP port nobody listens on, for a server of this machine's tests or local stack. Never the same twice in one
     * JVM, and taken below the kernel's ephemeral range ({@code /proc/sys/net/ipv4/ip_local_port_range}) where it can
     * be, so that no outgoing connection of Kafka clients or JDBC pools can occupy it between this check and the
     * server's bind. Elsewhere, a port the kernel picks.
     */
    public static int freePort() {
        int ephemeralLow = ephemeralRangeStart();
        int low = 10_000;
        for (int tries = 0; ephemeralLow - low > 1_000 && tries < 200; tries++) {
            int candidate = ThreadLocalRandom.current().nextInt(low, ephemeralLow);
            if (bindable(candidate) && HANDED_OUT.add(candidate)) {
                return candidate;
            }
        }
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int ephemeralRangeStart() {
        try {
            // A /proc file reports size 0: read it line by line, not by size.
            String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                    .get(0);
            return Integer.parseInt(range.trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }
}
