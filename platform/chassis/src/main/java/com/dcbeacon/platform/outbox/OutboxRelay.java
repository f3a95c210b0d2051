package com.dcbeacon.platform.outbox;

import com.dcbeacon.platform.messaging.DeadLetterUnlessStopping;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.Session;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka in insertion order, at least once. Per message key (the aggregate) the order
 * holds in Kafka too: a key's next event is sent only after its previous one was acknowledged.
 *
 * <p>One relay per database holds a transaction-scoped advisory lock, so several instances of a
 * service never publish out of order. Rows are deleted only once Kafka acknowledged them, and only
 * the acknowledged prefix of a batch, so a broker outage leaves the backlog in place for the next
 * run instead of losing or reordering it. Duplicates after a crash are possible by design;
 * consumers deduplicate on the event id.
 *
 * <p>A commit that recorded events {@linkplain #nudge() nudges} the relay, so events leave at once instead of
 * waiting up to a poll interval (measured: see docs/benchmarks.md). Polling stays as the safety net for rows a
 * nudge missed: another instance's, or those kept while the broker was down.
 */
@ApplicationScoped
@Startup // created at start, not on first use: its metrics are there from the first scrape
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /**
     * The PostgreSQL advisory lock a batch takes ({@code pg_try_advisory_xact_lock}; an arbitrary key, the same in each
     * service's database), so one replica relays at a time;
     * a batch that cannot take it sends nothing. Whoever holds it holds the relay (tests do, to prove what waits for it).
     */
    public static final long RELAY_LOCK = 0x0DCBEAC0L;

    private static final String SELECT =
            "select id, event_id, topic, message_key, event_type, envelope from outbox_event order by id limit ?";
    private static final String DELETE = "delete from outbox_event where id = any(?)";
    private static final List<String> TRACE_CONTEXT = List.of("traceparent", "tracestate");

    private final MutinyEmitter<String> emitter;
    private final ObjectMapper mapper;
    private final EntityManager em;
    private final int batchSize;
    private final Duration ackTimeout;
    private final Counter published;
    private final Counter failures;
    private final boolean relayOnCommit;
    private final OutboxParking parking;
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** Hands records to Kafka with no transaction context (see sendInOrder). */
    private final ExecutorService sender = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay-send").factory());
    /** One thread: nudges never relay concurrently with each other, and many nudges coalesce into one run. */
    private final ExecutorService nudges = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("outbox-relay-nudge").factory());

    public OutboxRelay(
            @Channel("outbox") MutinyEmitter<String> emitter,
            EntityManager em,
            MeterRegistry registry,
            @ConfigProperty(name = "dcbeacon.outbox.batch-size", defaultValue = "200") int batchSize,
            @ConfigProperty(name = "dcbeacon.outbox.ack-timeout", defaultValue = "PT40S") Duration ackTimeout,
            @ConfigProperty(name = "dcbeacon.outbox.relay-on-commit", defaultValue = "true") boolean relayOnCommit,
            OutboxParking parking,
            ObjectMapper mapper) {
        this.parking = parking;
        this.mapper = mapper;
        this.relayOnCommit = relayOnCommit;
        this.emitter = emitter;
        this.em = em;
        this.batchSize = batchSize;
        this.ackTimeout = ackTimeout;
        this.published = registry.counter("dcbeacon.outbox.published");
        this.failures = registry.counter("dcbeacon.outbox.relay.failures");
        registry.gauge("dcbeacon.outbox.pending", this, OutboxRelay::pendingQuietly);
    }

    @Scheduled(
            every = "${dcbeacon.outbox.poll-interval:1s}",
            delayed = "${dcbeacon.outbox.start-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void relayPending() {
        try {
            int relayed;
            do {
                relayed = relayBatch();
            } while (relayed == batchSize);
        } catch (RuntimeException e) {
            if (DeadLetterUnlessStopping.stopping()) {
                // The persistence unit closes while the service stops: the rows wait for the next start, not a fault.
                LOG.debugf("Outbox relay stopped with the service: %s", e.getMessage());
                return;
            }
            failures.increment();
            LOG.warnf("Outbox relay paused, will retry: %s", e.getMessage());
        }
    }

    /** Called after a transaction that recorded events committed: relay now rather than at the next poll. */
    public void nudge() {
        if (relayOnCommit && nudged.compareAndSet(false, true)) {
            nudges.execute(() -> {
                nudged.set(false); // a commit from here on queues one more run, so nothing waits for the poll
                relayPending();
            });
        }
    }

    @jakarta.annotation.PreDestroy
    void stopNudges() {
        nudges.shutdownNow();
        sender.shutdownNow();
    }

    /**
     * Publishes up to one batch; returns how many rows left the outbox: acknowledged and deleted, or parked (refused by
     * Kafka, or waiting behind a parked row of their key). A full batch means more may be waiting.
     */
    int relayBatch() {
        return QuarkusTransaction.requiringNew()
                .timeout((int) ackTimeout.toSeconds() + 20)
                .call(() -> {
                    Boolean locked = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                            .setParameter(1, RELAY_LOCK)
                            .getSingleResult();
                    if (!Boolean.TRUE.equals(locked)) {
                        return 0;
                    }
                    List<Row> rows = pendingRows();
                    if (rows.isEmpty()) {
                        return 0;
                    }
                    // Rows whose key has a parked predecessor wait behind it, so one aggregate's events never overtake
                    // each other.
                    java.util.Set<String> parkedKeys = parking.parkedKeys();
                    List<Row> batch = new ArrayList<>();
                    int held = 0;
                    for (Row row : rows) {
                        if (parkedKeys.contains(row.key())) {
                            parking.park(row, "waiting behind a parked event of the same key");
                            held++;
                        } else {
                            batch.add(row);
                        }
                    }
                    Sent sent = batch.isEmpty() ? new Sent(List.of(), 0) : sendInOrder(batch);
                    if (!sent.done().isEmpty()) {
                        deleteRows(sent.done());
                    }
                    return sent.done().size() + held + sent.parked();
                });
    }

    /**
     * One statement whatever the count: an HQL {@code in} list is a new statement for every list length, which Hibernate
     * translated again for nearly every batch (a sizeable part of the relay's CPU under a steady write load).
     */
    private void deleteRows(List<Long> ids) {
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                delete.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                delete.executeUpdate();
            }
        });
    }

    /**
     * The next batch of rows in outbox order, read as plain values: the relay only sends and deletes them, so it needs
     * no managed entity (a persistence-context entry and snapshot each) per row.
     */
    private List<Row> pendingRows() {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT)) {
                select.setInt(1, batchSize);
                List<Row> rows = new ArrayList<>(batchSize);
                try (java.sql.ResultSet r = select.executeQuery()) {
                    while (r.next()) {
                        rows.add(new Row(
                                r.getLong(1),
                                r.getObject(2, java.util.UUID.class),
                                r.getString(3),
                                r.getString(4),
                                r.getString(5),
                                r.getString(6)));
                    }
                }
                return rows;
            }
        });
    }

    /** What a batch came to: the ids Kafka acknowledged, in order, and how many rows were parked instead. */
    private record Sent(List<Long> done, int parked) {}

    private Sent sendInOrder(List<Row> batch) {
        List<CompletableFuture<Void>> acks;
        try {
            // Sent from a thread outside the relay's transaction: context propagation would otherwise carry the JTA
            // transaction into Kafka's callback threads, and Narayana refuses to commit a transaction other threads
            // are still active in (the batch would roll back and be published again).
            acks = sender.submit(() -> {
                        List<CompletableFuture<Void>> sent = new ArrayList<>(batch.size());
                        // One record per key in flight: the next event of a key is handed to Kafka only once the
                        // previous one
                        // is acknowledged. SmallRye's sink re-sends a record that failed transiently (a broker restart)
                        // as a new
                        // send, which would otherwise land behind a later event of the same aggregate.
                        java.util.Map<String, CompletableFuture<Void>> previousOfKey = new java.util.HashMap<>();
                        for (Row row : batch) {
                            CompletableFuture<Void> previous = previousOfKey.get(row.key());
                            CompletableFuture<Void> ack =
                                    previous == null ? send(row) : previous.thenComposeAsync(done -> send(row), sender);
                            previousOfKey.put(row.key(), ack);
                            sent.add(ack);
                        }
                        return sent;
                    })
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Sent(List.of(), 0);
        } catch (java.util.concurrent.ExecutionException e) {
            failures.increment();
            LOG.warnf("Outbox batch could not be handed to Kafka: %s", e.getCause());
            return new Sent(List.of(), 0);
        }
        List<Long> done = new ArrayList<>(batch.size());
        int parked = 0;
        java.util.Set<String> parkedInBatch = new java.util.HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            if (parkedInBatch.contains(batch.get(i).key())) {
                // Never sent: it was chained behind its key's parked predecessor.
                parking.park(batch.get(i), "waiting behind a parked event of the same key");
                parked++;
                continue;
            }
            try {
                acks.get(i).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
                done.add(batch.get(i).id());
                published.increment();
            } catch (Exception e) {
                if (OutboxParking.isPermanent(e)) {
                    // Kafka will never take this record: park it with its error and let the stream go on.
                    parking.park(batch.get(i), String.valueOf(e.getCause() == null ? e : e.getCause()));
                    parkedInBatch.add(batch.get(i).key());
                    parked++;
                    continue;
                }
                // Keep this row and everything after it: a later retry publishes them in order.
                failures.increment();
                LOG.warnf(
                        "Outbox event %s not acknowledged by Kafka, keeping %d rows for retry: %s",
                        batch.get(i).eventId(), batch.size() - i, e.toString());
                break;
            }
        }
        return new Sent(done, parked);
    }

    private CompletableFuture<Void> send(Row row) {
        return emitter.sendMessage(toMessage(row)).subscribeAsCompletionStage();
    }

    private Message<String> toMessage(Row row) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", row.eventId().toString().getBytes(StandardCharsets.UTF_8));
        headers.add("ce_type", row.eventType().getBytes(StandardCharsets.UTF_8));
        // The publishing request's trace context, so the consumer's span continues its trace. The outbox channel's own
        // tracing is off (it would replace this with the relay thread's context, which belongs to no request).
        traceContext(mapper.getFactory(), row.envelope())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return Message.of(row.envelope())
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(row.topic())
                        .withKey(row.messageKey())
                        .withHeaders(headers)
                        .build());
    }

    /**
     * The envelope's top-level traceparent and tracestate, those it has as strings (a field named twice counts as its
     * last value, as in the envelope's tree); none when the envelope is not readable JSON. Read token by token, the
     * event's data skipped unbuilt rather than the whole tree built for two strings.
     */
    static java.util.Map<String, String> traceContext(JsonFactory json, String envelope) {
        java.util.Map<String, String> context = new java.util.LinkedHashMap<>(4);
        try (JsonParser parser = json.createParser(envelope)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return context;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!TRACE_CONTEXT.contains(name)) {
                    parser.skipChildren();
                } else if (value == JsonToken.VALUE_STRING) {
                    context.put(name, parser.getText());
                } else {
                    context.remove(name);
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            context.clear();
            LOG.debugf("Outbox event envelope unreadable, sent without trace context: %s", e.getMessage());
        }
        return context;
    }

    private double pendingQuietly() {
        try {
            return QuarkusTransaction.requiringNew()
                    .call(() -> ((Number) em.createQuery("select count(o) from OutboxEvent o")
                                    .getSingleResult())
                            .doubleValue());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** One outbox row as the relay reads it; {@link #key()} is its per-aggregate ordering key (topic and message key). */
    record Row(long id, java.util.UUID eventId, String topic, String messageKey, String eventType, String envelope) {

        String key() {
            return key(topic, messageKey);
        }

        static String key(String topic, String messageKey) {
            return topic + "\u0000" + messageKey;
        }
    }
}
