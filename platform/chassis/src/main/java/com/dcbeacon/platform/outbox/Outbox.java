package com.dcbeacon.platform.outbox;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.messaging.ErasedMembers;
import com.dcbeacon.platform.persistence.CopyRows;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjLongConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.Session;
import org.hibernate.engine.spi.SessionImplementor;

/**
 * Records an event in the caller's transaction. It reaches Kafka only if that transaction commits
 * ({@link OutboxRelay} publishes it afterwards), so no change goes unannounced and no event is invented.
 *
 * <p>Rows are written in one JDBC batch just before the transaction commits, after the business changes are
 * flushed. So a bulk change costs one round trip per few hundred events, and the outbox id (the relay's
 * order) is taken while the transaction holds its row locks: two transactions changing the same aggregate
 * get ids in commit order. Very large transactions write every {@value #WRITE_AHEAD} events as they go, and
 * {@link #recordFirst} writes those recorded before its batch when it is called.
 *
 * <p>Each event gets its {@code sequence} (CloudEvents sequence extension) among the events of its subject on its topic:
 * 1, 2, 3, ... with no gaps, counted in {@code outbox_sequence} and assigned when the rows are written, in the same
 * commit-time step as the outbox id, so the sequence follows the commit order too. Consumers use it to apply an
 * aggregate's events in order whatever happens on the way ({@code InboundEvents}). The counters are keyed by a SHA-256 of
 * the subject, never the subject itself, so a member's id does not outlive their erasure here.
 *
 * <p>The envelope carries the caller's W3C trace context ({@code traceparent}, {@code tracestate}): the relay sends
 * it along as a Kafka header, so the consumers' spans join the trace of the request that caused the event.
 */
@ApplicationScoped
public class Outbox {

    static final int WRITE_AHEAD = 1000;
    private static final String PENDING = Outbox.class.getName() + ".pending";
    /**
     * Advances the counters of every (topic, subject) in one statement, in a fixed order (so two transactions never wait
     * on each other's counters in a cycle), and returns each one's new last sequence.
     */
    private static final String ADVANCE = """
            insert into outbox_sequence (topic, subject_ref, last_sequence)
            select * from unnest(?::text[], ?::text[], ?::bigint[]) as n(topic, subject_ref, count) order by topic, subject_ref
            on conflict (topic, subject_ref) do update set last_sequence = outbox_sequence.last_sequence + excluded.last_sequence
            returning topic, subject_ref, last_sequence""";

    private static final String TABLE = "outbox_event";
    /** The columns the outbox writes, in the order of {@link #INSERT}'s parameters and of a first event's COPY row. */
    private static final List<String> COLUMNS =
            List.of("event_id", "topic", "message_key", "event_type", "envelope", "created_at");

    private static final String INSERT =
            "insert into " + TABLE + " (" + String.join(", ", COLUMNS) + ") values (?, ?, ?, ?, ?, ?)";

    private final EventCodec codec;
    private final String source;
    private final TransactionSynchronizationRegistry transactions;
    private final EntityManager em;
    private final OutboxRelay relay;

    public Outbox(
            EventCodec codec,
            @ConfigProperty(name = "quarkus.application.name") String applicationName,
            TransactionSynchronizationRegistry transactions,
            EntityManager em,
            OutboxRelay relay) {
        this.codec = codec;
        this.relay = relay;
        this.source = "/" + applicationName;
        this.transactions = transactions;
        this.em = em;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(EventType type, String subject, Object payload) {
        return publish(type.topic(), type, subject, payload);
    }

    /** For event types several services publish, each on its own topic (export parts, erasure confirmations). */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publish(String topic, EventType type, String subject, Object payload) {
        return record(topic, type, codec.wrap(type, source, subject, payload));
    }

    /**
     * An empty batch of first events: events that each open their subject's stream on their topic (a new aggregate's
     * first event, so its sequence is 1). Fill it on any thread ({@link FirstEvents#add}: the envelope is built, checked,
     * serialized and encoded as its outbox row there), then record it in a transaction with {@link #recordFirst}, which
     * only has to send the rows. For bulk creation where the thread holding the transaction should do nothing else.
     */
    public FirstEvents firstEvents() {
        return new FirstEvents();
    }

    /**
     * Records the batch's events in the caller's transaction, after any event it recorded before (so the relay keeps
     * the order in which they were recorded): advances the sequence counters of their subjects in one statement and
     * inserts the outbox rows with one COPY. A subject whose counter shows earlier events (its stream was not new after
     * all) gets its event with the sequence the counter gives, serialized again here. Published after the commit as
     * {@link #publish} events are.
     *
     * @throws IllegalArgumentException if the batch was filled through another {@code Outbox} instance
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordFirst(FirstEvents events) {
        if (events.outbox() != this) {
            throw new IllegalArgumentException("first events of another outbox");
        }
        List<Pending> pending = pending();
        write(pending);
        if (events.events.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            String[] topics = new String[events.events.size()];
            String[] refs = new String[events.events.size()];
            Long[] counts = new Long[events.events.size()];
            for (int i = 0; i < topics.length; i++) {
                FirstEvent event = events.events.get(i);
                topics[i] = event.topic();
                refs[i] = event.subjectRef();
                counts[i] = 1L;
            }
            // Streams whose counter showed earlier events, with the sequence their event gets instead of 1.
            Map<List<String>, Long> resequenced = new HashMap<>();
            advance(connection, topics, refs, counts, (stream, last) -> {
                if (last != 1) {
                    resequenced.put(stream, last);
                }
            });
            CopyRows rows = events.rows;
            if (!resequenced.isEmpty()) {
                rows = new CopyRows(TABLE, COLUMNS);
                for (FirstEvent event : events.events) {
                    long sequence = resequenced.getOrDefault(List.of(event.topic(), event.subjectRef()), 1L);
                    rows.row(
                            event.wrapped().id(),
                            event.topic(),
                            event.wrapped().subject(),
                            event.wrapped().type(),
                            codec.write(event.wrapped().withSequence(sequence)),
                            event.createdAt());
                }
            }
            rows.copyInto(connection);
        });
    }

    /**
     * Moves the counter of each (topic, subject ref) on by its count ({@link #ADVANCE}) and hands each stream, as
     * {@code List.of(topic, subjectRef)}, with its new last sequence to {@code last}.
     */
    private static void advance(
            Connection connection, String[] topics, String[] refs, Long[] counts, ObjLongConsumer<List<String>> last)
            throws SQLException {
        try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
            advance.setArray(1, connection.createArrayOf("text", topics));
            advance.setArray(2, connection.createArrayOf("text", refs));
            advance.setArray(3, connection.createArrayOf("bigint", counts));
            try (ResultSet rows = advance.executeQuery()) {
                while (rows.next()) {
                    last.accept(List.of(rows.getString(1), rows.getString(2)), rows.getLong(3));
                }
            }
        }
    }

    /** One first event: the envelope as built (its row holds it serialized with sequence 1) and its stream. */
    private record FirstEvent(EventEnvelope wrapped, String topic, String subjectRef, OffsetDateTime createdAt) {}

    /**
     * First events of new subjects and their outbox rows, built on any thread ({@link #add}) and recorded together by
     * {@link Outbox#recordFirst}. Not thread-safe: one thread fills it, then hands it on.
     */
    public final class FirstEvents {
        private final List<FirstEvent> events = new ArrayList<>();
        private final Set<List<String>> streams = new HashSet<>();
        private final CopyRows rows = new CopyRows(TABLE, COLUMNS);

        private FirstEvents() {}

        /**
         * Builds the first event of {@code subject} on {@code type}'s topic, checks it against its schema
         * ({@link EventCodec#wrap}), gives it the trace context current on this thread and sequence 1, and encodes its
         * outbox row.
         *
         * @throws com.dcbeacon.platform.events.InvalidEventException if the payload does not fit the schema
         * @throws IllegalArgumentException if the batch already holds an event of this subject on that topic
         */
        public FirstEvents add(EventType type, String subject, Object payload) {
            if (rows.sealed()) {
                throw new IllegalStateException("first events already sealed");
            }
            String ref = ErasedMembers.ref(subject);
            List<String> stream = List.of(type.topic(), ref);
            if (streams.contains(stream)) {
                throw new IllegalArgumentException("a second first event of " + subject + " on " + type.topic());
            }
            EventEnvelope wrapped = withCurrentTraceContext(codec.wrap(type, source, subject, payload));
            FirstEvent event = new FirstEvent(wrapped, type.topic(), ref, OffsetDateTime.now());
            // The row first: it is the one step that may still fail, and then nothing of the event is kept.
            rows.row(
                    wrapped.id(),
                    event.topic(),
                    subject,
                    wrapped.type(),
                    codec.write(wrapped.withSequence(1)),
                    event.createdAt());
            streams.add(stream);
            events.add(event);
            return this;
        }

        /** Events added so far. */
        public int size() {
            return events.size();
        }

        /** Encodes the rows for sending, on this thread; call it last, before handing the batch on. */
        public FirstEvents seal() {
            rows.seal();
            return this;
        }

        private Outbox outbox() {
            return Outbox.this;
        }
    }

    private EventEnvelope record(String topic, EventType type, EventEnvelope wrapped) {
        EventEnvelope envelope = withCurrentTraceContext(wrapped);
        OutboxEvent row = new OutboxEvent();
        row.eventId = envelope.id();
        row.topic = topic;
        row.messageKey = envelope.subject();
        row.eventType = type.typeName();
        row.createdAt = OffsetDateTime.now();
        List<Pending> pending = pending();
        pending.add(new Pending(row, envelope));
        if (pending.size() >= WRITE_AHEAD) {
            write(pending);
        }
        return envelope;
    }

    private static EventEnvelope withCurrentTraceContext(EventEnvelope envelope) {
        Context context = Context.current();
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return envelope;
        }
        Map<String, String> carrier = new HashMap<>();
        W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
        return envelope.withTraceContext(carrier.get("traceparent"), carrier.get("tracestate"));
    }

    /** A row waiting for its sequence: the envelope is written out once it has one. */
    private record Pending(OutboxEvent row, EventEnvelope envelope) {}

    @SuppressWarnings("unchecked")
    private List<Pending> pending() {
        List<Pending> pending = (List<Pending>) transactions.getResource(PENDING);
        if (pending == null) {
            List<Pending> created = new ArrayList<>();
            transactions.putResource(PENDING, created);
            // Interposed: runs after Hibernate's own flush, just before commit.
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    if (created.isEmpty()) {
                        return;
                    }
                    write(created);
                    // Hibernate gave its connection back to the pool before this ran, and the write took it again:
                    // give it back the same way, or the pool finds it open at commit and closes it with a warning.
                    em.unwrap(SessionImplementor.class)
                            .getJdbcCoordinator()
                            .getLogicalConnection()
                            .beforeTransactionCompletion();
                }

                @Override
                public void afterCompletion(int status) {
                    created.clear();
                    if (status == Status.STATUS_COMMITTED) {
                        relay.nudge();
                    }
                }
            });
            pending = created;
        }
        return pending;
    }

    private void write(List<Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        em.flush();
        em.unwrap(Session.class).doWork(connection -> {
            // Events per (topic, subject ref), in publish order; each stream's counter moves by its count.
            Map<List<String>, List<Pending>> streams = new LinkedHashMap<>();
            for (Pending p : pending) {
                streams.computeIfAbsent(
                                List.of(p.row().topic, ErasedMembers.ref(p.row().messageKey)), k -> new ArrayList<>())
                        .add(p);
            }
            String[] topics = new String[streams.size()];
            String[] refs = new String[streams.size()];
            Long[] counts = new Long[streams.size()];
            int i = 0;
            for (Map.Entry<List<String>, List<Pending>> stream : streams.entrySet()) {
                topics[i] = stream.getKey().get(0);
                refs[i] = stream.getKey().get(1);
                counts[i++] = (long) stream.getValue().size();
            }
            advance(connection, topics, refs, counts, (stream, last) -> {
                List<Pending> events = streams.get(stream);
                long next = last - events.size() + 1;
                for (Pending p : events) {
                    p.row().envelope = codec.write(p.envelope().withSequence(next++));
                }
            });
            List<OutboxEvent> rows = pending.stream().map(Pending::row).toList();
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                for (OutboxEvent row : rows) {
                    insert.setObject(1, row.eventId);
                    insert.setString(2, row.topic);
                    insert.setString(3, row.messageKey);
                    insert.setString(4, row.eventType);
                    insert.setString(5, row.envelope);
                    insert.setTimestamp(6, Timestamp.from(row.createdAt.toInstant()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
        pending.clear();
    }
}
