package com.dcbeacon.platform.messaging;

import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.EventType;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Erasure is final. Each service keeps a tombstone per member it erased (table {@code erased_member}, holding a SHA-256
 * of the member id rather than the id), written in the erasure's own transaction; every later event about that member
 * (its payload's {@code memberId}) is then dropped by {@link InboundEvents} instead of re-creating data: a rating, a
 * credit or a preference change that was still in flight when the member was erased.
 */
@ApplicationScoped
public class ErasedMembers {

    /** The data-rights protocol itself still flows for an erased member (a repeated request is answered again). */
    private static final Set<EventType> DATA_RIGHTS = Set.of(
            EventType.MEMBER_ERASURE_REQUESTED,
            EventType.MEMBER_ERASURE_CONFIRMED,
            EventType.MEMBER_ERASED,
            EventType.MEMBER_DATA_EXPORT_REQUESTED,
            EventType.MEMBER_DATA_EXPORT_PART);

    private final EntityManager em;

    public ErasedMembers(EntityManager em) {
        this.em = em;
    }

    /**
     * Records the tombstone in the caller's transaction (the erasure's), and empties the events about the member parked
     * in the inbox (waiting for a predecessor): they would be dropped when applied, but must not hold the member's data
     * until then; each keeps its place in its subject's sequence.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(UUID memberId) {
        em.createNativeQuery(
                        "insert into erased_member (member_ref, erased_at) values (?1, now()) on conflict do nothing")
                .setParameter(1, ref(memberId))
                .executeUpdate();
        // Emptied, not deleted: each keeps its place in its subject's sequence (a hole would hold back what follows).
        em.createNativeQuery("update inbox_parked set envelope = '' where subject = ?1 or strpos(envelope, ?1) > 0")
                .setParameter(1, memberId.toString())
                .executeUpdate();
    }

    public boolean isErased(UUID memberId) {
        return !em.createNativeQuery("select 1 from erased_member where member_ref = ?1")
                .setParameter(1, ref(memberId))
                .getResultList()
                .isEmpty();
    }

    /** The members among {@code memberIds} this service erased: one query for a whole batch of members. */
    public Set<UUID> erasedAmong(Collection<UUID> memberIds) {
        if (memberIds.isEmpty()) {
            return Set.of();
        }
        Map<String, UUID> byRef = new HashMap<>();
        memberIds.forEach(id -> byRef.put(ref(id), id));
        Set<UUID> erased = new HashSet<>();
        for (Object found : em.createNativeQuery("select member_ref from erased_member where member_ref in (?1)")
                .setParameter(1, byRef.keySet())
                .getResultList()) {
            erased.add(byRef.get((String) found));
        }
        return erased;
    }

    /** True when the event is about a member this service erased and is not part of the data-rights protocol. */
    boolean concernsErasedMember(EventEnvelope event, EventType type) {
        return !DATA_RIGHTS.contains(type)
                && memberIdOf(event).map(this::isErased).orElse(false);
    }

    private static Optional<UUID> memberIdOf(EventEnvelope event) {
        JsonNode memberId = event.data() == null ? null : event.data().get("memberId");
        if (memberId == null || !memberId.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(memberId.asText()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** SHA-256 of the member id, hex: the same reference member-service's erasure record uses. */
    public static String ref(UUID memberId) {
        return ref(memberId.toString());
    }

    /**
     * SHA-256 of an event subject, hex. Where the subject is a member id this is {@link #ref(UUID)}: tables that track
     * events per subject (outbox and inbox sequences) hold this, never the id.
     */
    public static String ref(String subject) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(subject.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
