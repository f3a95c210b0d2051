package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.kafka.KafkaBroker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ports for the brokers, databases and services that tests and the local stack start on this machine. */
class KafkaBrokerPortsTest {

    @Test
    void freePortsAreDistinctBindableAndBelowTheEphemeralRange() throws IOException {
        int ephemeralLow = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
                .get(0)
                .trim()
                .split("\\s+")[0]);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = KafkaBroker.freePort();
            assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
            assertThat(port).isBetween(10_000, ephemeralLow - 1);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(port));
            }
        }
    }

    @Test
    void aBrokerWhosePortIsTakenSaysSoAndStartsOnceItIsFree(@TempDir Path directory) throws IOException {
        int port = KafkaBroker.freePort();
        KafkaBroker broker = KafkaBroker.in(directory, port);
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(port));
            assertThatThrownBy(() -> broker.start(Duration.ofSeconds(60)))
                    .hasMessageContaining("exited at start")
                    .hasMessageContaining("Address already in use");
        }
        try (broker) {
            broker.start(Duration.ofSeconds(60));
            assertThat(broker.isRunning()).isTrue();
            assertThat(broker.bootstrapServers()).isEqualTo("127.0.0.1:" + port);
        }
    }
}
