package com.dcbeacon.platform.inbox;

import com.dcbeacon.platform.events.EventEnvelope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.function.Consumer;

/**
 * Applies an event at most once per consumer: the event id is recorded in the same transaction as
 * the effect, so a redelivered event (after a crash, a rebalance or a duplicate publish) is skipped.
 */
@ApplicationScoped
public class EventInbox {

    private final EntityManager em;

    public EventInbox(EntityManager em) {
        this.em = em;
    }

    /** Runs {@code effect} in a new transaction unless this consumer already did; false for a duplicate. */
    public boolean processOnce(String consumer, EventEnvelope event, Consumer<EventEnvelope> effect) {
        return QuarkusTransaction.requiringNew().call(() -> {
            int recorded = em.createNativeQuery("""
                    insert into processed_event (consumer, event_id, event_type, processed_at)
                    values (?1, ?2, ?3, now()) on conflict do nothing""")
                    .setParameter(1, consumer)
                    .setParameter(2, event.id())
                    .setParameter(3, event.type())
                    .executeUpdate();
            if (recorded == 0) {
                return false;
            }
            effect.accept(event);
            return true;
        });
    }
}
