package com.dcbeacon.system;

import static com.dcbeacon.system.PlatformUnderTest.Service.MEMBER;

import com.dcbeacon.platform.databases.PostgresDatabases;
import com.dcbeacon.system.PlatformUnderTest.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * member-service's read path next to the speed of the framework: {@code GET /api/members/{id}/subscription} (token
 * verified, member authorized, subscription and plan read) against {@code deploy/read-reference}, a minimal Quarkus
 * REST + Panache app returning two rows from PostgreSQL. Each app alone on core 1 ({@code taskset}), everything else
 * (this JVM, wrk, PostgreSQL, Kafka) on core 0; the other services are stopped. Both apps get the same JVM options and
 * the same JIT warm-up, then are measured alternately, in an order turned by one place each round ({@link
 * #inRoundOrder}), so the ratio comes from one run on one machine state and no app keeps the first place.
 */
final class ReadPathComparison {

    private static final double P99_LIMIT_MS = 50;
    private static final int APP_CPU = 1;
    private static final int LOAD_CPU = 0;

    private final PlatformUnderTest platform;
    private final List<UUID> members;
    private final List<String> tokens;
    private final Path work;
    private final Duration measure = Duration.parse(System.getProperty("benchmark.reads.step", "PT15S"));
    private final Duration warmUp = Duration.parse(System.getProperty("benchmark.reads.warm-up", "PT40S"));
    private final int rounds = Integer.getInteger("benchmark.reads.rounds", 3);
    private final int[] connections = java.util.Arrays.stream(
                    System.getProperty("benchmark.reads.connections", "16,64").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();

    /** Requests the last {@link #best} search sent, about: for the database figures per request. */
    private double requestsOfLastSearch;

    /** CPU milliseconds the app spent per request during the last {@link #best} search. */
    private double cpuPerRequestOfLastSearch;

    ReadPathComparison(PlatformUnderTest platform, List<UUID> members, List<String> tokens, Path work) {
        this.platform = platform;
        this.members = members;
        this.tokens = tokens;
        this.work = work;
    }

    void run() throws Exception {
        for (Service other : List.of(Service.BRAND, Service.BOX, Service.FEEDBACK)) {
            platform.process(other).stop();
        }
        ServiceProcess member = platform.process(MEMBER);
        List<App> apps = new ArrayList<>();
        Path script = memberScript();
        apps.add(new App("member-service", member, member.baseUrl(), script));
        try {
            String baselines = System.getProperty("benchmark.reads.baseline-jar", "");
            int n = 0;
            for (String baseline : baselines.split(",")) {
                if (baseline.isBlank()) {
                    continue;
                }
                n++;
                ServiceProcess before = member.otherBuild(
                        "member-service (baseline " + n + ")",
                        Path.of(baseline.strip()),
                        work.resolve("member-service-baseline-" + n + ".log"));
                apps.add(new App("member-service baseline " + baseline.strip(), before, before.baseUrl(), script));
                before.start(Duration.ofSeconds(120)); // listed first: stopped at the end even if it never became ready
            }
            n = 0;
            for (String variant :
                    System.getProperty("benchmark.reads.variants", "").split(";")) {
                if (variant.isBlank()) {
                    continue;
                }
                n++;
                String variantName = variant.substring(0, variant.indexOf(':')).strip();
                ServiceProcess other = member.replica(
                        "member-service (" + variantName + ")",
                        PlatformBenchmark.variantEnvironment(variant),
                        work.resolve("member-service-variant-" + n + ".log"));
                apps.add(new App("member-service " + variantName, other, other.baseUrl(), script));
                other.start(Duration.ofSeconds(120));
            }
            ServiceProcess reference = startReference();
            apps.add(new App("reference GET /rows", reference, reference.baseUrl() + "/rows", null));
            List<Long> pinned = apps.stream().map(app -> app.process().pid()).toList();
            pinned.forEach(pid -> pin(pid, APP_CPU));
            ProcessHandle.current()
                    .descendants()
                    .filter(p -> !pinned.contains(p.pid()))
                    .forEach(p -> pin(p.pid(), LOAD_CPU));
            pin(ProcessHandle.current().pid(), LOAD_CPU);
            report(
                    "read path: apps on core %d, everything else on core %d; load average before %s",
                    APP_CPU, LOAD_CPU, loadAverage());
            for (int i = 0; i < 2; i++) {
                for (App app : apps) {
                    report(
                            "warm-up %s: %s",
                            app.name(),
                            Wrk.run(app.url(), app.script(), 16, warmUp, LOAD_CPU)
                                    .summary());
                }
            }
            Map<String, List<Double>> ratios = new java.util.LinkedHashMap<>();
            Map<String, List<Double>> cpuRatios = new java.util.LinkedHashMap<>();
            for (int round = 1; round <= rounds; round++) {
                Map<String, Double> rates = new java.util.LinkedHashMap<>();
                Map<String, Double> cpu = new java.util.LinkedHashMap<>();
                List<App> order = inRoundOrder(apps, round);
                report(
                        "round %d order: %s",
                        round, order.stream().map(App::name).collect(java.util.stream.Collectors.joining(", ")));
                for (App app : order) {
                    Map<String, Long> scansBefore = tableReads();
                    Wrk.Result best = best(app, round);
                    cpu.put(app.name(), cpuPerRequestOfLastSearch);
                    rates.put(app.name(), best.requestsPerSecond());
                    if (app.script() != null) {
                        report(
                                "round %d %s: member database scans per request: %s",
                                round, app.name(), perRequest(scansBefore, tableReads(), requestsOfLastSearch));
                    }
                }
                double referenceRate = rates.get(apps.getLast().name());
                double referenceCpu = cpu.get(apps.getLast().name());
                for (App app : apps.subList(0, apps.size() - 1)) {
                    double ratio = rates.get(app.name()) / referenceRate;
                    double cpuRatio = referenceCpu / cpu.get(app.name());
                    ratios.computeIfAbsent(app.name(), name -> new ArrayList<>())
                            .add(ratio);
                    cpuRatios
                            .computeIfAbsent(app.name(), name -> new ArrayList<>())
                            .add(cpuRatio);
                    report(
                            "round %d: %s %.0f req/s, reference %.0f req/s (best with p99 under %.0f ms): ratio %.2f;"
                                    + " CPU per request %.3f ms, reference %.3f ms: ratio %.2f; load average %s",
                            round,
                            app.name(),
                            rates.get(app.name()),
                            referenceRate,
                            P99_LIMIT_MS,
                            ratio,
                            cpu.get(app.name()),
                            referenceCpu,
                            cpuRatio,
                            loadAverage());
                }
            }
            summarize("rate", ratios);
            summarize("CPU per request (reference's / app's)", cpuRatios);
            String jfr = System.getProperty("benchmark.reads.jfr");
            if (jfr != null) {
                for (App app : apps) {
                    Path file = Path.of(jfr).resolveSibling(app.process().name().replaceAll("[^a-z0-9-]", "") + ".jfr");
                    record(app, file);
                }
            }
        } finally {
            for (App app : apps.subList(1, apps.size())) {
                app.process().stop();
            }
        }
    }

    private record App(String name, ServiceProcess process, String url, Path script) {}

    /**
     * The apps in the order round {@code round} (from 1) measures them: the list turned by one place each round, so that
     * over a number of rounds that is a multiple of the apps' count every app is measured in every place equally often.
     * An app's place in a round, or the round itself, moves its figures (2026-12-02: the same build's CPU per request
     * differed by up to 1.6× between places in one run and 2× in another), so a fixed order would credit that to
     * whichever app always comes first.
     */
    private static List<App> inRoundOrder(List<App> apps, int round) {
        List<App> order = new ArrayList<>(apps);
        java.util.Collections.rotate(order, -((round - 1) % apps.size()));
        return order;
    }

    private static void summarize(String what, Map<String, List<Double>> ratios) {
        ratios.forEach((name, values) -> {
            values.sort(Double::compare);
            report(
                    "summary, %s: %s / reference %.2f (median of %d rounds, range %.2f-%.2f)",
                    what, name, values.get(values.size() / 2), values.size(), values.getFirst(), values.getLast());
        });
    }

    /**
     * The highest rate among the connection counts with p99 under the limit and no errors. Also the app's CPU time per
     * request over the whole search ({@link #cpuPerRequestOfLastSearch}): unlike the rate, it hardly moves when other
     * work shares the app's core.
     */
    private Wrk.Result best(App app, int round) throws InterruptedException {
        Wrk.Result best = new Wrk.Result(0, 0, 0, 0, 0);
        requestsOfLastSearch = 0;
        long cpuBefore = ProcessCpu.millisOf(app.process().pid());
        for (int count : connections) {
            long runBefore = ProcessCpu.millisOf(app.process().pid());
            Wrk.Result result = Wrk.run(app.url(), app.script(), count, measure, LOAD_CPU);
            double requests = result.requestsPerSecond() * measure.toSeconds();
            requestsOfLastSearch += requests;
            boolean within = result.errors() == 0 && result.p99Millis() < P99_LIMIT_MS;
            report(
                    "round %d %s: %s, CPU %.3f ms per request%s",
                    round,
                    app.name(),
                    result.summary(),
                    (ProcessCpu.millisOf(app.process().pid()) - runBefore) / requests,
                    within ? "" : "  <- over the limit");
            if (within && result.requestsPerSecond() > best.requestsPerSecond()) {
                best = result;
            }
            Thread.sleep(2_000);
        }
        cpuPerRequestOfLastSearch = (ProcessCpu.millisOf(app.process().pid()) - cpuBefore) / requestsOfLastSearch;
        return best;
    }

    /** A flight recording of an app under load, for {@code jfr print --events jdk.ExecutionSample}. */
    private void record(App app, Path file) throws Exception {
        app.process().startFlightRecording(measure, file);
        report(
                "recording %s: %s",
                app.name(),
                Wrk.run(app.url(), app.script(), 16, measure, LOAD_CPU).summary());
        Thread.sleep(3_000);
        report("flight recording of %s in %s", app.name(), file.toAbsolutePath());
    }

    private ServiceProcess startReference() throws SQLException {
        int port = PlatformUnderTest.freePort();
        String database = "read_reference";
        try (Connection c = platform.database(MEMBER)) {
            PostgresDatabases.createIfMissing(c, database);
        }
        String memberUrl = platform.process(MEMBER).baseUrl();
        Path root = Path.of(System.getProperty("dcbeacon.root", "../.."))
                .toAbsolutePath()
                .normalize();
        String jdbc = memberJdbcUrl().replaceFirst("/member$", "/" + database);
        ServiceProcess reference = new ServiceProcess(
                "read-reference",
                port,
                root.resolve("deploy/read-reference/target/quarkus-app/quarkus-run.jar"),
                new HashMap<>(Map.of(
                        "QUARKUS_HTTP_PORT",
                        Integer.toString(port),
                        "QUARKUS_DATASOURCE_JDBC_URL",
                        jdbc,
                        "QUARKUS_DATASOURCE_USERNAME",
                        "postgres",
                        "QUARKUS_DATASOURCE_PASSWORD",
                        "postgres")),
                List.of(System.getProperty("dcbeacon.service.jvm", "-Xmx256m -XX:+UseSerialGC")
                        .split(" ")),
                work.resolve("read-reference.log"));
        reference.start(Duration.ofSeconds(120));
        report(
                "reference started next to member-service (%s) in %d ms",
                memberUrl, reference.lastStartup().toMillis());
        return reference;
    }

    private String memberJdbcUrl() throws SQLException {
        try (Connection c = platform.database(MEMBER)) {
            return c.getMetaData().getURL();
        }
    }

    /** A Lua script for wrk: each request reads the next member's subscription with that member's token. */
    private Path memberScript() {
        StringBuilder lua = new StringBuilder("local paths = {\n");
        members.forEach(m -> lua.append("\"/api/members/").append(m).append("/subscription\",\n"));
        lua.append("}\nlocal tokens = {\n");
        tokens.forEach(t -> lua.append("\"Bearer ").append(t).append("\",\n"));
        lua.append("}\nlocal i = 0\n")
                .append("request = function()\n")
                .append("  i = i % #paths + 1\n")
                .append("  return wrk.format(\"GET\", paths[i], { [\"Authorization\"] = tokens[i] })\n")
                .append("end\n");
        try {
            return Files.writeString(work.resolve("subscription-reads.lua"), lua);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sequential and index scans per table of member-service's database (PostgreSQL's statistics, flushed lazily). */
    private Map<String, Long> tableReads() throws SQLException, InterruptedException {
        Thread.sleep(11_000); // idle backends flush their statistics within 10 s
        Map<String, Long> reads = new HashMap<>();
        try (Connection c = platform.database(MEMBER);
                ResultSet rs = c.createStatement()
                        .executeQuery("select relname, seq_scan + coalesce(idx_scan, 0) from pg_stat_user_tables")) {
            while (rs.next()) {
                reads.put(rs.getString(1), rs.getLong(2));
            }
        }
        return reads;
    }

    private static String perRequest(Map<String, Long> before, Map<String, Long> after, double requests) {
        StringBuilder text = new StringBuilder();
        after.forEach((table, count) -> {
            long delta = count - before.getOrDefault(table, 0L);
            if (delta > 0) {
                text.append(String.format(Locale.ROOT, "%s %.2f; ", table, delta / requests));
            }
        });
        return text.toString();
    }

    private static void pin(long pid, int cpu) {
        ExternalCommand.run(
                List.of("taskset", "-a", "-c", "-p", Integer.toString(cpu), Long.toString(pid)),
                "cannot run taskset",
                output -> "taskset failed for " + pid);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void report(String format, Object... args) {
        System.out.println("[benchmark] " + String.format(Locale.ROOT, format, args));
    }
}
