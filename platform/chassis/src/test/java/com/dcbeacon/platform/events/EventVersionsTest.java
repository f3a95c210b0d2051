package com.dcbeacon.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import com.dcbeacon.platform.messaging.TransientFailures;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rule of docs/messaging.md "Rolling out a new version", on MemberPreferencesChanged v1 and v2. */
class EventVersionsTest {

    private static final EventType PREFERENCES = EventType.MEMBER_PREFERENCES_CHANGED;
    private final ObjectMapper mapper = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Test
    void shouldWriteTheNewestVersionAndReadEveryVersionByDefault() {
        EventCodec codec = new EventCodec(mapper, EventVersions.defaults());
        EventEnvelope written = codec.wrap(PREFERENCES, "/member-service", "m", preferences(3));
        assertThat(written.dataschema()).isEqualTo("urn:dcbeacon:event:MemberPreferencesChanged:v2");
        assertThat(codec.read(codec.write(written)).id()).isEqualTo(written.id());
        EventEnvelope v1 = codec.wrap(PREFERENCES, 1, "/member-service", "m", preferences(3));
        assertThat(v1.dataschema()).isEqualTo("urn:dcbeacon:event:MemberPreferencesChanged:v1");
        assertThat(codec.read(codec.write(v1)).id()).isEqualTo(v1.id());
    }

    @Test
    void shouldRequireInV2TheFieldV1LeftOptional() throws Exception {
        EventCodec codec = new EventCodec(mapper, EventVersions.defaults());
        for (int version : List.of(1, 2)) {
            ObjectNode withoutVersion = (ObjectNode) mapper.readTree(
                    codec.write(codec.wrap(PREFERENCES, version, "/member-service", "m", preferences(3))));
            ((ObjectNode) withoutVersion.get("data")).remove("version");
            if (version == 1) {
                assertThat(codec.read(withoutVersion.toString()))
                        .as("v1 without version")
                        .isNotNull();
            } else {
                assertThatThrownBy(() -> codec.read(withoutVersion.toString()))
                        .as("v2 without version")
                        .isInstanceOf(InvalidEventException.class)
                        .hasMessageContaining("version");
            }
        }
    }

    @Test
    void shouldWriteTheConfiguredVersionAndMatchTypeNamesFromTheEnvironment() {
        EventVersions versions = new EventVersions(settings(new EnvConfigSource(
                Map.of(
                        "DCBEACON_EVENTS_WRITE_VERSION__MEMBERPREFERENCESCHANGED_", "1",
                        "DCBEACON_EVENTS_ACCEPTED_VERSIONS__MEMBERPREFERENCESCHANGED_", "1"),
                300)));
        assertThat(versions.writeVersion(PREFERENCES)).isEqualTo(1);
        assertThat(versions.acceptedVersions(PREFERENCES)).containsExactly(1);
        assertThat(versions.writeVersion(EventType.MEMBER_REGISTERED))
                .as("other types keep their defaults")
                .isEqualTo(1);
        assertThat(new EventCodec(mapper, versions)
                        .wrap(PREFERENCES, "/member-service", "m", preferences(3))
                        .dataschema())
                .endsWith(":v1");
    }

    @Test
    void shouldMakeAnOlderConsumerWaitForANewerVersionButDeadLetterADroppedOne() {
        EventCodec writer = new EventCodec(mapper, EventVersions.defaults());
        String v1 = writer.write(writer.wrap(PREFERENCES, 1, "/member-service", "m", preferences(3)));
        String v2 = writer.write(writer.wrap(PREFERENCES, 2, "/member-service", "m", preferences(3)));

        EventCodec oldBuild = new EventCodec(
                mapper,
                new EventVersions(
                        settings(properties("dcbeacon.events.accepted-versions.\"MemberPreferencesChanged\"", "1"))));
        assertThat(oldBuild.read(v1))
                .as("positive anchor: the old build reads v1")
                .isNotNull();
        assertThatThrownBy(() -> oldBuild.read(v2))
                .isInstanceOf(NewerEventVersionException.class)
                .satisfies(e -> assertThat(TransientFailures.isTransient(e))
                        .as("waited out, not dead-lettered")
                        .isTrue());

        EventCodec droppedV1 = new EventCodec(
                mapper,
                new EventVersions(
                        settings(properties("dcbeacon.events.accepted-versions.MemberPreferencesChanged", "2"))));
        assertThat(droppedV1.read(v2)).isNotNull();
        assertThatThrownBy(() -> droppedV1.read(v1))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("no longer accepted")
                .satisfies(e -> assertThat(TransientFailures.isTransient(e))
                        .as("a dead letter")
                        .isFalse());

        String v3 = v2.replace(":v2", ":v3");
        assertThatThrownBy(() -> writer.read(v3))
                .as("a version no build of ours knows yet: newer, so it waits too")
                .isInstanceOf(NewerEventVersionException.class);
    }

    @Test
    void shouldRefuseToStartWithAVersionThisBuildHasNoSchemaFor() {
        assertThatThrownBy(() -> new EventVersions(
                        settings(properties("dcbeacon.events.write-version.MemberPreferencesChanged", "3"))))
                .hasMessageContaining("no schema v3");
        assertThatThrownBy(() ->
                        new EventVersions(settings(properties("dcbeacon.events.write-version.MemberTeleported", "1"))))
                .hasMessageContaining("unknown event type");
    }

    private static EventVersions.Settings settings(io.smallrye.config.common.AbstractConfigSource source) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(EventVersions.Settings.class)
                .withSources(source)
                .build();
        return config.getConfigMapping(EventVersions.Settings.class);
    }

    private static PropertiesConfigSource properties(String key, String value) {
        return new PropertiesConfigSource(Map.of(key, value), "test", 300);
    }

    private static MemberPreferencesChanged preferences(long version) {
        return new MemberPreferencesChanged(
                UUID.randomUUID(),
                List.of("SESAME"),
                List.of(),
                List.of("chips"),
                List.of(),
                true,
                OffsetDateTime.now(),
                version);
    }
}
