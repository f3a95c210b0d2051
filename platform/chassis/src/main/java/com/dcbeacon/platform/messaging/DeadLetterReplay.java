package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.Topics;
import com.dcbeacon.platform.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Replays this service's dead letters of one source topic once their cause is fixed: reads
 * {@code <topic>.dlq.<service>} with a plain Kafka consumer (no consumer group; the connection settings are the
 * service's {@code kafka.*} configuration) and applies each record through the same {@link InboundEvents#apply}, with
 * the same consumer name and handlers, as the topic's {@code @Incoming} method ({@link EventConsumer}). So the inbox
 * keeps it exactly once, erased members' events are still dropped and transient faults are waited out. Nothing is
 * published anywhere: other services never see a replay.
 *
 * <p>Where each partition stands is kept in {@code dead_letter_replay}: {@code next_offset}, the first record not yet
 * applied (a record that still fails keeps it there, so it is tried again next time), and {@code read_offset}, how far
 * earlier replays read (records after a still-failing one are read again next time, and found already applied; they
 * are not counted again). Positions are stored after every poll, so an interrupted replay keeps what it did.
 */
@ApplicationScoped
public class DeadLetterReplay {

    private static final Logger LOG = Logger.getLogger(DeadLetterReplay.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** Kafka delivered nothing though records are left to read: it is away or unreachable. */
    private static final Duration STALLED = Duration.ofSeconds(30);

    /** A record that failed again; it stays on the dead-letter topic and is tried again by the next replay. */
    public record StillFailing(int partition, long offset, String reason) {}

    /** Records applied now, records found already applied, records that still fail. */
    public record Report(int replayed, int alreadyApplied, List<StillFailing> stillFailing) {}

    private final InboundEvents events;
    private final Instance<EventConsumer> consumers;
    private final EntityManager em;
    private final Map<String, Object> kafka;
    private final String service;

    public DeadLetterReplay(
            InboundEvents events,
            Instance<EventConsumer> consumers,
            EntityManager em,
            @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.events = events;
        this.consumers = consumers;
        this.em = em;
        this.kafka = kafka;
        this.service = service;
    }

    /** Replays the dead letters of {@code topic}, a source topic this service consumes; 400 naming topic otherwise. */
    public Report replay(String topic) {
        Map<String, EventConsumer.Handlers> byTopic = handlersByTopic();
        EventConsumer.Handlers handlers = byTopic.get(topic);
        if (handlers == null) {
            throw ProblemException.invalidField(
                    "topic",
                    "not a topic " + service + " consumes; it consumes "
                            + String.join(", ", new TreeSet<>(byTopic.keySet())));
        }
        String deadLetters = Topics.deadLetter(topic, service);
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            Report report = new Run(consumer, topic, deadLetters, handlers).replay();
            LOG.infof(
                    "Replayed %s: %d applied, %d already applied, %d still failing",
                    deadLetters,
                    report.replayed(),
                    report.alreadyApplied(),
                    report.stillFailing().size());
            return report;
        } catch (KafkaException e) {
            LOG.warnf("Replay of %s interrupted: %s", deadLetters, e.toString());
            throw new ProblemException(
                    503,
                    "Service Unavailable",
                    "Kafka could not be read (" + e.getMessage()
                            + "); what was replayed so far stays replayed, call again");
        }
    }

    private Map<String, EventConsumer.Handlers> handlersByTopic() {
        return consumers.stream()
                .flatMap(c -> c.handlersByTopic().entrySet().stream())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dead-letter-replay");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }

    @SuppressWarnings("unchecked")
    private Map<Integer, long[]> positions(String deadLetters) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery(
                                        "select partition, next_offset, read_offset from dead_letter_replay where topic = ?1")
                                .setParameter(1, deadLetters)
                                .getResultList())
                        .stream().collect(Collectors.toMap(r -> ((Number) r[0]).intValue(), r ->
                                new long[] {((Number) r[1]).longValue(), ((Number) r[2]).longValue()})));
    }

    /** Stores each partition's {next_offset, read_offset}; neither ever moves back (another replay may be ahead). */
    private void store(String deadLetters, Map<Integer, long[]> positions) {
        if (positions.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew()
                .run(() -> positions.forEach((partition, position) -> em.createNativeQuery("""
                insert into dead_letter_replay (topic, partition, next_offset, read_offset, replayed_at)
                values (?1, ?2, ?3, ?4, now())
                on conflict (topic, partition) do update set
                    next_offset = greatest(dead_letter_replay.next_offset, excluded.next_offset),
                    read_offset = greatest(dead_letter_replay.read_offset, excluded.read_offset),
                    replayed_at = now()""")
                        .setParameter(1, deadLetters)
                        .setParameter(2, partition)
                        .setParameter(3, position[0])
                        .setParameter(4, position[1])
                        .executeUpdate()));
    }

    /** One replay of one dead-letter topic, from the stored positions to the end the topic had when it began. */
    private final class Run {

        private final KafkaConsumer<String, String> consumer;
        private final String deadLetters;
        /** The source topic the dead letters were read from. */
        private final String topic;

        private final EventConsumer.Handlers handlers;
        /** Per partition {next_offset, read_offset} as stored when the replay began. */
        private final Map<Integer, long[]> stored;
        /** Per partition {next_offset, read_offset} as this replay moved them. */
        private final Map<Integer, long[]> moved = new HashMap<>();
        /** Partitions in which a record failed again: their next_offset stays at that record. */
        private final Set<Integer> blocked = new HashSet<>();

        private final List<StillFailing> stillFailing = new ArrayList<>();
        private int replayed;
        private int alreadyApplied;

        Run(KafkaConsumer<String, String> consumer, String topic, String deadLetters, EventConsumer.Handlers handlers) {
            this.consumer = consumer;
            this.topic = topic;
            this.deadLetters = deadLetters;
            this.handlers = handlers;
            this.stored = positions(deadLetters);
        }

        Report replay() {
            List<TopicPartition> partitions = consumer.partitionsFor(deadLetters).stream()
                    .map(p -> new TopicPartition(deadLetters, p.partition()))
                    .toList();
            consumer.assign(partitions);
            for (TopicPartition p : partitions) {
                long[] position = stored.get(p.partition());
                if (position == null) {
                    consumer.seekToBeginning(List.of(p));
                } else {
                    consumer.seek(p, position[0]);
                }
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant lastRecord = Instant.now();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                var records = consumer.poll(POLL);
                Map<Integer, long[]> advanced = new HashMap<>();
                for (ConsumerRecord<String, String> record : records) {
                    if (record.offset() < end.get(new TopicPartition(deadLetters, record.partition()))) {
                        apply(record);
                        advanced.put(record.partition(), moved.get(record.partition()));
                    }
                }
                store(deadLetters, advanced);
                if (!records.isEmpty()) {
                    lastRecord = Instant.now();
                } else if (Duration.between(lastRecord, Instant.now()).compareTo(STALLED) > 0) {
                    throw new KafkaException(
                            "no record of " + deadLetters + " arrived for " + STALLED.toSeconds() + " s");
                }
            }
            return new Report(replayed, alreadyApplied, List.copyOf(stillFailing));
        }

        private void apply(ConsumerRecord<String, String> record) {
            int partition = record.partition();
            long readBefore = stored.containsKey(partition) ? stored.get(partition)[1] : 0;
            boolean applies;
            try {
                if (events.apply(handlers.consumer(), topic, record.value(), handlers.byType())) {
                    replayed++;
                } else if (record.offset() >= readBefore) {
                    alreadyApplied++;
                }
                applies = true;
            } catch (RuntimeException e) {
                applies = false;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                stillFailing.add(new StillFailing(partition, record.offset(), reason));
                LOG.warnf("Dead letter %s-%d@%d still fails: %s", deadLetters, partition, record.offset(), reason);
            }
            long[] position = moved.computeIfAbsent(partition, p -> new long[] {record.offset(), record.offset()});
            if (!blocked.contains(partition)) {
                position[0] = applies ? record.offset() + 1 : record.offset();
            }
            if (!applies) {
                blocked.add(partition);
            }
            position[1] = Math.max(position[1], record.offset() + 1);
        }
    }
}
