package com.dcbeacon.system;

import static org.awaitility.Awaitility.await;

import com.dcbeacon.local.KeycloakServer;
import com.dcbeacon.local.LocalInfrastructure;
import com.dcbeacon.platform.databases.PostgresDatabases;
import com.dcbeacon.platform.kafka.KafkaBroker;
import com.dcbeacon.platform.testing.TokenIssuer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * The whole platform as separate processes, started as {@code deploy/local/run.sh} starts it: a real Kafka broker
 * (KRaft, own JVM), one real PostgreSQL server per service (so one service's database can be restarted alone), and
 * the four packaged services, with a mail catcher (GreenMail, in this JVM) for member-service's mail. One instance per test JVM; logs and data stay under {@code target/system/}. Its services
 * verify tokens of a development key ({@link #tokens()}); a platform {@linkplain #sharedWithIdentityProvider() with the
 * identity provider} runs Keycloak beside them, and its services verify only the provider's tokens.
 */
final class PlatformUnderTest {

    static final String JWT_ISSUER = "https://auth.dcbeacon.system-test";
    private static final Duration SERVICE_START_LIMIT = Duration.ofSeconds(180);
    /** Its first start in a fresh build includes building the distribution (kc.sh build), a minute or two. */
    private static final Duration IDENTITY_PROVIDER_START_LIMIT = Duration.ofSeconds(420);

    enum Service {
        MEMBER("member-service", "member"),
        BRAND("brand-service", "brand"),
        BOX("box-service", "box"),
        FEEDBACK("feedback-service", "feedback");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = database;
        }
    }

    /** How long previews may take to be mailed: see {@link #awaitPreviewsMailed}. */
    private static final Duration PREVIEW_BACKLOG = Duration.ofSeconds(300);

    private static PlatformUnderTest shared;
    private static PlatformUnderTest sharedWithIdentityProvider;

    private final Path work;
    private final KafkaBroker kafka;
    private final Map<Service, Integer> postgresPorts = new EnumMap<>(Service.class);
    private final Map<Service, EmbeddedPostgres> postgres = new EnumMap<>(Service.class);
    private final Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
    private ServiceProcess webPortal;
    private final TokenIssuer tokens;
    private final KeycloakServer identityProvider;
    /** Takes every mail member-service sends: a box is charged only if its preview was mailed. */
    private final GreenMail mailCatcher;

    private PlatformUnderTest(Path work, Map<String, String> extraEnvironment, boolean withIdentityProvider) {
        this.work = work;
        long began = System.nanoTime();
        this.tokens = TokenIssuer.withNewKeys(JWT_ISSUER);
        Path publicKey = write(work.resolve("jwt-public.pem"), tokens.publicKeyPem());
        Path root = Path.of(System.getProperty("dcbeacon.root", "../.."))
                .toAbsolutePath()
                .normalize();
        identityProvider = withIdentityProvider ? keycloak(root, work) : null;
        CompletableFuture<Void> identityProviderReady = identityProvider == null
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.runAsync(() -> identityProvider.start(IDENTITY_PROVIDER_START_LIMIT));
        for (Service service : Service.values()) {
            postgresPorts.put(service, freePort());
        }
        CompletableFuture<Void> databases = CompletableFuture.runAsync(() -> List.of(Service.values()).parallelStream()
                .forEach(service -> postgres.put(service, startPostgres(service))));
        kafka = KafkaBroker.in(work.resolve("kafka"), 0);
        kafka.start(Duration.ofSeconds(120));
        try {
            LocalInfrastructure.createTopics(kafka.bootstrapServers());
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the platform's topics", e);
        }
        databases.join();
        mailCatcher = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mailCatcher.start();
        log("Kafka %s and 4 PostgreSQL servers ready in %d ms", kafka.bootstrapServers(), millisSince(began));

        List<String> jvmOptions = List.of(System.getProperty("dcbeacon.service.jvm", "-Xmx256m -XX:+UseSerialGC")
                .split(" "));
        for (Service service : Service.values()) {
            Map<String, String> environment = new java.util.HashMap<>(Map.of(
                    "QUARKUS_HTTP_PORT", Integer.toString(freePort()),
                    "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(service),
                    "QUARKUS_DATASOURCE_USERNAME", "postgres",
                    "QUARKUS_DATASOURCE_PASSWORD", "postgres",
                    "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                    "MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString(),
                    "MP_JWT_VERIFY_ISSUER", JWT_ISSUER));
            if (service == Service.MEMBER) {
                environment.putAll(Map.of(
                        "QUARKUS_MAILER_HOST", "127.0.0.1",
                        "QUARKUS_MAILER_PORT",
                                Integer.toString(mailCatcher.getSmtp().getPort()),
                        "DCBEACON_MAIL_POLL_INTERVAL", "0.5s",
                        "DCBEACON_MAIL_START_DELAY", "1s",
                        // Boxes ship right after their preview was mailed: the rule is "mailed, and before shipping"
                        "DCBEACON_BOX_PREVIEW_LEAD", "PT0S"));
            }
            if (identityProvider != null) {
                environment.putAll(Map.of(
                        "QUARKUS_PROFILE", "prod,idp",
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", identityProvider.jwksUrl(),
                        "MP_JWT_VERIFY_ISSUER", identityProvider.issuer()));
                if (service == Service.MEMBER) {
                    // links sign-ups to their accounts as the realm's client dcbeacon-member-service
                    environment.putAll(Map.of(
                            "QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL",
                            identityProvider.baseUrl(),
                            "QUARKUS_KEYCLOAK_ADMIN_CLIENT_CLIENT_SECRET",
                            "member-service-local-secret"));
                }
            }
            environment.putAll(extraEnvironment);
            services.put(
                    service,
                    new ServiceProcess(
                            service.module,
                            Integer.parseInt(environment.get("QUARKUS_HTTP_PORT")),
                            root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar"),
                            environment,
                            jvmOptions,
                            work.resolve(service.module + ".log")));
        }
        long servicesBegan = System.nanoTime();
        services.values().parallelStream().forEach(process -> process.start(SERVICE_START_LIMIT));
        log("4 services ready in %d ms (logs in %s)", millisSince(servicesBegan), work);
        if (identityProvider != null) {
            identityProviderReady.join();
            log(
                    "Keycloak %s ready %d ms after its launch (%d MiB resident); platform ready in %d ms",
                    identityProvider.issuer(),
                    identityProvider.lastStartup().toMillis(),
                    identityProvider.residentKiB() / 1024,
                    millisSince(began));
        }
    }

    private static KeycloakServer keycloak(Path root, Path work) {
        Path home = Path.of(System.getProperty(
                "dcbeacon.keycloak.home",
                root.resolve("deploy/local/target/keycloak-" + System.getProperty("dcbeacon.keycloak.version", ""))
                        .toString()));
        return KeycloakServer.of(
                home,
                root.resolve("deploy/keycloak/dcbeacon-realm.json"),
                work.resolve("keycloak.log"),
                0,
                java.util.UUID.randomUUID().toString());
    }

    /**
     * The platform shared by every test class of this JVM, started on first use and stopped at exit. The platform
     * with the identity provider, if one ran, stops first: one platform at a time.
     */
    static synchronized PlatformUnderTest shared() {
        if (shared == null) {
            if (sharedWithIdentityProvider != null) {
                sharedWithIdentityProvider.stop();
                sharedWithIdentityProvider = null;
            }
            shared = start(Map.of());
        }
        return shared;
    }

    /**
     * The platform whose services verify the identity provider's tokens (profile {@code idp}: issuer, signature
     * through the realm's JWKS, audience, lifetime cap) and nothing else; Keycloak starts beside Kafka and PostgreSQL.
     * One per test JVM, shared by the test classes that need the provider (they run first, {@code @Order(0)}), started
     * on first use and stopped when {@link #shared()} starts or at exit.
     */
    static synchronized PlatformUnderTest sharedWithIdentityProvider() {
        if (sharedWithIdentityProvider == null) {
            sharedWithIdentityProvider = start(Map.of(), true);
        }
        return sharedWithIdentityProvider;
    }

    /**
     * The web portal (web-portal's packaged jar) as one more process beside the services, signing in at this
     * platform's identity provider (which lets the portal's client redirect to it) and calling the four services;
     * started on first use, stopped with the platform. Its address uses {@code localhost}, as the provider's pages do.
     */
    synchronized ServiceProcess webPortal() {
        if (webPortal == null) {
            int port = freePort();
            Path root = Path.of(System.getProperty("dcbeacon.root", "../.."))
                    .toAbsolutePath()
                    .normalize();
            webPortal = new ServiceProcess(
                    "web-portal",
                    port,
                    root.resolve("web-portal/target/quarkus-app/quarkus-run.jar"),
                    new java.util.HashMap<>(Map.of(
                            "QUARKUS_HTTP_PORT", Integer.toString(port),
                            "DCBEACON_OIDC_URL", identityProvider().issuer(),
                            "DCBEACON_MEMBER_SERVICE_URL", url(Service.MEMBER),
                            "DCBEACON_BRAND_SERVICE_URL", url(Service.BRAND),
                            "DCBEACON_BOX_SERVICE_URL", url(Service.BOX),
                            "DCBEACON_FEEDBACK_SERVICE_URL", url(Service.FEEDBACK))),
                    List.of(System.getProperty("dcbeacon.service.jvm", "-Xmx256m -XX:+UseSerialGC")
                            .split(" ")),
                    work.resolve("web-portal.log"));
            webPortal.start(SERVICE_START_LIMIT);
            // the realm knows the portal's local address; this one's port is free-chosen, as an administrator adds it
            new ProviderAccounts(identityProvider()).allowRedirect("dcbeacon-web-portal", webPortal.publicUrl() + "/*");
            log(
                    "web portal ready at %s in %d ms",
                    webPortal.publicUrl(), webPortal.lastStartup().toMillis());
        }
        return webPortal;
    }

    /** A platform of its own, e.g. for a benchmark comparing configurations; stopped at exit. */
    static PlatformUnderTest start(Map<String, String> extraEnvironment) {
        return start(extraEnvironment, false);
    }

    private static PlatformUnderTest start(Map<String, String> extraEnvironment, boolean withIdentityProvider) {
        Path base = Path.of(System.getProperty("dcbeacon.system.work", "target/system"));
        Path work = base.resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")));
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        PlatformUnderTest platform = new PlatformUnderTest(work, extraEnvironment, withIdentityProvider);
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "platform-stop"));
        return platform;
    }

    String url(Service service) {
        return services.get(service).baseUrl();
    }

    int postgresPort(Service service) {
        return postgresPorts.get(service);
    }

    ServiceProcess process(Service service) {
        return services.get(service);
    }

    /** Tokens of the development key: refused by a platform started with the identity provider. */
    TokenIssuer tokens() {
        return tokens;
    }

    KeycloakServer identityProvider() {
        if (identityProvider == null) {
            throw new IllegalStateException("this platform runs without the identity provider");
        }
        return identityProvider;
    }

    /**
     * Waits until member-service mailed the preview of each of these boxes as they are now: only a box shipped after
     * the preview of the contents it ships with was mailed (the lead here is zero) is charged. The revision of each
     * box's contents (0 as curated, one more for each change box-service made) is read from box-service's database;
     * the previews from member-service's notification table, their outbox. A curation of every member of the shared
     * platform queues a few hundred previews at once; with one mail at a time they went out at about 4 a second on
     * this machine (2026-12-01), now on four workers: the wait allows for a backlog of two such curations.
     */
    void awaitPreviewsMailed(Collection<UUID> boxes) throws SQLException {
        UUID[] ids = boxes.toArray(UUID[]::new);
        Integer[] revisions = new Integer[ids.length];
        try (Connection c = database(Service.BOX);
                java.sql.PreparedStatement q =
                        c.prepareStatement("select id, contents_revision from box where id = any(?)")) {
            q.setArray(1, c.createArrayOf("uuid", ids));
            java.util.Map<UUID, Integer> byBox = new java.util.HashMap<>();
            try (java.sql.ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    byBox.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            for (int i = 0; i < ids.length; i++) {
                revisions[i] = byBox.getOrDefault(ids[i], 0);
            }
        }
        await().atMost(PREVIEW_BACKLOG).pollInterval(Duration.ofMillis(250)).until(() -> {
            try (Connection c = database(Service.MEMBER);
                    java.sql.PreparedStatement q = c.prepareStatement("select count(*) from notification n"
                            + " join unnest(?::uuid[], ?::int[]) as b(box_id, revision)"
                            + " on n.box_id = b.box_id and n.box_revision = b.revision"
                            + " where n.kind in ('BOX_PREVIEW', 'BOX_CHANGED') and n.mail_sent_at is not null")) {
                q.setArray(1, c.createArrayOf("uuid", ids));
                q.setArray(2, c.createArrayOf("integer", revisions));
                try (java.sql.ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1) == ids.length;
                }
            }
        });
    }

    KafkaBroker kafka() {
        return kafka;
    }

    Connection database(Service service) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(service), "postgres", "postgres");
    }

    /** The number a query with one parameter answers in a service's database, e.g. a count. */
    long queryLong(Service service, String sql, Object parameter) throws SQLException {
        try (Connection c = database(service);
                java.sql.PreparedStatement q = c.prepareStatement(sql)) {
            q.setObject(1, parameter);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The sum of a metric's series on a service since it last started (its Prometheus text on {@code /q/metrics}). */
    double metric(Service service, String name) {
        double sum = 0;
        for (String line : Http.get(url(service) + "/q/metrics", null).raw().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** Stops one service's PostgreSQL server (fast shutdown: open connections are cut) and starts it again. */
    void restartPostgres(Service service, Duration downFor) {
        try {
            postgres.get(service).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess.sleep(downFor.toMillis());
        postgres.put(service, startPostgres(service));
    }

    /**
     * Stops everything, the portal and the services at once, each on its own thread: the common fork-join pool of a
     * 2-core machine stops two at a time, and a service that needs its 30 s grace then keeps the last ones running past
     * the test JVM's exit, where they would outlive the build.
     */
    synchronized void stop() {
        List<ServiceProcess> processes = new java.util.ArrayList<>(services.values());
        if (webPortal != null) {
            processes.add(webPortal);
        }
        try (var stopping = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            processes.forEach(process -> stopping.execute(process::stop));
        }
        kafka.stop(false);
        mailCatcher.stop();
        if (identityProvider != null) {
            identityProvider.stop();
        }
        for (EmbeddedPostgres server : postgres.values()) {
            try {
                server.close();
            } catch (IOException e) {
                log("stopping PostgreSQL: %s", e);
            }
        }
    }

    private String jdbcUrl(Service service) {
        return "jdbc:postgresql://127.0.0.1:" + postgresPorts.get(service) + "/" + service.database;
    }

    private EmbeddedPostgres startPostgres(Service service) {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder()
                    .setDataDirectory(work.resolve("postgres-" + service.database))
                    .setCleanDataDirectory(false)
                    .setPort(postgresPorts.get(service))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            try (Connection c = server.getPostgresDatabase().getConnection()) {
                PostgresDatabases.createIfMissing(c, service.database);
            }
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("cannot start PostgreSQL for " + service.module, e);
        }
    }

    private static Path write(Path file, String content) {
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        return KafkaBroker.freePort();
    }

    static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static void log(String format, Object... args) {
        System.out.printf("[platform] " + format + "%n", args);
    }
}
