package com.dcbeacon.system;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * An open-model HTTP load generator, in the spirit of wrk2: requests arrive at a constant rate whether or not earlier
 * ones have been answered, as real users do. A closed loop (send, wait, send again) slows down with the server and so
 * hides exactly the queueing a benchmark is meant to show ("coordinated omission"). Here each request has a scheduled
 * start, and its latency is measured from that scheduled start, even when the generator itself fell behind and sent it
 * late.
 */
final class OpenModelLoad {

    /** Longest a request may take; after it the request counts as failed and the run stops waiting for it. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.SECONDS.toMicros(60);
    private static final int SIGNIFICANT_DIGITS = 3;
    /** Time for the completion callbacks to run once every request has answered or timed out. */
    private static final Duration CALLBACK_SLACK = Duration.ofSeconds(1);

    /**
     * What a run measured.
     *
     * @param requestsPerSecond the target arrival rate
     * @param duration          wall time from the first scheduled request until the last one answered or timed out, so
     *                          that {@link #achievedRequestsPerSecond()} is what the server really completed
     * @param sent              requests sent; every scheduled request is sent, late if need be
     * @param succeeded         requests answered with a 2xx status within {@link #REQUEST_TIMEOUT}
     * @param failed            all other requests: non-2xx, connection errors and timeouts
     * @param latencyMicros     latency of every answered or timed-out request, successes and failures alike, in
     *                          microseconds from its scheduled start
     */
    record Result(
            double requestsPerSecond,
            Duration duration,
            long sent,
            long succeeded,
            long failed,
            Histogram latencyMicros) {

        /** Latency at percentile {@code p} (0 to 100, e.g. 50, 99, 99.9) in milliseconds. */
        double percentileMillis(double p) {
            return latencyMicros.getValueAtPercentile(p) / 1000.0;
        }

        /** Successful requests per second of {@link #duration()}. */
        double achievedRequestsPerSecond() {
            return succeeded * (double) NANOS_PER_SECOND / duration.toNanos();
        }

        /** One line for a benchmark's log. */
        String summary() {
            return String.format(
                    Locale.ROOT,
                    "target %.1f/s, achieved %.1f/s over %.2f s: %d succeeded, %d failed;"
                            + " latency p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms",
                    requestsPerSecond,
                    achievedRequestsPerSecond(),
                    duration.toNanos() / (double) NANOS_PER_SECOND,
                    succeeded,
                    failed,
                    percentileMillis(50),
                    percentileMillis(99),
                    percentileMillis(99.9),
                    latencyMicros.getMaxValue() / 1000.0);
        }
    }

    private OpenModelLoad() {}

    /**
     * A client for {@link #run}. HTTP/1.1 as the services' users speak it. Its own cached pool of daemon threads runs
     * the completion callbacks, so it grows with the number of answers arriving at once and never leaves a finished
     * run's threads keeping the JVM alive.
     */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .executor(Executors.newCachedThreadPool(
                        Thread.ofPlatform().name("open-model-load-", 0).daemon().factory()))
                .build();
    }

    /**
     * Sends requests at {@code requestsPerSecond} for {@code duration}, then waits for the ones still in flight (at
     * most {@link #REQUEST_TIMEOUT}). The calling thread paces: request {@code i} is scheduled at
     * {@code start + i / requestsPerSecond}; the thread parks until then rather than spinning, because benchmarks run
     * on machines with few cores next to the services they measure. The first run in a fresh JVM pays for class
     * loading and new connections (a few hundred ms at p99); benchmarks should warm up with a run they discard.
     *
     * @param requestFor gets the sequence number of the request (0, 1, 2, ...) and builds it; a request without a
     *                   timeout of its own gets {@link #REQUEST_TIMEOUT}, so the client abandons the exchange too
     */
    static Result run(
            HttpClient client, double requestsPerSecond, Duration duration, LongFunction<HttpRequest> requestFor) {
        return run(client, requestsPerSecond, duration, requestFor, sequence -> {});
    }

    /**
     * The same, telling {@code succeeded} the sequence number of each request the moment its 2xx answer arrives, on
     * the client's thread; e.g. to time what happens downstream of an acknowledged change.
     */
    static Result run(
            HttpClient client,
            double requestsPerSecond,
            Duration duration,
            LongFunction<HttpRequest> requestFor,
            java.util.function.LongConsumer succeeded) {
        if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive and finite: " + requestsPerSecond);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        Recorder latencies = new Recorder(HIGHEST_TRACKABLE_MICROS, SIGNIFICANT_DIGITS);
        LongAdder succeededCount = new LongAdder();
        Semaphore answered = new Semaphore(0); // one permit per request answered or timed out
        long durationNanos = duration.toNanos();
        long start = System.nanoTime();
        long sent = 0;
        while (true) {
            long offset = Math.round(sent * (double) NANOS_PER_SECOND / requestsPerSecond);
            if (offset >= durationNanos) {
                break;
            }
            long scheduledAt = start + offset;
            long sequence = sent;
            HttpRequest request =
                    withTimeout(requestFor.apply(sent)); // built ahead, so building does not delay sending
            parkUntil(scheduledAt); // returns at once when behind schedule: the request goes out late, not never
            client.sendAsync(request, BodyHandlers.discarding())
                    .orTimeout(REQUEST_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS) // also bounds a caller's longer timeout
                    .whenComplete((response, failure) -> {
                        try {
                            // From the scheduled start, not from sending: time spent waiting for the generator is
                            // time a real user would have waited for the server.
                            long latency = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - scheduledAt);
                            latencies.recordValue(Math.min(latency, HIGHEST_TRACKABLE_MICROS));
                            if (failure == null && response.statusCode() / 100 == 2) {
                                succeeded.accept(sequence);
                                succeededCount.increment();
                            }
                        } finally {
                            answered.release();
                        }
                    });
            sent++;
        }
        awaitAnswers(answered, sent);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        long succeededTotal = succeededCount.sum();
        // A request whose callback has not even run by now is a failure like any other unanswered request.
        return new Result(
                requestsPerSecond,
                elapsed,
                sent,
                succeededTotal,
                sent - succeededTotal,
                latencies.getIntervalHistogram());
    }

    private static HttpRequest withTimeout(HttpRequest request) {
        if (request.timeout().isPresent()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(REQUEST_TIMEOUT)
                .build();
    }

    private static void parkUntil(long deadlineNanos) {
        for (long remaining = deadlineNanos - System.nanoTime();
                remaining > 0;
                remaining = deadlineNanos - System.nanoTime()) {
            LockSupport.parkNanos(remaining); // may wake early; the loop parks again
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while pacing requests"); // flag stays set for the caller
            }
        }
    }

    private static void awaitAnswers(Semaphore answered, long sent) {
        // Every request completes within REQUEST_TIMEOUT of being sent (orTimeout), and the last was sent just now.
        long waitNanos = REQUEST_TIMEOUT.plus(CALLBACK_SLACK).toNanos();
        try {
            // Permits are counted in int; a run of more than 2^31 requests is far beyond any benchmark here.
            answered.tryAcquire(Math.toIntExact(sent), waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for answers", e);
        }
    }
}
