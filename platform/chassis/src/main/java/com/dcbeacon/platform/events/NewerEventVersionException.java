package com.dcbeacon.platform.events;

import java.util.SortedSet;

/**
 * An event of a version newer than this consumer reads: not poison, this instance is older than the event (mid rolling
 * upgrade, a producer switched to the new version before every consumer was replaced). It waits, holding its partition,
 * until an instance that reads the version takes over.
 */
public class NewerEventVersionException extends RuntimeException {

    private final EventType type;
    private EventEnvelope envelope;

    public NewerEventVersionException(EventType type, int version, SortedSet<Integer> accepted) {
        super(type.typeName() + " v" + version + " is newer than this build reads (accepted versions " + accepted
                + "); waiting for an instance that reads it");
        this.type = type;
    }

    public EventType type() {
        return type;
    }

    /** This exception with the event's envelope (its attributes validated, its data not). */
    NewerEventVersionException of(EventEnvelope envelope) {
        this.envelope = envelope;
        return this;
    }

    /** The event's envelope, data unvalidated: enough for a consumer with no handler for the type. */
    public EventEnvelope envelope() {
        return envelope;
    }
}
