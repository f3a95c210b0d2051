package com.dcbeacon.brand.benchmark;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU seconds used so far by this JVM (service, test client, collector) and by PostgreSQL's processes (the server
 * and its backends, read from Linux's {@code /proc}; NaN elsewhere).
 */
record Cpu(double jvm, double postgres) {
    static Cpu now() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                        .getProcessCpuTime()
                / 1e9;
        double postgres = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().orElse("").endsWith("/postgres"))
                .mapToDouble(Cpu::secondsOf)
                .sum();
        return new Cpu(jvm, postgres);
    }

    /** utime + stime of a process, in seconds (clock ticks of 1/100 s, Linux's USER_HZ). */
    private static double secondsOf(ProcessHandle process) {
        try {
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    Cpu minus(Cpu start) {
        return new Cpu(jvm - start.jvm, postgres - start.postgres);
    }

    @Override
    public String toString() {
        return String.format("JVM %.2f + PostgreSQL %.2f = %.2f", jvm, postgres, jvm + postgres);
    }
}
