package com.dcbeacon.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plain Kafka clients against the test broker: send raw records, read a topic from the beginning. */
public final class KafkaTestClient {

    private KafkaTestClient() {}

    /** Sends a record and waits for the broker's acknowledgement. */
    public static void send(String topic, String key, String value) {
        sendAcknowledged(topic, key, value);
    }

    /** Sends a record, waits for the broker's acknowledgement and returns it: the record's partition and offset. */
    public static RecordMetadata sendAcknowledged(String topic, String key, String value) {
        return sendAcknowledged(topic, key, value, Map.of());
    }

    /** The same with record headers (UTF-8 values). */
    public static RecordMetadata sendAcknowledged(String topic, String key, String value, Map<String, String> headers) {
        return sendAcknowledged(TestInfrastructure.get().kafkaBootstrapServers(), topic, key, value, headers);
    }

    /** The same on another broker, e.g. one a system test started itself. */
    public static RecordMetadata sendAcknowledged(
            String bootstrapServers, String topic, String key, String value, Map<String, String> headers) {
        try (KafkaProducer<String, String> producer = producer(bootstrapServers, Map.of())) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
            headers.forEach((name, header) -> record.headers().add(name, header.getBytes(StandardCharsets.UTF_8)));
            return producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /**
     * Sends records with one key as one produce request, waiting for the broker's acknowledgement: they are stored as one
     * record batch of the key's partition, which a consumer's fetch returns whole, so they reach a consumer in one poll
     * (unless it is positioned inside them). Returns the partition and offset of each, in order.
     */
    public static List<RecordMetadata> sendTogether(String topic, String key, List<String> values) {
        // Held until flush: nothing is sent before every record is in the producer's batch.
        try (KafkaProducer<String, String> producer = producer(
                TestInfrastructure.get().kafkaBootstrapServers(), Map.of(ProducerConfig.LINGER_MS_CONFIG, "60000"))) {
            List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            producer.flush();
            List<RecordMetadata> acknowledged = new ArrayList<>();
            for (java.util.concurrent.Future<RecordMetadata> each : sent) {
                acknowledged.add(each.get());
            }
            return acknowledged;
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** A producer waiting for every in-sync replica ({@code acks=all}), with {@code settings} on top. */
    private static KafkaProducer<String, String> producer(String bootstrapServers, Map<String, String> settings) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(settings);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every record on the topic now, read from the beginning until {@code quiet} passes with nothing new. */
    public static List<ConsumerRecord<String, String>> readAll(String topic, Duration quiet) {
        return readAll(TestInfrastructure.get().kafkaBootstrapServers(), topic, quiet);
    }

    /** The same on another broker, e.g. one a system test started itself. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic, Duration quiet) {
        return read(bootstrapServers, topic, r -> false, quiet);
    }

    /** Reads the topic from the beginning until a record matches or {@code timeout} passes. */
    public static Optional<ConsumerRecord<String, String>> await(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return read(TestInfrastructure.get().kafkaBootstrapServers(), topic, match, timeout).stream()
                .filter(match)
                .findFirst();
    }

    private static List<ConsumerRecord<String, String>> read(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, String>> stopAt, Duration limit) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(limit);
            Instant quietUntil = Instant.now().plus(limit);
            while (Instant.now().isBefore(deadline) || Instant.now().isBefore(quietUntil)) {
                var batch = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<String, String> record : batch) {
                    records.add(record);
                    if (stopAt.test(record)) {
                        return records;
                    }
                }
                if (!batch.isEmpty()) {
                    quietUntil = Instant.now().plus(limit);
                    deadline = quietUntil;
                }
            }
        }
        return records;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> all = new java.util.TreeMap<>();
        record.headers()
                .forEach(h ->
                        all.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8)));
        return all;
    }
}
