package com.dcbeacon.platform.events;

import io.quarkus.runtime.Startup;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which version of each event type this service writes and which versions it reads, the operator's two levers for a
 * rolling upgrade to a new version (docs/messaging.md, "Rolling out a new version"):
 *
 * <ul>
 * <li>{@code dcbeacon.events.write-version."<Type>"}: the version producers write, by default the newest this build
 * knows. Set it to the old version while some consumer is still an older build.
 * <li>{@code dcbeacon.events.accepted-versions."<Type>"}: the versions consumers read (comma-separated), by default every
 * version this build knows. Narrowing it runs this build as an older one, or stops reading a version no longer
 * written.
 * </ul>
 *
 * Type names match without regard to case or punctuation, so the environment variable
 * {@code DCBEACON_EVENTS_WRITE_VERSION__MEMBERPREFERENCESCHANGED_} works too. A version this build has no schema for,
 * or an unknown type, fails the start.
 */
@Startup
@ApplicationScoped
public class EventVersions {

    @ConfigMapping(prefix = "dcbeacon.events")
    public interface Settings {
        @WithName("write-version")
        Map<String, Integer> writeVersion();

        @WithName("accepted-versions")
        Map<String, List<Integer>> acceptedVersions();
    }

    private final Map<EventType, Integer> write = new EnumMap<>(EventType.class);
    private final Map<EventType, SortedSet<Integer>> accepted = new EnumMap<>(EventType.class);

    public EventVersions(Settings settings) {
        for (EventType type : EventType.values()) {
            write.put(type, type.version());
            accepted.put(type, type.acceptedVersions());
        }
        settings.writeVersion().forEach((name, version) -> {
            EventType type = type(name, "write-version");
            requireKnown(type, List.of(version), "write-version");
            write.put(type, version);
        });
        settings.acceptedVersions().forEach((name, versions) -> {
            EventType type = type(name, "accepted-versions");
            if (versions.isEmpty()) {
                throw new IllegalStateException("dcbeacon.events.accepted-versions." + name + " names no version");
            }
            requireKnown(type, versions, "accepted-versions");
            accepted.put(type, Collections.unmodifiableSortedSet(new TreeSet<>(versions)));
        });
    }

    /** Every type at its defaults: writes the newest version, reads all this build knows. */
    public static EventVersions defaults() {
        return new EventVersions(new Settings() {
            @Override
            public Map<String, Integer> writeVersion() {
                return Map.of();
            }

            @Override
            public Map<String, List<Integer>> acceptedVersions() {
                return Map.of();
            }
        });
    }

    /** The version this service's producers write. */
    public int writeVersion(EventType type) {
        return write.get(type);
    }

    /** The versions this service's consumers read, oldest first. */
    public SortedSet<Integer> acceptedVersions(EventType type) {
        return accepted.get(type);
    }

    /**
     * Passes when consumers read this version. A version newer than every accepted one means this instance is older
     * than the event (a producer switched while this build still runs): {@link NewerEventVersionException}, which the
     * consumer waits out. Any other (support dropped, or never written) can never be read here:
     * {@link InvalidEventException}, a dead letter.
     */
    public void requireAccepted(EventType type, int version) {
        SortedSet<Integer> versions = accepted.get(type);
        if (versions.contains(version)) {
            return;
        }
        if (version > versions.last()) {
            throw new NewerEventVersionException(type, version, versions);
        }
        throw new InvalidEventException(
                type.typeName() + " v" + version + " is no longer accepted; accepted versions " + versions);
    }

    private static EventType type(String configured, String key) {
        String wanted = normalized(configured);
        for (EventType type : EventType.values()) {
            if (normalized(type.typeName()).equals(wanted)) {
                return type;
            }
        }
        throw new IllegalStateException("dcbeacon.events." + key + " names an unknown event type: " + configured);
    }

    private static void requireKnown(EventType type, List<Integer> versions, String key) {
        for (int version : versions) {
            if (!type.acceptedVersions().contains(version)) {
                throw new IllegalStateException("dcbeacon.events." + key + "." + type.typeName() + ": no schema v"
                        + version + " in this build; it knows " + type.acceptedVersions());
            }
        }
    }

    private static String normalized(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
    }
}
