package com.dcbeacon.platform.inbox;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.messaging.ErasedMembers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Applies an event at most once per consumer and, per aggregate, in order.
 *
 * <p>Once: the event id is recorded ({@code processed_event}) in the same transaction as the effect, so a redelivered
 * event (after a crash, a rebalance or a duplicate publish) is skipped.
 *
 * <p>In order: an event with a {@code sequence} (see {@link EventEnvelope}) is applied only as the next one of its
 * subject, counted per consumer, topic and producing service in {@code inbox_sequence}. An older one is stale and
 * dropped (a copy of what was applied, or an event that lost its place for good); a later one, whose predecessor has not
 * been applied yet (still in flight, or dead-lettered and waiting for a replay), is parked in {@code inbox_parked} and
 * applied right after its predecessor. The first event a consumer sees of a subject is taken as it comes: the events
 * before it may predate the consumer or have left the topic with its retention.
 */
@ApplicationScoped
public class EventInbox {

    /** What became of an event. */
    public enum Outcome {
        /** The effect ran (or the event needs none here), and the subject's sequence moved on to it. */
        APPLIED,
        /** The consumer had already applied this event id. */
        DUPLICATE,
        /** Its place in the subject's sequence is already taken: dropped. */
        STALE,
        /** Its predecessor has not been applied yet: kept until it is. */
        PARKED
    }

    /**
     * What {@link #process} did; {@code nextParked}: the event was applied and the subject's next event is already parked
     * here, to be applied right after it ({@link #nextParked}). Known in the same transaction, so that an event with
     * nothing parked after it (nearly every one) costs no second transaction.
     */
    public record Processed(Outcome outcome, boolean nextParked) {}

    /** A parked event: the subject's next one, waiting in {@code inbox_parked}. */
    public record Parked(
            String consumer,
            String topic,
            String source,
            String subject,
            long sequence,
            UUID eventId,
            String eventType,
            String envelope,
            String error) {}

    /**
     * The event's id recorded as processed ({@code recorded}: 1, or 0 for a duplicate) and, only if it was, the subject's
     * sequence row inserted or moved on by one to this event ({@code moved}: 1, or 0 where the event is not the subject's
     * next one). Parameters: consumer, topic, source, subject ref, sequence, event id, event type.
     */
    private static final String RECORD_AND_MOVE = """
            with recorded as (
                insert into processed_event (consumer, event_id, event_type, processed_at)
                values (?1, ?6, ?7, now()) on conflict do nothing returning 1),
            moved as (
                insert into inbox_sequence (consumer, topic, source, subject_ref, last_sequence, updated_at)
                select ?1, ?2, ?3, ?4, ?5, now() where exists (select 1 from recorded)
                on conflict (consumer, topic, source, subject_ref) do update
                set last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
                where inbox_sequence.last_sequence = excluded.last_sequence - 1
                returning 1)
            select (select count(*) from recorded), (select count(*) from moved)""";

    /**
     * {@link #RECORD_AND_MOVE} for an event this consumer has nothing to do for: no id recorded, {@code recorded} always 1.
     * Parameters: consumer, topic, source, subject ref, sequence.
     */
    private static final String MOVE = """
            with moved as (
                insert into inbox_sequence (consumer, topic, source, subject_ref, last_sequence, updated_at)
                values (?1, ?2, ?3, ?4, ?5, now())
                on conflict (consumer, topic, source, subject_ref) do update
                set last_sequence = excluded.last_sequence, updated_at = excluded.updated_at
                where inbox_sequence.last_sequence = excluded.last_sequence - 1
                returning 1)
            select 1, (select count(*) from moved)""";

    private final EntityManager em;

    public EventInbox(EntityManager em) {
        this.em = em;
    }

    /**
     * Runs {@code effect} in a new transaction unless this consumer already did, or the event is out of order (see the
     * class comment). {@code record} gives, in the transaction, what is kept of the event if it is parked (empty: nothing to apply, it only holds
     * its place). A {@code snapshot} (an event that carries the subject's whole state, {@link
     * com.dcbeacon.platform.events.EventType#isSnapshot()}) is never parked: it is applied as soon as it is newer than what
     * was applied, and what is parked before it is superseded. {@code effect} null: the consumer has nothing to do for this type, but the event still takes its
     * place in the subject's sequence.
     */
    public Processed process(
            String consumer,
            String topic,
            EventEnvelope event,
            java.util.function.Supplier<String> record,
            boolean snapshot,
            Consumer<EventEnvelope> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long sequence = event.sequenceNumber();
            if (sequence == null) {
                if (effect != null && !record(consumer, event)) {
                    return new Processed(Outcome.DUPLICATE, false);
                }
            } else {
                String ref = ErasedMembers.ref(event.subject());
                // One statement for the common case: the event id recorded and the subject's sequence moved on to this
                // event where it is the subject's first or next one. Either way the sequence row is locked now (an
                // upsert locks the row it conflicts with even where its condition keeps the row as it is).
                Query statement = em.createNativeQuery(effect != null ? RECORD_AND_MOVE : MOVE)
                        .setParameter(1, consumer)
                        .setParameter(2, topic)
                        .setParameter(3, event.source())
                        .setParameter(4, ref)
                        .setParameter(5, sequence);
                if (effect != null) {
                    statement.setParameter(6, event.id()).setParameter(7, event.type());
                }
                Object[] done = (Object[]) statement.getSingleResult();
                if (((Number) done[0]).longValue() == 0) {
                    return new Processed(Outcome.DUPLICATE, false);
                }
                if (((Number) done[1]).longValue() == 0) { // not the next one: the row kept its number
                    long last = lastApplied(consumer, topic, event.source(), ref);
                    if (sequence <= last) {
                        return new Processed(Outcome.STALE, false);
                    }
                    if (!snapshot) {
                        park(consumer, topic, event, record.get());
                        return new Processed(Outcome.PARKED, false);
                    }
                    advance(consumer, topic, event.source(), ref, sequence);
                }
                if (snapshot) { // the whole state: what is parked before it is superseded
                    unpark(consumer, topic, event.source(), event.subject(), Long.MIN_VALUE, sequence - 1);
                }
            }
            // Read under the subject's sequence row, locked above: a park of its successor by another transaction
            // takes that lock too, so it committed before (and is seen: READ COMMITTED reads per statement) or comes
            // after (and sees this event applied). Read before the effect, so that no change of the handler is flushed
            // by this query: its failures still surface at the commit, as before.
            boolean nextParked = false;
            if (sequence != null) {
                List<Parked> around = parked(consumer, topic, event.source(), event.subject(), sequence, sequence + 1);
                nextParked = around.stream().anyMatch(p -> p.sequence() == sequence + 1);
                if (around.stream()
                        .anyMatch(p -> p.sequence() == sequence && p.eventId().equals(event.id()))) {
                    // A copy of this very event was parked, and this one came again before the copy was applied (a
                    // type the consumer has no handler for records no processed event, so a redelivery is not a
                    // duplicate): applied now, the copy would stay parked behind the subject's sequence for good.
                    // Another event parked under the same number (a producer's counters restored) is no copy: it
                    // stays, for the parked-events gauge to show ops an event that lost its place.
                    unpark(consumer, topic, event.source(), event.subject(), sequence, sequence);
                }
            }
            if (effect != null) {
                effect.accept(event);
            }
            return new Processed(Outcome.APPLIED, nextParked);
        });
    }

    /**
     * Applies a parked event read beforehand ({@link #nextParked}) if it still comes next, in a new transaction: the
     * effect, the sequence moving on and the parked row's removal commit together. {@code effect} null: nothing to apply,
     * it only takes its place. False when it no longer comes next (another thread applied it meanwhile).
     */
    public boolean applyParked(Parked parked, EventEnvelope event, Consumer<EventEnvelope> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String ref = ErasedMembers.ref(parked.subject());
            long last = lastApplied(parked.consumer(), parked.topic(), parked.source(), ref);
            int removed = last + 1 != parked.sequence()
                    ? 0
                    : unpark(
                            parked.consumer(),
                            parked.topic(),
                            parked.source(),
                            parked.subject(),
                            parked.sequence(),
                            parked.sequence());
            if (removed == 0) {
                return false;
            }
            if (effect != null && event != null) {
                effect.accept(event);
            }
            advance(parked.consumer(), parked.topic(), parked.source(), ref, parked.sequence());
            return true;
        });
    }

    /** Notes on a parked event why applying it failed; it stays parked. */
    public void parkedFailed(Parked parked, String error) {
        QuarkusTransaction.requiringNew()
                .run(() -> em.createNativeQuery("""
                update inbox_parked set error = ?6
                where consumer = ?1 and topic = ?2 and source = ?3 and subject = ?4 and sequence = ?5""")
                        .setParameter(1, parked.consumer())
                        .setParameter(2, parked.topic())
                        .setParameter(3, parked.source())
                        .setParameter(4, parked.subject())
                        .setParameter(5, parked.sequence())
                        .setParameter(6, error)
                        .executeUpdate());
    }

    /**
     * Gives up on the events missing before a subject's parked ones (ops, once the predecessor is known to be lost): the
     * subject's sequence moves to just before its first parked event, so that one is next. Returns how many of this
     * consumer's parked events the subject has.
     */
    public int release(String consumer, String topic, String source, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> {
            String ref = ErasedMembers.ref(subject);
            List<?> known = em.createNativeQuery("""
                    select last_sequence from inbox_sequence where consumer = ?1 and topic = ?2 and source = ?3 and subject_ref = ?4
                    for update""")
                    .setParameter(1, consumer)
                    .setParameter(2, topic)
                    .setParameter(3, source)
                    .setParameter(4, ref)
                    .getResultList();
            if (known.isEmpty()) {
                return 0;
            }
            long last = ((Number) known.get(0)).longValue();
            Object[] row = (Object[]) em.createNativeQuery("""
                    select min(sequence), count(*) from inbox_parked
                    where consumer = ?1 and topic = ?2 and source = ?3 and subject = ?4 and sequence > ?5""")
                    .setParameter(1, consumer)
                    .setParameter(2, topic)
                    .setParameter(3, source)
                    .setParameter(4, subject)
                    .setParameter(5, last)
                    .getSingleResult();
            if (row[0] == null) {
                return 0;
            }
            // Only ever forward: the events missing between the last applied one and the first parked one are given up.
            advance(consumer, topic, source, ref, ((Number) row[0]).longValue() - 1);
            em.createNativeQuery(
                            "update inbox_parked set error = null where consumer = ?1 and topic = ?2 and source = ?3 and subject = ?4")
                    .setParameter(1, consumer)
                    .setParameter(2, topic)
                    .setParameter(3, source)
                    .setParameter(4, subject)
                    .executeUpdate();
            return ((Number) row[1]).intValue();
        });
    }

    /** Every parked event of this service, oldest first (at most {@code limit}). */
    @SuppressWarnings("unchecked")
    public List<Parked> parked(int limit) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>)
                                em.createNativeQuery("""
                select consumer, topic, source, subject, sequence, event_id, event_type, envelope, error from inbox_parked
                order by parked_at, sequence limit ?1""").setParameter(1, limit).getResultList())
                        .stream().map(EventInbox::parked).toList());
    }

    /** The subject's parked event that would come next, if any. */
    public Optional<Parked> nextParked(String consumer, String topic, String source, String subject) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Object last = em
                    .createNativeQuery("""
                    select last_sequence from inbox_sequence where consumer = ?1 and topic = ?2 and source = ?3 and subject_ref = ?4""")
                    .setParameter(1, consumer)
                    .setParameter(2, topic)
                    .setParameter(3, source)
                    .setParameter(4, ErasedMembers.ref(subject))
                    .getResultList()
                    .stream()
                    .findFirst()
                    .orElse(null);
            return last == null
                    ? Optional.<Parked>empty()
                    : parked(
                                    consumer,
                                    topic,
                                    source,
                                    subject,
                                    ((Number) last).longValue() + 1,
                                    ((Number) last).longValue() + 1)
                            .stream()
                            .findFirst();
        });
    }

    /** Where a parked event comes next and nothing failed: (consumer, topic, source, subject) for each such subject. */
    @SuppressWarnings("unchecked")
    public List<List<String>> readyToApply() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((List<Object[]>) em.createNativeQuery("""
                select distinct p.consumer, p.topic, p.source, p.subject from inbox_parked p join inbox_sequence s
                  on s.consumer = p.consumer and s.topic = p.topic and s.source = p.source
                 and s.subject_ref = encode(sha256(convert_to(p.subject, 'UTF8')), 'hex')
                where p.sequence = s.last_sequence + 1 and p.error is null""").getResultList())
                        .stream()
                                .map(r -> List.of((String) r[0], (String) r[1], (String) r[2], (String) r[3]))
                                .toList());
    }

    /**
     * Whether this consumer has already processed the event: {@link Outcome#DUPLICATE} when its id is among the processed
     * events (applied, or parked to be applied), {@link Outcome#STALE} when its place in the subject's sequence is taken
     * (numbered at or below the last applied; the id may have been pruned), empty otherwise. For an event the caller
     * cannot read (a redelivered copy, after a failed offset commit, a rebalance or a rolled-back deployment, that a build
     * which read it processed): the caller skips it on this answer alone and never hands it to {@link #process}. Read in
     * its own transaction.
     */
    public Optional<Outcome> alreadyProcessed(String consumer, String topic, EventEnvelope event) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!em.createNativeQuery("select 1 from processed_event where consumer = ?1 and event_id = ?2")
                    .setParameter(1, consumer)
                    .setParameter(2, event.id())
                    .getResultList()
                    .isEmpty()) {
                return Optional.of(Outcome.DUPLICATE);
            }
            Long sequence = event.sequenceNumber();
            if (sequence == null) {
                return Optional.empty();
            }
            boolean placeTaken = !em.createNativeQuery("""
                            select 1 from inbox_sequence
                            where consumer = ?1 and topic = ?2 and source = ?3 and subject_ref = ?4 and last_sequence >= ?5""")
                    .setParameter(1, consumer)
                    .setParameter(2, topic)
                    .setParameter(3, event.source())
                    .setParameter(4, ErasedMembers.ref(event.subject()))
                    .setParameter(5, sequence)
                    .getResultList()
                    .isEmpty();
            return placeTaken ? Optional.of(Outcome.STALE) : Optional.empty();
        });
    }

    /** How many events are parked now. */
    public long parkedCount() {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) em.createNativeQuery("select count(*) from inbox_parked")
                                .getSingleResult())
                        .longValue());
    }

    /** The subject's parked events numbered {@code from} to {@code to} (one scan of the primary key). */
    @SuppressWarnings("unchecked")
    private List<Parked> parked(String consumer, String topic, String source, String subject, long from, long to) {
        return ((List<Object[]>) em.createNativeQuery("""
                select consumer, topic, source, subject, sequence, event_id, event_type, envelope, error from inbox_parked
                where consumer = ?1 and topic = ?2 and source = ?3 and subject = ?4 and sequence between ?5 and ?6""")
                        .setParameter(1, consumer)
                        .setParameter(2, topic)
                        .setParameter(3, source)
                        .setParameter(4, subject)
                        .setParameter(5, from)
                        .setParameter(6, to)
                        .getResultList())
                .stream().map(EventInbox::parked).toList();
    }

    private static Parked parked(Object[] r) {
        return new Parked(
                (String) r[0],
                (String) r[1],
                (String) r[2],
                (String) r[3],
                ((Number) r[4]).longValue(),
                (UUID) r[5],
                (String) r[6],
                (String) r[7],
                (String) r[8]);
    }

    /** Records the event's id as processed by this consumer; false if it already was. */
    private boolean record(String consumer, EventEnvelope event) {
        return em.createNativeQuery("""
                        insert into processed_event (consumer, event_id, event_type, processed_at)
                        values (?1, ?2, ?3, now()) on conflict do nothing""")
                        .setParameter(1, consumer)
                        .setParameter(2, event.id())
                        .setParameter(3, event.type())
                        .executeUpdate()
                > 0;
    }

    private long lastApplied(String consumer, String topic, String source, String ref) {
        Object last = em.createNativeQuery("""
                select last_sequence from inbox_sequence where consumer = ?1 and topic = ?2 and source = ?3 and subject_ref = ?4
                for update""")
                .setParameter(1, consumer)
                .setParameter(2, topic)
                .setParameter(3, source)
                .setParameter(4, ref)
                .getSingleResult();
        return ((Number) last).longValue();
    }

    private void advance(String consumer, String topic, String source, String ref, long sequence) {
        em.createNativeQuery("""
                update inbox_sequence set last_sequence = ?5, updated_at = now()
                where consumer = ?1 and topic = ?2 and source = ?3 and subject_ref = ?4""")
                .setParameter(1, consumer)
                .setParameter(2, topic)
                .setParameter(3, source)
                .setParameter(4, ref)
                .setParameter(5, sequence)
                .executeUpdate();
    }

    /** Removes the subject's parked events numbered {@code from} to {@code to}; returns how many. */
    private int unpark(String consumer, String topic, String source, String subject, long from, long to) {
        return em.createNativeQuery("""
                delete from inbox_parked where consumer = ?1 and topic = ?2 and source = ?3 and subject = ?4
                and sequence between ?5 and ?6""")
                .setParameter(1, consumer)
                .setParameter(2, topic)
                .setParameter(3, source)
                .setParameter(4, subject)
                .setParameter(5, from)
                .setParameter(6, to)
                .executeUpdate();
    }

    private void park(String consumer, String topic, EventEnvelope event, String record) {
        em.createNativeQuery("""
                insert into inbox_parked (consumer, topic, source, subject, sequence, event_id, event_type, envelope, parked_at)
                values (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, now()) on conflict do nothing""")
                .setParameter(1, consumer)
                .setParameter(2, topic)
                .setParameter(3, event.source())
                .setParameter(4, event.subject())
                .setParameter(5, event.sequenceNumber())
                .setParameter(6, event.id())
                .setParameter(7, event.type())
                .setParameter(8, record)
                .executeUpdate();
    }
}
