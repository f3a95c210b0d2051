package com.dcbeacon.platform.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Plain Kafka clients against the test broker: send raw records, read a topic from the beginning. */
public final class KafkaTestClient {

    /** How long {@link #readAll} may take to read a topic to its end offsets before it gives up. */
    static final int READ_TO_END_SECONDS = 60;

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

    /**
     * Every record on the topic now: each partition read from its beginning up to its end offset as the broker gave it
     * when called (records appended later are left out), so the answer does not depend on how long the reader waits. A
     * topic that does not exist has no records (reading it does not create it). Something published asynchronously (an
     * outbox's event) may not be there yet: in a service's own tests read it with {@link Published#all}, which first
     * waits for the outbox; elsewhere anchor on a record known to come after it.
     *
     * @throws IllegalStateException naming the topic if it cannot be read to that end within
     *     {@value #READ_TO_END_SECONDS} s in all (the broker away)
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic) {
        return readAll(TestInfrastructure.get().kafkaBootstrapServers(), topic);
    }

    /** The same on another broker, e.g. one a system test started itself. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrapServers, String topic) {
        Instant deadline = Instant.now().plusSeconds(READ_TO_END_SECONDS);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = reader(bootstrapServers)) {
            List<TopicPartition> partitions = partitionsOf(consumer, topic, left(deadline)); // none: no such topic
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, left(deadline));
            while (true) {
                boolean behind = false;
                for (TopicPartition partition : partitions) {
                    behind |= consumer.position(partition, left(deadline)) < end.get(partition);
                }
                if (!behind) {
                    return records;
                }
                if (!Instant.now().isBefore(deadline)) {
                    throw new IllegalStateException(
                            topic + " not read to its end offsets " + end + " in " + READ_TO_END_SECONDS + " s");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        } catch (KafkaException e) {
            throw new IllegalStateException(
                    "cannot read " + topic + " to its end within " + READ_TO_END_SECONDS + " s: " + e, e);
        }
    }

    /** Reads the topic from the beginning until a record matches (returned) or {@code timeout} passes (empty). */
    public static Optional<ConsumerRecord<String, String>> await(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        return await(TestInfrastructure.get().kafkaBootstrapServers(), topic, match, timeout);
    }

    /**
     * The same on another broker. A topic not there yet (a dead-letter topic before its first record) is waited for; a
     * broker that does not answer within {@code timeout} gives empty too.
     */
    public static Optional<ConsumerRecord<String, String>> await(
            String bootstrapServers, String topic, Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, String> consumer = reader(bootstrapServers)) {
            List<TopicPartition> partitions;
            try {
                // Not created yet: asked again every 100 ms, on this thread (the consumer is not thread-safe).
                partitions = Awaitility.await()
                        .atMost(left(deadline))
                        .pollInSameThread()
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreException(org.apache.kafka.common.errors.TimeoutException.class)
                        .until(
                                () -> partitionsOf(consumer, topic, shorter(left(deadline), Duration.ofSeconds(1))),
                                found -> !found.isEmpty());
            } catch (ConditionTimeoutException e) {
                return Optional.empty();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (match.test(record)) {
                        return Optional.of(record);
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            return Optional.empty(); // the broker did not answer in time: nothing matched within the timeout
        }
        return Optional.empty();
    }

    /** A reader without a consumer group: it is assigned partitions, commits nothing and never creates a topic. */
    private static KafkaConsumer<String, String> reader(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    private static Duration shorter(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    /** Time left until {@code deadline}, at least a millisecond (Kafka's clients refuse a zero or negative timeout). */
    private static Duration left(Instant deadline) {
        Duration left = Duration.between(Instant.now(), deadline);
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private static List<TopicPartition> partitionsOf(
            KafkaConsumer<String, String> consumer, String topic, Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
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
