package com.dcbeacon.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * CPU time of the platform's processes, from {@code /proc} ({@code proc(5)}: utime, stime; cutime, cstime for
 * PostgreSQL): this JVM (the load generator), each service, Kafka and each service's PostgreSQL server with its
 * backends, those that exited included. The difference of two snapshots shows where the cores went during a
 * step.
 */
final class ProcessCpu {

    private static final long MILLIS_PER_TICK = 10; // USER_HZ, 100 on Linux

    private ProcessCpu() {}

    /** CPU milliseconds (user + system) by process name, for the processes that are alive now. */
    static Map<String, Long> snapshot(PlatformUnderTest platform, Map<Long, String> named) {
        Map<Long, String> names = new HashMap<>(named);
        names.put(ProcessHandle.current().pid(), "load generator (test JVM)");
        for (PlatformUnderTest.Service service : PlatformUnderTest.Service.values()) {
            ServiceProcess process = platform.process(service);
            if (process.isAlive()) {
                names.put(process.pid(), service.module);
            }
        }
        Map<Integer, String> postgresPorts = new HashMap<>();
        for (PlatformUnderTest.Service service : PlatformUnderTest.Service.values()) {
            postgresPorts.put(platform.postgresPort(service), "postgres " + service.database);
        }
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        Map<Long, Long> reaped = new HashMap<>();
        java.util.Set<Long> kafka = new java.util.HashSet<>();
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            all.filter(dir -> dir.getFileName().toString().chars().allMatch(Character::isDigit))
                    .forEach(dir -> {
                        long pid = Long.parseLong(dir.getFileName().toString());
                        try {
                            String stat = Files.readString(dir.resolve("stat"));
                            String[] fields =
                                    stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                            parents.put(pid, Long.parseLong(fields[1]));
                            ticks.put(pid, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                            reaped.put(pid, Long.parseLong(fields[13]) + Long.parseLong(fields[14]));
                            if (!names.containsKey(pid)) {
                                String command = new String(
                                                Files.readAllBytes(dir.resolve("cmdline")), StandardCharsets.UTF_8)
                                        .replace('\0', ' ');
                                if (command.contains("kafka")) {
                                    kafka.add(pid);
                                }
                                postgresPorts.forEach((port, name) -> {
                                    if (command.contains("/bin/postgres ") && command.contains(" -p " + port + " ")) {
                                        names.put(pid, name);
                                    }
                                });
                            }
                        } catch (IOException | RuntimeException e) {
                            // exited meanwhile
                        }
                    });
        } catch (IOException e) {
            return Map.of();
        }
        long self = ProcessHandle.current().pid();
        for (long pid : kafka) { // ours only: the broker this JVM started, not another build's
            for (Long at = parents.get(pid); at != null && at > 1; at = parents.get(at)) {
                if (at == self) {
                    names.put(pid, "kafka");
                    break;
                }
            }
        }
        // A PostgreSQL backend that exited and was reaped keeps counting in its server (cutime, cstime), so a server's
        // total never goes backwards between snapshots; other processes' children (the services, Kafka, tools this JVM
        // runs) are counted while alive only, not moved onto their parent when they stop.
        names.forEach((pid, name) -> {
            if (name.startsWith("postgres ") && ticks.containsKey(pid)) {
                ticks.merge(pid, reaped.getOrDefault(pid, 0L), Long::sum);
            }
        });
        Map<String, Long> cpu = new TreeMap<>();
        ticks.forEach((pid, count) -> {
            for (Long at = pid; at != null && at > 1; at = parents.get(at)) {
                String name = names.get(at);
                if (name != null) {
                    cpu.merge(name, count * MILLIS_PER_TICK, Long::sum);
                    return;
                }
            }
        });
        return cpu;
    }

    /** CPU milliseconds (user + system) one process has spent so far, from {@code /proc/PID/stat}. */
    static long millisOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read the CPU time of process " + pid, e);
        }
    }

    /** CPU milliseconds per process between two snapshots, divided by {@code requests}: ms of CPU per request. */
    static String perRequest(Map<String, Long> before, Map<String, Long> after, long requests) {
        StringBuilder text = new StringBuilder();
        long total = 0;
        for (Map.Entry<String, Long> entry : after.entrySet()) {
            long spent = entry.getValue() - before.getOrDefault(entry.getKey(), 0L);
            total += spent;
            if (spent > 0) {
                text.append(String.format(
                        java.util.Locale.ROOT, "%n    %-28s %7.3f ms", entry.getKey(), spent / (double) requests));
            }
        }
        return String.format(java.util.Locale.ROOT, "CPU per request %.3f ms in all:", total / (double) requests)
                + text;
    }
}
