package com.dcbeacon.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The load generator against an in-process HTTP server whose speed and answers each test controls. */
class OpenModelLoadTest {

    private final HttpClient client = OpenModelLoad.newClient();
    private HttpServer server;
    private ExecutorService serverThreads;

    @AfterEach
    void stop() {
        client.shutdownNow(); // not close(): it would wait for exchanges the server may never finish
        if (server != null) {
            server.stop(0);
            serverThreads.shutdownNow(); // interrupts handlers still sleeping
        }
    }

    @Test
    void shouldSendEveryScheduledRequestAtTheTargetRate() throws IOException {
        URI uri = serve(Executors.newCachedThreadPool(), answering(200));

        OpenModelLoad.Result result = OpenModelLoad.run(client, 200, Duration.ofSeconds(2), get(uri));

        assertThat(result.sent()).as(result::summary).isCloseTo(400L, within(1L));
        assertThat(result.succeeded()).as(result::summary).isEqualTo(result.sent());
        assertThat(result.failed()).as(result::summary).isZero();
        assertThat(result.latencyMicros().getTotalCount()).as(result::summary).isEqualTo(result.sent());
    }

    @Test
    void shouldShowTheServersQueueInLatencyWhenArrivalsOutpaceIt() throws IOException {
        // One request at a time, 50 ms each: 20/s against 100/s arriving, so the queue grows all run long and the
        // last requests wait seconds. A closed-loop client would instead slow down to 20/s and report about 50 ms.
        URI uri = serve(Executors.newSingleThreadExecutor(), exchange -> {
            sleep(Duration.ofMillis(50));
            answering(200).handle(exchange);
        });

        OpenModelLoad.Result result = OpenModelLoad.run(client, 100, Duration.ofSeconds(2), get(uri));

        assertThat(result.sent()).as(result::summary).isCloseTo(200L, within(1L));
        assertThat(result.succeeded() + result.failed()).as(result::summary).isEqualTo(result.sent());
        assertThat(result.percentileMillis(99)).as(result::summary).isGreaterThan(1_000);
    }

    @Test
    void shouldRecordLatencyFromScheduledStartNotFromSend() throws IOException {
        // The generator itself stalls for 500 ms before request 200 (as in a GC pause), so requests 200 and on go out
        // late in a burst. The server is fast, so measured from sending they would all look quick; measured from
        // their scheduled start, the first 20 of them (5% of the run) were at least 400 ms late.
        URI uri = serve(Executors.newCachedThreadPool(), answering(200));
        LongFunction<HttpRequest> stallingBeforeRequest200 = i -> {
            if (i == 200) {
                sleep(Duration.ofMillis(500));
            }
            return get(uri).apply(i);
        };

        OpenModelLoad.Result result = OpenModelLoad.run(client, 200, Duration.ofSeconds(2), stallingBeforeRequest200);

        assertThat(result.sent()).as(result::summary).isCloseTo(400L, within(1L));
        assertThat(result.succeeded()).as(result::summary).isEqualTo(result.sent());
        assertThat(result.percentileMillis(99)).as(result::summary).isGreaterThan(400);
    }

    @Test
    void shouldCountErrorAnswersAsFailed() throws IOException {
        URI uri = serve(Executors.newCachedThreadPool(), answering(500));

        OpenModelLoad.Result result = OpenModelLoad.run(client, 50, Duration.ofSeconds(1), get(uri));

        assertThat(result.sent()).as(result::summary).isCloseTo(50L, within(1L));
        assertThat(result.succeeded()).as(result::summary).isZero();
        assertThat(result.failed()).as(result::summary).isEqualTo(result.sent());
        // A failure is not faster than a success: its latency counts as well.
        assertThat(result.latencyMicros().getTotalCount()).as(result::summary).isEqualTo(result.sent());
    }

    @Test
    void shouldCountRefusedConnectionsAsFailed() throws IOException {
        URI nobodyListening;
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            nobodyListening = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }

        OpenModelLoad.Result result = OpenModelLoad.run(client, 20, Duration.ofMillis(500), get(nobodyListening));

        assertThat(result.sent()).as(result::summary).isCloseTo(10L, within(1L));
        assertThat(result.failed()).as(result::summary).isEqualTo(result.sent());
        assertThat(result.latencyMicros().getTotalCount()).as(result::summary).isEqualTo(result.sent());
    }

    private URI serve(ExecutorService threads, HttpHandler handler) throws IOException {
        serverThreads = threads;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", handler);
        server.setExecutor(threads);
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static HttpHandler answering(int status) {
        return exchange -> {
            try (HttpExchange closing = exchange) {
                closing.getRequestBody().readAllBytes();
                closing.sendResponseHeaders(status, -1); // -1: no body
            }
        };
    }

    /** Each request names its sequence number, as benchmarks use it to pick what to ask for. */
    private static LongFunction<HttpRequest> get(URI base) {
        return i -> HttpRequest.newBuilder(base.resolve("items/" + i)).GET().build();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
