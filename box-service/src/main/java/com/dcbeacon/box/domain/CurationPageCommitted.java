package com.dcbeacon.box.domain;

import java.util.List;
import java.util.UUID;

/**
 * A CDI event fired synchronously, on the run's thread, once a try of a page's commit returned from its COMMIT and
 * before the run goes on; an exception from an observer counts as that try's failure (a transient one is tried again,
 * like an acknowledgement lost after the COMMIT reached the database). {@code members} are the page's members who may
 * get a box. Observers must not take long; tests use it to lose a commit's acknowledgement.
 */
public record CurationPageCommitted(UUID runId, String cycle, List<UUID> members) {}
