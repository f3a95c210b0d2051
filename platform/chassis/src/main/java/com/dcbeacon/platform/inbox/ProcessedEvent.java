package com.dcbeacon.platform.inbox;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The record that one consumer already applied one event. */
@Entity
@Table(name = "processed_event")
public class ProcessedEvent {

    @EmbeddedId
    public Key key;

    @Column(name = "event_type", nullable = false)
    public String eventType;

    @Column(name = "processed_at", nullable = false)
    public OffsetDateTime processedAt;

    @Embeddable
    public record Key(
            @Column(name = "consumer") String consumer,
            @Column(name = "event_id") UUID eventId) implements Serializable {}
}
