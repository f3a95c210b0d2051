package com.dcbeacon.platform.messaging;

import java.util.Map;
import java.util.UUID;

/**
 * One kind of aggregate a service re-announces so that another service can rebuild a lost replica (docs/messaging.md,
 * Rebuilding a replica), usually page by page through {@link ReAnnouncement}. The ops resource of each service names
 * the aggregate's id field in its request and hands the id, or null, to {@link #reAnnounce(UUID)}.
 */
public interface ReAnnounceable {

    /** The key of the answer, counting what was announced (e.g. {@code members}). */
    String counted();

    /** Announces every aggregate; answers how many. */
    int announceAll();

    /** Announces the one aggregate; answers 1, or throws 404 (problem response) when there is no such aggregate. */
    int announce(UUID id);

    /**
     * The ops request: only the named aggregate, or every one when none is named (no body, or no id in it; an empty or
     * blank id is refused with 400 while the body is read). Answers {@code {counted(): n}}.
     */
    default Map<String, Integer> reAnnounce(UUID idOrEvery) {
        return Map.of(counted(), idOrEvery == null ? announceAll() : announce(idOrEvery));
    }
}
