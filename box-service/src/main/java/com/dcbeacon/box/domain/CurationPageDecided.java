package com.dcbeacon.box.domain;

import java.util.List;
import java.util.UUID;

/**
 * A CDI event fired synchronously, on the run's thread, each time a page of a curation run is decided (again, when its
 * stock fell before its commit) and before its boxes commit: {@code members} are the page's members who may get a box. Observers must not take long; tests use it to
 * change a member between the read and the commit.
 */
public record CurationPageDecided(UUID runId, String cycle, List<UUID> members) {}
