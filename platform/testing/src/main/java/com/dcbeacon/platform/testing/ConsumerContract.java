package com.dcbeacon.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventSchemas;
import com.dcbeacon.platform.events.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * What every event consumer of the platform must do, proven on the real broker and database:
 * apply an event, apply a redelivered event once, send a poison record to its dead-letter topic
 * and keep consuming the partition. A service's test extends this for each consumer.
 */
public abstract class ConsumerContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    protected EventCodec codec;

    @Inject
    protected EntityManager em;

    @Inject
    MeterRegistry registry;

    @Inject
    ObjectMapper mapper;

    /** The consumer's name: its group id and inbox name, e.g. {@code box-service}. */
    protected abstract String consumerName();

    protected abstract String sourceTopic();

    /** A valid event about the aggregate, built through the shared schema (the consumer-side contract check). */
    protected abstract EventEnvelope validEvent(UUID aggregateId);

    /** How many times the event's effect is visible for the aggregate, e.g. replica rows. */
    protected abstract long effectCount(UUID aggregateId);

    @Test
    void shouldApplyAnEventFromTheBroker() throws Exception {
        UUID id = UUID.randomUUID();
        EventEnvelope event = validEvent(id);
        assertThat(EventSchemas.envelopeProblems(mapper.readTree(codec.write(event))))
                .isEmpty();

        KafkaTestClient.send(sourceTopic(), id.toString(), codec.write(event));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(inTransaction(() -> effectCount(id))).isEqualTo(1L));
    }

    /** A newer producer added an optional field and a CloudEvents extension: this consumer still applies the event. */
    @Test
    void shouldApplyAnEventWithAFieldANewerProducerAdded() throws Exception {
        UUID id = UUID.randomUUID();
        com.fasterxml.jackson.databind.node.ObjectNode evolved =
                (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(codec.write(validEvent(id)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) evolved.get("data")).put("addedByANewerProducer", "ignored");
        evolved.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");

        KafkaTestClient.send(sourceTopic(), id.toString(), mapper.writeValueAsString(evolved));

        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(inTransaction(() -> effectCount(id))).isEqualTo(1L));
    }

    @Test
    void shouldApplyARedeliveredEventOnce() {
        UUID id = UUID.randomUUID();
        String value = codec.write(validEvent(id));
        double duplicatesBefore = duplicates();

        KafkaTestClient.send(sourceTopic(), id.toString(), value);
        KafkaTestClient.send(sourceTopic(), id.toString(), value);
        // Same key, same partition: once this poison record is dead-lettered, both copies were handled.
        KafkaTestClient.send(sourceTopic(), id.toString(), "marker, not an event");
        awaitDeadLetter(id);

        assertThat(inTransaction(() -> effectCount(id))).isEqualTo(1L);
        assertThat(inTransaction(() -> ((Number) em.createNativeQuery(
                                        "select count(*) from processed_event where consumer = ?1 and event_id = ?2")
                                .setParameter(1, consumerName())
                                .setParameter(2, codec.read(value).id())
                                .getSingleResult())
                        .longValue()))
                .isEqualTo(1L);
        assertThat(duplicates()).isEqualTo(duplicatesBefore + 1);
        assertThat(KafkaTestClient.readAll(deadLetterTopic()))
                .filteredOn(r -> id.toString().equals(r.key()))
                .as("only the marker is dead-lettered, never the valid event")
                .hasSize(1);
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndKeepConsuming() {
        UUID id = UUID.randomUUID();
        KafkaTestClient.send(sourceTopic(), id.toString(), "{\"this is\": \"not an event\"");
        KafkaTestClient.send(sourceTopic(), id.toString(), codec.write(validEvent(id)));

        ConsumerRecord<String, String> dead = awaitDeadLetter(id);
        assertThat(KafkaTestClient.header(dead, "dead-letter-reason")).contains("not JSON");
        assertThat(KafkaTestClient.header(dead, "dead-letter-topic")).isEqualTo(sourceTopic());
        await().atMost(TIMEOUT)
                .untilAsserted(
                        () -> assertThat(inTransaction(() -> effectCount(id))).isEqualTo(1L));
    }

    /**
     * A poison record between two valid events, sent as one record batch (so fetched together, in one poll): the poison
     * alone goes to the dead-letter topic, the events before and after it are applied once and never dead-lettered. A
     * channel that took a poll at a time and let SmallRye nack the whole batch, or applied a poll in one transaction, would
     * fail this (see docs/messaging.md, "A poll at a time was measured, and not kept").
     */
    @Test
    void shouldDeadLetterAPoisonRecordAloneWithinAPoll() {
        UUID before = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        UUID key = UUID.randomUUID(); // one key: one partition, one record batch
        String poison = "{\"a poison record between\": \"" + before + "\"";
        var sent = KafkaTestClient.sendTogether(
                sourceTopic(),
                key.toString(),
                java.util.List.of(codec.write(validEvent(before)), poison, codec.write(validEvent(after))));
        assertThat(sent)
                .as("stored side by side in one partition")
                .extracting(m -> m.partition(), m -> m.offset() - sent.get(0).offset())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(sent.get(0).partition(), 0L),
                        org.assertj.core.groups.Tuple.tuple(sent.get(0).partition(), 1L),
                        org.assertj.core.groups.Tuple.tuple(sent.get(0).partition(), 2L));

        await().atMost(TIMEOUT).untilAsserted(() -> {
            assertThat(inTransaction(() -> effectCount(before))).isEqualTo(1L);
            assertThat(inTransaction(() -> effectCount(after))).isEqualTo(1L);
        });
        awaitDeadLetter(key); // the anchor: the poison record is dead-lettered, so the whole topic can be read now
        assertThat(KafkaTestClient.readAll(deadLetterTopic()))
                .filteredOn(r -> key.toString().equals(r.key()))
                .extracting(ConsumerRecord::value)
                .as("only the poison record is dead-lettered")
                .containsExactly(poison);
    }

    protected String deadLetterTopic() {
        return Topics.deadLetter(sourceTopic(), consumerName());
    }

    private ConsumerRecord<String, String> awaitDeadLetter(UUID key) {
        return KafkaTestClient.await(deadLetterTopic(), r -> key.toString().equals(r.key()), TIMEOUT)
                .orElseThrow(() -> new AssertionError("nothing for " + key + " on " + deadLetterTopic()));
    }

    private double duplicates() {
        return registry.find("dcbeacon.inbox.duplicates").tag("consumer", consumerName()).counters().stream()
                .mapToDouble(c -> c.count())
                .sum();
    }

    private static <T> T inTransaction(java.util.concurrent.Callable<T> work) {
        return QuarkusTransaction.requiringNew().call(work);
    }
}
