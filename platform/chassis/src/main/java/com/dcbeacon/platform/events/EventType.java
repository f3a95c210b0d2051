package com.dcbeacon.platform.events;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every event type of the platform, with the topic it travels on and the version of its schema.
 * The schema itself is {@code event-schemas/<Type>.v<version>.json} in this module: the one source
 * of truth that producers and consumers are both tested against.
 */
public enum EventType {
    MEMBER_REGISTERED("MemberRegistered", Topics.MEMBER_EVENTS, 1),
    BRAND_ONBOARDED("BrandOnboarded", Topics.BRAND_EVENTS, 1);

    private final String typeName;
    private final String topic;
    private final int version;

    EventType(String typeName, String topic, int version) {
        this.typeName = typeName;
        this.topic = topic;
        this.version = version;
    }

    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    public int version() {
        return version;
    }

    public String schemaUri() {
        return "urn:dcbeacon:event:" + typeName + ":v" + version;
    }

    public String schemaResource() {
        return "event-schemas/" + typeName + ".v" + version + ".json";
    }

    public static Optional<EventType> byTypeName(String typeName) {
        return Arrays.stream(values()).filter(t -> t.typeName.equals(typeName)).findFirst();
    }
}
