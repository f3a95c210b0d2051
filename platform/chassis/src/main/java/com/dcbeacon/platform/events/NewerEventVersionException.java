package com.dcbeacon.platform.events;

import java.util.SortedSet;

/**
 * An event of a version newer than this consumer reads: not poison, this instance is older than the event (mid rolling
 * upgrade, a producer switched to the new version before every consumer was replaced). It waits, holding its partition,
 * until an instance that reads the version takes over.
 */
public class NewerEventVersionException extends RuntimeException {

    private final EventType type;

    public NewerEventVersionException(EventType type, int version, SortedSet<Integer> accepted) {
        super(type.typeName() + " v" + version + " is newer than this build reads (accepted versions " + accepted
                + "); waiting for an instance that reads it");
        this.type = type;
    }

    public EventType type() {
        return type;
    }
}
