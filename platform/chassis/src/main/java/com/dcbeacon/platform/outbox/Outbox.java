package com.dcbeacon.platform.outbox;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.dcbeacon.platform.messaging.ErasedMembers;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * get ids in commit order. Very large transactions write every {@value #WRITE_AHEAD} events as they go.
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

    private static final String INSERT =
            "insert into outbox_event (event_id, topic, message_key, event_type, envelope, created_at)"
                    + " values (?, ?, ?, ?, ?, ?)";

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
     * An envelope already built and checked against its schema by {@link EventCodec#wrap}, possibly on another thread,
     * recorded on its type's topic in the caller's transaction like {@link #publish(EventType, String, Object)}. For
     * work that builds events apart from writing them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public EventEnvelope publishWrapped(EventType type, EventEnvelope wrapped) {
        if (!type.typeName().equals(wrapped.type()) || !source.equals(wrapped.source())) {
            throw new IllegalArgumentException("a " + wrapped.type() + " from " + wrapped.source() + " is not a "
                    + type.typeName() + " of " + source);
        }
        return record(type.topic(), type, wrapped);
    }

    /** The source this service's envelopes carry ({@code /} and the application's name). */
    public String source() {
        return source;
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
            Map<List<String>, List<Pending>> streams = new java.util.LinkedHashMap<>();
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
            try (PreparedStatement advance = connection.prepareStatement(ADVANCE)) {
                advance.setArray(1, connection.createArrayOf("text", topics));
                advance.setArray(2, connection.createArrayOf("text", refs));
                advance.setArray(3, connection.createArrayOf("bigint", counts));
                try (java.sql.ResultSet last = advance.executeQuery()) {
                    while (last.next()) {
                        List<Pending> events = streams.get(List.of(last.getString(1), last.getString(2)));
                        long next = last.getLong(3) - events.size() + 1;
                        for (Pending p : events) {
                            p.row().envelope = codec.write(p.envelope().withSequence(next++));
                        }
                    }
                }
            }
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
