package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.BOX;
import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.system.OpenModelLoad.Result;
import com.dcbeacon.system.PlatformUnderTest.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The platform's figures on this machine: startup time and RSS per service, the subscription write and read paths
 * at constant request rates (open model, latency from each request's scheduled start), event latency from an
 * acknowledged change to box-service's committed replica next to the plain Kafka produce-to-consume latency on the
 * same broker, the time to drain the outbox after a Kafka outage, and the read path against a minimal Quarkus app
 * ({@link ReadPathComparison}). Not part of the build's tests (no {@code Test}
 * suffix); run it with the command in {@code docs/benchmarks.md}. Settings: {@code benchmark.members},
 * {@code benchmark.warmup-rounds}, {@code benchmark.write-rates}, {@code benchmark.read-rates}, {@code benchmark.step},
 * {@code benchmark.outage}.
 */
class PlatformBenchmark {

    private static final List<String> PLANS = List.of("taster", "classic", "office");
    private static final double P99_LIMIT_MS = 50;

    private final int memberCount = Integer.getInteger("benchmark.members", 1000);
    private final int warmupRounds = Integer.getInteger("benchmark.warmup-rounds", 10);
    private final Duration step = Duration.parse(System.getProperty("benchmark.step", "PT20S"));
    private final Duration outage = Duration.parse(System.getProperty("benchmark.outage", "PT2M"));
    private final HttpClient client = OpenModelLoad.newClient();
    private PlatformUnderTest platform;
    private final List<UUID> members = new ArrayList<>();
    private final List<String> tokens = new ArrayList<>();
    private String memberUrl; // where the write and read paths send their requests
    private long writes; // sequence of plan changes across runs, so every change differs from the member's last

    @Test
    void measure() throws Exception {
        report(
                "machine: %d cores, %d GiB RAM, %s %s, JDK %s; services with %s",
                Runtime.getRuntime().availableProcessors(),
                totalMemoryGiB(),
                System.getProperty("os.name"),
                System.getProperty("os.version"),
                System.getProperty("java.version"),
                System.getProperty("dcbeacon.service.jvm", "-Xmx256m -XX:+UseSerialGC"));
        platform = PlatformUnderTest.start(Map.of());
        List<String> parts = List.of(System.getProperty("benchmark.parts", "startup,paths,events,relay,outage,reads")
                .split(","));
        if (parts.contains("startup")) {
            measureStartup();
        }
        seedMembers();
        memberUrl = platform.url(MEMBER);
        if (parts.stream().anyMatch(part -> !part.equals("startup") && !part.equals("reads"))) {
            warmUp();
        }
        // without the path search, event latency and the relay comparison run at benchmark.event-rate
        double eventRate = Double.parseDouble(System.getProperty("benchmark.event-rate", "600"));
        if (parts.contains("paths")) {
            double writeRate = measurePaths();
            eventRate = writeRate > 0 ? writeRate : 50;
        }
        if (parts.contains("events")) {
            measureEventLatency(eventRate / 4);
            measureEventLatency(eventRate);
        }
        if (parts.contains("relay")) {
            compareRelayModes(eventRate);
        }
        if (parts.contains("outage")) {
            measureOutboxRecovery(eventRate / 4);
        }
        if (parts.contains("reads")) { // last: it stops the other services
            new ReadPathComparison(
                            platform,
                            members,
                            tokens,
                            Path.of(System.getProperty("dcbeacon.system.work", "target/system")))
                    .run();
        }
    }

    /**
     * The highest write and read rates with p99 under the limit, then the CPU each process spent per request at
     * {@code benchmark.paths.profile-rate} (200/s) for writes and for reads. With {@code benchmark.paths.baseline-jar},
     * the same for the write path of another build of member-service first (on its own port, same database, warmed
     * up alike); with {@code benchmark.paths.jfr=DIR}, a flight recording of member-service during each write
     * profile ({@code DIR/writes-baseline.jfr}, {@code DIR/writes.jfr}). Returns the write path's rate.
     */
    private double measurePaths() throws Exception {
        double profileRate = Double.parseDouble(System.getProperty("benchmark.paths.profile-rate", "200"));
        String jfr = System.getProperty("benchmark.paths.jfr");
        String baselineJar = System.getProperty("benchmark.paths.baseline-jar");
        double writeRate;
        if (baselineJar != null) {
            ServiceProcess baseline = platform.process(MEMBER)
                    .otherBuild(
                            "member-service (baseline)",
                            Path.of(baselineJar),
                            Path.of(System.getProperty("dcbeacon.system.work", "target/system"))
                                    .resolve("member-service-baseline.log"));
            baseline.start(Duration.ofSeconds(120));
            try {
                memberUrl = baseline.baseUrl();
                warmUp();
                double before = writeRate("baseline");
                profile("writes of the baseline", baseline, profileRate, this::planChange, jfr, "writes-baseline.jfr");
                memberUrl = platform.url(MEMBER);
                warmUp(1); // this build warmed up before the baseline; one round to bring it back
                writeRate = writeRate("this build");
                profile("writes of this build", baseline, profileRate, this::planChange, jfr, "writes.jfr");
                report("summary: write path of the baseline %.0f req/s, of this build %.0f req/s", before, writeRate);
            } finally {
                baseline.stop();
                memberUrl = platform.url(MEMBER);
            }
        } else {
            writeRate = writeRate("this build");
        }
        double readRate = highestRateUnderLimit(
                "read GET /api/members/{id}/subscription",
                rates("benchmark.read-rates", "100,200,400,600,800,1000,1200,1600,2000,2400"),
                this::subscriptionRead);
        report(
                "summary: write path %.0f req/s, read path %.0f req/s with p99 under %.0f ms: %.2f (load average %s)",
                writeRate, readRate, P99_LIMIT_MS, writeRate / Math.max(1, readRate), ReadPathComparison.loadAverage());
        if (baselineJar == null) {
            profile("writes", null, profileRate, this::planChange, jfr, "writes.jfr");
        }
        profile("reads", null, profileRate, this::subscriptionRead, null, null);
        return writeRate;
    }

    /** CPU per request of every process at a steady rate, with a flight recording of member-service if asked. */
    private void profile(
            String name,
            ServiceProcess baseline,
            double rate,
            java.util.function.LongFunction<HttpRequest> request,
            String jfrDirectory,
            String jfrFile)
            throws Exception {
        ServiceProcess member = memberUrl.equals(platform.url(MEMBER)) ? platform.process(MEMBER) : baseline;
        Map<Long, String> named = baseline == null || !baseline.isAlive()
                ? Map.of()
                : Map.of(baseline.pid(), "member-service (baseline)");
        Thread.sleep(5_000);
        if (jfrDirectory != null && jfrFile != null) {
            member.startFlightRecording(step, Path.of(jfrDirectory).resolve(jfrFile));
        }
        Map<String, Long> before = ProcessCpu.snapshot(platform, named);
        Result result = OpenModelLoad.run(client, rate, step, request);
        Map<String, Long> after = ProcessCpu.snapshot(platform, named);
        report(
                "profile %s at %.0f/s: %s; %s",
                name,
                rate,
                result.summary(),
                ProcessCpu.perRequest(before, after, result.succeeded() + result.failed()));
        if (jfrDirectory != null && jfrFile != null) {
            Thread.sleep(3_000);
            report(
                    "flight recording in %s",
                    Path.of(jfrDirectory).resolve(jfrFile).toAbsolutePath());
        }
    }

    private double writeRate(String build) throws InterruptedException {
        report("load average %s", ReadPathComparison.loadAverage());
        return highestRateUnderLimit(
                "write PUT /api/members/{id}/subscription/plan (" + build + ")",
                rates("benchmark.write-rates", "50,100,200,300,400,500,600,800"),
                this::planChange);
    }

    /**
     * Each service stopped (SIGTERM, timed until its process exits) and started again alone (the others idle), then one
     * real API call, which loads the JDBC and ORM paths. {@code benchmark.startup-variants} ({@code name:VARIABLE=value,...}
     * entries separated by {@code ;}, none by default) compares settings: each service is first restarted with the
     * variant's environment, then stopped and started as above, variants alternating over
     * {@code benchmark.startup-rounds} (default 1).
     */
    private void measureStartup() throws Exception {
        Map<Service, String> firstCall = Map.of(
                MEMBER,
                "/api/plans",
                Service.BRAND,
                "/api/brands",
                BOX,
                "/api/issues",
                Service.FEEDBACK,
                "/api/follow-ups");
        String variants = System.getProperty("benchmark.startup-variants", "");
        int rounds = variants.isEmpty() ? 1 : Integer.getInteger("benchmark.startup-rounds", 1);
        for (int round = 1; round <= rounds; round++) {
            for (String variant : variants.isEmpty() ? new String[] {""} : variants.split(";")) {
                String name = variant.isEmpty() ? "" : " [" + variant.substring(0, variant.indexOf(':')) + "]";
                for (Service service : Service.values()) {
                    ServiceProcess process = platform.process(service);
                    if (!variant.isEmpty()) {
                        process.restartWith(variantEnvironment(variant), Duration.ofSeconds(120));
                    }
                    long stopping = System.nanoTime();
                    process.stop();
                    long stopped = System.nanoTime();
                    process.start(Duration.ofSeconds(120));
                    var first = Http.get(
                            process.baseUrl() + firstCall.get(service),
                            platform.tokens().ops());
                    assertThat(first.status()).as(first.raw()).isEqualTo(200);
                    report(
                            "startup%s %-17s %5d ms to stop (SIGTERM to exit), %5d ms to ready, RSS after the first request %6.1f MiB",
                            name,
                            service.module,
                            (stopped - stopping) / 1_000_000,
                            process.lastStartup().toMillis(),
                            process.residentKiB() / 1024.0);
                }
            }
        }
    }

    /** A variant's setting naming the build to run rather than an environment variable (see compareRelayModes). */
    private static final String VARIANT_JAR = "JAR";

    /** The environment of a variant written {@code name:VARIABLE=value,...}. */
    static Map<String, String> variantEnvironment(String variant) {
        Map<String, String> environment = new HashMap<>();
        for (String setting : variant.substring(variant.indexOf(':') + 1).split(",")) {
            environment.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        return environment;
    }

    private void seedMembers() {
        List<UUID> created = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.stream.IntStream.range(0, memberCount).parallel().forEach(i -> {
            var signedUp = MemberSignUp.signUp(platform, "bench");
            UUID member = UUID.fromString(signedUp.text("id"));
            var subscribed = Http.post(
                    platform.url(MEMBER) + "/api/members/" + member + "/subscription",
                    platform.tokens().member(member),
                    Map.of("planId", "classic"));
            assertThat(subscribed.status()).as(subscribed.raw()).isEqualTo(201);
            created.add(member);
        });
        members.addAll(created);
        members.forEach(member -> tokens.add(platform.tokens().member(member)));
        report("seeded %d members with a subscription", members.size());
    }

    /** Rounds of 15 s of mixed load and 15 s of rest: on 2 cores the JIT keeps improving throughput for minutes. */
    private void warmUp() throws Exception {
        warmUp(warmupRounds);
    }

    private void warmUp(int rounds) throws Exception {
        for (int round = 1; round <= rounds; round++) {
            Thread reads = Thread.ofPlatform()
                    .start(() -> OpenModelLoad.run(client, 200, Duration.ofSeconds(15), this::subscriptionRead));
            Result result = OpenModelLoad.run(client, 100, Duration.ofSeconds(15), this::planChange);
            reads.join();
            report("warm-up round %d/%d (writes): %s", round, rounds, result.summary());
            Thread.sleep(15_000);
        }
    }

    private double highestRateUnderLimit(
            String path, double[] rates, java.util.function.LongFunction<HttpRequest> request)
            throws InterruptedException {
        double best = 0;
        for (double rate : rates) {
            Result result = OpenModelLoad.run(client, rate, step, request);
            boolean within = result.failed() == 0 && result.percentileMillis(99) < P99_LIMIT_MS;
            report("%s at %.0f/s: %s%s", path, rate, result.summary(), within ? "" : "  <- over the limit");
            if (!within) {
                break;
            }
            best = rate;
            Thread.sleep(5_000);
        }
        report("%s: highest rate with p99 under %.0f ms and no errors: %.0f/s", path, P99_LIMIT_MS, best);
        return best;
    }

    /**
     * Each member's last acknowledged plan change is timed from its 2xx answer to the moment its event was on Kafka
     * (the record's timestamp, set when the outbox relay produced it) and to the {@code updated_at} that box-service's
     * consumer wrote when it applied it. A plain producer and consumer on the same broker give the floor meanwhile.
     */
    private void measureEventLatency(double rate) throws Exception {
        Thread.sleep(5_000);
        Map<UUID, Instant> lastAcknowledged = new ConcurrentHashMap<>();
        long first = writes;
        long startedMillis = System.currentTimeMillis();
        AtomicBoolean probing = new AtomicBoolean(true);
        Histogram floor = new Histogram(60_000_000L, 3);
        Thread kafkaProbe = Thread.ofPlatform().start(() -> kafkaFloor(probing, floor));
        Map<String, Long> cpuBefore = ProcessCpu.snapshot(platform, Map.of());
        Result result = OpenModelLoad.run(
                client,
                rate,
                Duration.ofSeconds(30),
                this::planChange,
                sequence -> lastAcknowledged.merge(
                        members.get((int) ((first + sequence) % members.size())),
                        Instant.now(),
                        (a, b) -> a.isAfter(b) ? a : b));
        probing.set(false);
        kafkaProbe.join();

        Map<UUID, Instant> applied = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        do {
            Thread.sleep(1_000);
            applied.clear();
            try (Connection box = platform.database(BOX);
                    ResultSet rs = box.createStatement()
                            .executeQuery("select member_id, updated_at from subscription_replica")) {
                while (rs.next()) {
                    UUID member = rs.getObject(1, UUID.class);
                    Instant at = rs.getObject(2, java.time.OffsetDateTime.class).toInstant();
                    if (lastAcknowledged.containsKey(member) && !at.isBefore(lastAcknowledged.get(member))) {
                        applied.put(member, at);
                    }
                }
            }
        } while (applied.size() < lastAcknowledged.size() && System.nanoTime() < deadline);
        Map<String, Long> cpuAfter = ProcessCpu.snapshot(platform, Map.of());
        Map<UUID, Instant> published = lastPlanChangePublished(startedMillis);

        Histogram toKafka = new Histogram(60_000_000L, 3);
        Histogram toReplica = new Histogram(60_000_000L, 3);
        lastAcknowledged.forEach((member, acknowledged) -> {
            if (published.containsKey(member)) {
                toKafka.recordValue(micros(acknowledged, published.get(member)));
            }
            if (applied.containsKey(member)) {
                toReplica.recordValue(micros(acknowledged, applied.get(member)));
            }
        });
        report(
                "event latency at %.0f writes/s (%s), last change of %d members:",
                rate, result.summary(), lastAcknowledged.size());
        report("  acknowledged -> on Kafka (relay produced it), %d: %s", toKafka.getTotalCount(), percentiles(toKafka));
        report(
                "  acknowledged -> applied in box-service's replica, %d: %s",
                toReplica.getTotalCount(), percentiles(toReplica));
        report(
                "  Kafka floor on the same broker meanwhile (produce acks=all -> consume, %d records): %s",
                floor.getTotalCount(), percentiles(floor));
        report(
                "  CPU per write until the last was applied (the Kafka probe's included): %s",
                ProcessCpu.perRequest(cpuBefore, cpuAfter, result.succeeded() + result.failed()));
    }

    /** When each member's last PlanChanged event of this run was produced, read back from member-events. */
    private Map<UUID, Instant> lastPlanChangePublished(long sinceMillis) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        Map<UUID, Instant> published = new HashMap<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            var partitions = consumer.partitionsFor("member-events").stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            var end = consumer.endOffsets(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> since = new HashMap<>();
            partitions.forEach(p -> since.put(p, sinceMillis));
            consumer.offsetsForTimes(since)
                    .forEach((partition, offset) ->
                            consumer.seek(partition, offset == null ? end.get(partition) : offset.offset()));
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    var type = record.headers().lastHeader("ce_type");
                    if (type != null
                            && new String(type.value(), java.nio.charset.StandardCharsets.UTF_8)
                                    .equals("PlanChanged")) {
                        published.merge(
                                UUID.fromString(record.key()),
                                Instant.ofEpochMilli(record.timestamp()),
                                (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
            }
        }
        return published;
    }

    private static long micros(Instant from, Instant to) {
        return Math.min(60_000_000L, Math.max(0, Duration.between(from, to).toNanos() / 1000));
    }

    private static String percentiles(Histogram histogram) {
        return String.format(
                Locale.ROOT,
                "p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0,
                histogram.getMaxValue() / 1000.0);
    }

    /**
     * Settings compared in alternating runs on the same platform: before each measurement one service
     * ({@code benchmark.variant-service}: member-service, the outbox relay's, unless told otherwise; box-service for its
     * consumers) is restarted with the variant's environment and warmed up again. {@code benchmark.relay-variants} lists
     * {@code name:VARIABLE=value,...} entries separated by {@code ;}. The setting {@code JAR=/path/to/quarkus-run.jar}
     * runs another build of the service in that variant (e.g. the commit before a change, packaged in a worktree);
     * variants without it run this build, and so do the parts measured after the comparison.
     */
    private void compareRelayModes(double rate) throws Exception {
        int rounds = Integer.getInteger("benchmark.compare-rounds", 2);
        int warmup = Integer.getInteger("benchmark.compare-warmup-rounds", 4);
        String variants = System.getProperty(
                "benchmark.relay-variants",
                "polling only:DCBEACON_OUTBOX_RELAY_ON_COMMIT=false;nudged on commit:DCBEACON_OUTBOX_RELAY_ON_COMMIT=true");
        String service = System.getProperty("benchmark.variant-service", MEMBER.module);
        Service restarted = java.util.Arrays.stream(Service.values())
                .filter(s -> s.module.equals(service))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("benchmark.variant-service: no service " + service));
        String lastJar = null;
        for (int round = 1; round <= rounds; round++) {
            for (String variant : variants.split(";")) {
                String name = variant.substring(0, variant.indexOf(':'));
                Map<String, String> environment = variantEnvironment(variant);
                String jar = environment.remove(VARIANT_JAR);
                platform.process(restarted)
                        .restartWith(environment, jar == null ? null : Path.of(jar), Duration.ofSeconds(120));
                report(
                        "comparison round %d/%d: %s %s%s, %s restarted and warmed up %d rounds",
                        round, rounds, name, environment, jar == null ? "" : " on " + jar, restarted.module, warmup);
                warmUp(warmup);
                measureEventLatency(rate / 4);
                measureEventLatency(rate);
                lastJar = jar;
            }
        }
        if (lastJar != null) { // the parts after this one measure this build
            platform.process(restarted).restartWith(Map.of(), null, Duration.ofSeconds(120));
        }
    }

    /** Sends a timestamped record every 10 ms and records when a consumer sees it. */
    private void kafkaFloor(AtomicBoolean probing, Histogram latencies) {
        String topic = "benchmark-probe-" + UUID.randomUUID();
        Properties producerProps = new Properties();
        producerProps.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        Properties consumerProps = new Properties();
        consumerProps.put(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafka().bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "benchmark-probe");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var producer = new KafkaProducer<>(producerProps, new StringSerializer(), new StringSerializer());
                var consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new StringDeserializer())) {
            producer.send(new ProducerRecord<>(topic, "warm", Long.toString(System.nanoTime())))
                    .get();
            consumer.subscribe(List.of(topic));
            while (consumer.poll(Duration.ofMillis(100)).isEmpty()) {
                // until the group is joined and the first record read, so joining is not counted as latency
            }
            Thread sender = Thread.ofPlatform().start(() -> {
                while (probing.get()) {
                    producer.send(new ProducerRecord<>(topic, "probe", Long.toString(System.nanoTime())));
                    ServiceProcess.sleep(10);
                }
            });
            long until = Long.MAX_VALUE;
            while (System.nanoTime() < until) {
                for (var record : consumer.poll(Duration.ofMillis(100))) {
                    if (record.key().equals("probe")) {
                        latencies.recordValue(
                                Math.min(60_000_000L, (System.nanoTime() - Long.parseLong(record.value())) / 1000));
                    }
                }
                if (!probing.get() && until == Long.MAX_VALUE) {
                    until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                }
            }
            sender.join();
        } catch (Exception e) {
            throw new IllegalStateException("Kafka probe failed", e);
        }
    }

    /** Writes keep coming during a Kafka outage; then the broker returns and the outbox drains. */
    private void measureOutboxRecovery(double rate) throws Exception {
        platform.kafka().stop(true);
        Result during = OpenModelLoad.run(client, rate, outage, this::planChange);
        long backlog = outboxRows();
        long restarted = System.nanoTime();
        platform.kafka().start(Duration.ofSeconds(120));
        long brokerBack = System.nanoTime();
        while (outboxRows() > 0) {
            Thread.sleep(100);
        }
        long drained = System.nanoTime();
        report(
                "Kafka outage of %d s at %.0f writes/s: %s; outbox backlog %d events; broker ready after %d ms, backlog "
                        + "drained %d ms after that (%.0f events/s)",
                outage.toSeconds(),
                rate,
                during.summary(),
                backlog,
                (brokerBack - restarted) / 1_000_000,
                (drained - brokerBack) / 1_000_000,
                backlog / Math.max(0.001, (drained - brokerBack) / 1e9));
    }

    private long outboxRows() throws Exception {
        try (Connection member = platform.database(MEMBER);
                ResultSet rs = member.createStatement().executeQuery("select count(*) from outbox_event")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Changes member {@code n mod N} to a plan other than the one it has. */
    private HttpRequest planChange(long sequence) {
        long n = writes++;
        int member = (int) (n % members.size());
        String plan = PLANS.get((int) ((n / members.size() + 2) % PLANS.size()));
        return HttpRequest.newBuilder(
                        URI.create(memberUrl + "/api/members/" + members.get(member) + "/subscription/plan"))
                .header("Authorization", "Bearer " + tokens.get(member))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"planId\":\"" + plan + "\"}"))
                .build();
    }

    private HttpRequest subscriptionRead(long sequence) {
        int member = (int) (sequence % members.size());
        return HttpRequest.newBuilder(URI.create(memberUrl + "/api/members/" + members.get(member) + "/subscription"))
                .header("Authorization", "Bearer " + tokens.get(member))
                .GET()
                .build();
    }

    private static double[] rates(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(","))
                .mapToDouble(Double::parseDouble)
                .toArray();
    }

    private static long totalMemoryGiB() {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return Math.round(os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }

    private static void report(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
