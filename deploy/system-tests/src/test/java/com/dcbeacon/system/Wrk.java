package com.dcbeacon.system;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed-model load of {@code wrk} (Debian package {@code wrk}: {@code apt-get install wrk}), pinned to one core
 * with {@code taskset}: each connection sends its next request when the last was answered, so it measures what a server
 * completes per second with that many requests in flight. Used where the JVM's own HTTP client cannot generate enough
 * load from one core (about 10,000 req/s and more).
 */
final class Wrk {

    private static final Pattern REQUESTS_PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: (.*)");

    /** What one run measured; {@code errors} counts non-2xx answers and socket errors. */
    record Result(int connections, double requestsPerSecond, double p50Millis, double p99Millis, long errors) {

        String summary() {
            return String.format(
                    Locale.ROOT,
                    "%d connections: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors",
                    connections,
                    requestsPerSecond,
                    p50Millis,
                    p99Millis,
                    errors);
        }
    }

    private Wrk() {}

    /**
     * Runs {@code wrk} with one thread on {@code cpu} against {@code url} for {@code duration}; {@code script} (a Lua
     * file, may be null) builds the requests.
     */
    static Result run(String url, Path script, int connections, Duration duration, int cpu) {
        List<String> command = new ArrayList<>(List.of(
                "taskset",
                "-c",
                Integer.toString(cpu),
                "wrk",
                "-t1",
                "-c" + connections,
                "-d" + duration.toSeconds() + "s",
                "--latency",
                "--timeout",
                "10s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        String output =
                ExternalCommand.run(command, "cannot run wrk (apt-get install wrk)", out -> "wrk failed: " + out);
        return parse(connections, output);
    }

    static Result parse(int connections, String output) {
        Matcher rate = REQUESTS_PER_SECOND.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("no rate in wrk's output: " + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        for (String line : output.split("\n")) {
            Matcher percentile = PERCENTILE.matcher(line);
            if (percentile.matches()) {
                double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
                if (percentile.group(1).equals("50")) {
                    p50 = millis;
                } else {
                    p99 = millis;
                }
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (String count : socket.group(1).split(",")) {
                errors += Long.parseLong(count.replaceAll("[^0-9]", ""));
            }
        }
        return new Result(connections, Double.parseDouble(rate.group(1)), p50, p99, errors);
    }

    private static double millis(double value, String unit) {
        return switch (unit) {
            case "us" -> value / 1000;
            case "ms" -> value;
            default -> value * 1000;
        };
    }
}
