package com.dcbeacon.brand.benchmark;

import static org.awaitility.Awaitility.await;

import com.dcbeacon.brand.Brands;
import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.events.payload.StockAllocated;
import com.dcbeacon.platform.testing.TestInfrastructure;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * How fast brand-service applies box-service's stock deltas from Kafka: per round, {@code benchmark.stock.events}
 * {@code StockAllocated} events (default 2,000, one unit each) over {@code benchmark.stock.products} new products (20),
 * each product's events numbered 1, 2, … as box-service's outbox numbers them, are put on {@code box-events} at once
 * (one producer, {@code acks=all}); the round's time runs from the first send until the products' stock in brand-service's
 * database has gone down by every unit. Prints events per second and the load average for each of
 * {@code benchmark.stock.rounds} rounds (5); the first rounds are the JIT's warm-up. Each applied event is one inbox
 * transaction: the stock row, the inbox's rows and a {@code ProductStockChanged} in the outbox. Not part of the normal
 * test run (the name does not end in Test); run it with the command in brand-service/README.md.
 */
@QuarkusTest
class StockEventsBenchmark {

    private static final int STOCK = 1_000_000;
    private static final String CYCLE = YearMonth.now().plusMonths(1).toString();

    @Inject
    EventCodec codec;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void applyStockDeltas() throws Exception {
        int events = Integer.getInteger("benchmark.stock.events", 2000);
        int productCount = Integer.getInteger("benchmark.stock.products", 20);
        int rounds = Integer.getInteger("benchmark.stock.rounds", 5);
        Properties props = new Properties();
        props.put(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.get().kafkaBootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int round = 1; round <= rounds; round++) {
                UUID brand = Brands.onboard();
                List<UUID> products = new ArrayList<>();
                for (int p = 0; p < productCount; p++) {
                    products.add(UUID.fromString(Brands.createProduct(brand, "STOCK-" + p, STOCK)));
                }
                List<ProducerRecord<String, String>> records = new ArrayList<>();
                for (int i = 0; i < events; i++) {
                    UUID product = products.get(i % productCount);
                    long sequence = i / productCount + 1;
                    String event = codec.write(codec.wrap(
                                    EventType.STOCK_ALLOCATED,
                                    "/box-service",
                                    product.toString(),
                                    new StockAllocated(UUID.randomUUID(), product, CYCLE, 1, OffsetDateTime.now()))
                            .withSequence(sequence));
                    records.add(new ProducerRecord<>(Topics.BOX_EVENTS, product.toString(), event));
                }
                String load = loadAverage();
                long start = System.nanoTime();
                records.forEach(producer::send);
                producer.flush();
                long sent = System.nanoTime();
                long expected = (long) STOCK * productCount - events;
                await().atMost(Duration.ofMinutes(10))
                        .pollInterval(Duration.ofMillis(10))
                        .until(() -> stockOf(products) == expected);
                long applied = System.nanoTime();
                System.out.printf(
                        "[stock events] round %d: %d events over %d products on Kafka in %d ms, applied in %d ms:"
                                + " %.0f events/s; load average %s -> %s%n",
                        round,
                        events,
                        productCount,
                        (sent - start) / 1_000_000,
                        (applied - start) / 1_000_000,
                        events * 1e9 / (applied - start),
                        load,
                        loadAverage());
            }
        }
    }

    private long stockOf(List<UUID> products) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("select sum(stock) from product where id = any(?)")) {
            s.setArray(1, c.createArrayOf("uuid", products.toArray()));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static String loadAverage() {
        return String.format(
                "%.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
}
