package com.dcbeacon.local;

import com.dcbeacon.platform.databases.PostgresDatabases;
import com.dcbeacon.platform.kafka.KafkaBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The infrastructure of the local stack: a real PostgreSQL server with one database per service and
 * a real Kafka broker with the platform's topics, both keeping their data under one folder so a
 * restart keeps it, and a mail catcher (GreenMail) that takes every mail member-service sends and shows it through
 * its web API (mail is kept in memory only). Runs until stopped (SIGTERM or Ctrl-C).
 *
 * <p>Usage: {@code LocalInfrastructure DATA_DIR POSTGRES_PORT KAFKA_PORT SMTP_PORT MAIL_WEB_PORT GREENMAIL_JAR}
 */
public final class LocalInfrastructure {

    static final List<String> DATABASES = List.of("member", "brand", "box", "feedback");
    static final List<String> SERVICES = List.of("member-service", "brand-service", "box-service", "feedback-service");
    /**
     * The services' own application.properties, which the build copies into this jar under {@code
     * consumers/<service>/}: the local stack creates exactly the topics and dead-letter topics they consume from.
     */
    private static final List<Properties> CONFIG = config();

    private static final String INCOMING = "mp.messaging.incoming.";
    private static final String DEAD_LETTER_TOPIC = ".dead-letter-queue.topic";

    /** Every topic a service consumes: each {@code mp.messaging.incoming.<channel>.topic}. */
    static final List<String> TOPICS = configured(k -> k.endsWith(".topic") && !k.endsWith(DEAD_LETTER_TOPIC));

    /**
     * Every dead-letter topic the services name ({@code mp.messaging.incoming.<channel>.dead-letter-queue.topic}), as
     * configured: the build checks that each is {@code <topic>.dlq.<service>} (deploy/k8s, {@code DeadLetterTopicsTest}).
     */
    public static final List<String> DEAD_LETTER_TOPICS = configured(k -> k.endsWith(DEAD_LETTER_TOPIC));

    private static final int PARTITIONS = 3;

    private LocalInfrastructure() {}

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "deploy/local/data").toAbsolutePath();
        int postgresPort = args.length > 1 ? Integer.parseInt(args[1]) : 15432;
        int kafkaPort = args.length > 2 ? Integer.parseInt(args[2]) : 19092;
        int smtpPort = args.length > 3 ? Integer.parseInt(args[3]) : 12525;
        int mailWebPort = args.length > 4 ? Integer.parseInt(args[4]) : 18025;
        Path greenMailJar =
                Path.of(args.length > 5 ? args[5] : "deploy/local/target/mail-catcher/greenmail-standalone.jar");

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(data.resolve("postgres-bin").toFile())
                .setDataDirectory(data.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setPort(postgresPort)
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        createDatabases(postgres);

        KafkaBroker kafka = KafkaBroker.in(data.resolve("kafka"), kafkaPort);
        kafka.start(Duration.ofSeconds(120));
        createTopics(kafka.bootstrapServers());

        startMailCatcher(greenMailJar, smtpPort, mailWebPort);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.stop(false);
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
            stopped.countDown();
        }));
        System.out.printf(
                "READY postgres=127.0.0.1:%d kafka=%s smtp=127.0.0.1:%d mail=http://127.0.0.1:%d%n",
                postgresPort, kafka.bootstrapServers(), smtpPort, mailWebPort);
        System.out.flush();
        stopped.await();
    }

    /**
     * GreenMail standalone with SMTP on {@code smtpPort} and its web API on {@code webPort}, both on 127.0.0.1. Its jar
     * bundles its own logging, Jackson and Jersey, so it runs in a class loader of its own instead of on the classpath.
     * Every recipient gets a mailbox on first delivery; mail lives in memory until the stack stops.
     */
    static void startMailCatcher(Path jar, int smtpPort, int webPort) throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build deploy/local with Maven");
        }
        Properties setup = new Properties();
        setup.setProperty("greenmail.smtp.hostname", "127.0.0.1");
        setup.setProperty("greenmail.smtp.port", String.valueOf(smtpPort));
        setup.setProperty("greenmail.api.hostname", "127.0.0.1");
        setup.setProperty("greenmail.api.port", String.valueOf(webPort));
        // Lives as long as the JVM: GreenMail's threads keep using it
        URLClassLoader loader =
                new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Thread current = Thread.currentThread();
        ClassLoader previous = current.getContextClassLoader();
        current.setContextClassLoader(loader); // Jersey and Log4j find their services through it
        try {
            Class<?> runner = loader.loadClass("com.icegreen.greenmail.standalone.GreenMailStandaloneRunner");
            runner.getMethod("doRun", Properties.class)
                    .invoke(runner.getConstructor().newInstance(), setup);
        } finally {
            current.setContextClassLoader(previous);
        }
    }

    private static void createDatabases(EmbeddedPostgres postgres) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            for (String database : DATABASES) {
                PostgresDatabases.createIfMissing(c, database);
            }
        }
    }

    private static List<Properties> config() {
        List<Properties> config = new ArrayList<>();
        for (String service : SERVICES) {
            String resource = "/consumers/" + service + "/application.properties";
            Properties properties = new Properties();
            try (InputStream in = LocalInfrastructure.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing: build deploy/local with Maven");
                }
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            config.add(properties);
        }
        return List.copyOf(config);
    }

    /** The values of one attribute of every incoming channel of every service, each once. */
    private static List<String> configured(Predicate<String> attribute) {
        return CONFIG.stream()
                .flatMap(config -> config.stringPropertyNames().stream()
                        .filter(k -> k.startsWith(INCOMING) && attribute.test(k))
                        .map(config::getProperty))
                .distinct()
                .sorted()
                .toList();
    }

    /** Creates the platform's topics and each consumer's dead-letter topic, where missing. */
    public static void createTopics(String bootstrapServers) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = Stream.concat(TOPICS.stream(), DEAD_LETTER_TOPICS.stream())
                    .filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1))
                    .collect(Collectors.toList());
            admin.createTopics(missing).all().get();
        }
    }
}
