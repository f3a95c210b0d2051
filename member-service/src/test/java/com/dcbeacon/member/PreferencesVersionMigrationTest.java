package com.dcbeacon.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.platform.events.EventCodec;
import com.dcbeacon.platform.events.EventEnvelope;
import com.dcbeacon.platform.events.payload.MemberPreferencesChanged;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A member who signed up before preferences versions existed gets version 1, and the migration announces their
 * profile as version 1 through the outbox, so box-service does not wait forever for a version it was never sent.
 * Run on a schema of its own, migrated first to the version before, with such a member in it.
 */
@QuarkusTest
class PreferencesVersionMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    EventCodec codec;

    @Test
    void shouldAnnounceTheProfileOfMembersWhoSignedUpBeforeVersionsAsVersionOne() throws Exception {
        String schema = MigrationSchemas.name("before_versions");
        FluentConfiguration flyway = MigrationSchemas.flyway(dataSource, schema);
        UUID member = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            flyway.target(MigrationVersion.fromVersion("2")).load().migrate();
            sql.execute("""
                    insert into %s.member (id, email, name, address_line1, address_city, address_postal_code, address_country,
                        registered_at, allergens, dietary_tags, liked_categories, sensitive_data_consent)
                    values ('%s', 'early@example.com', 'Early Bird', '1 Main St', 'Berlin', '10115', 'DE', now(),
                        '["PEANUTS"]', '["VEGAN"]', '["chips"]', true)""".formatted(schema, member));

            flyway.target(MigrationVersion.LATEST).load().migrate();

            try (ResultSet version = sql.executeQuery("select preferences_version from %s.member".formatted(schema))) {
                assertThat(version.next()).isTrue();
                assertThat(version.getLong(1)).isEqualTo(1);
            }
            try (ResultSet outbox =
                    sql.executeQuery("select event_id, topic, message_key, event_type, envelope from %s.outbox_event"
                            .formatted(schema))) {
                assertThat(outbox.next())
                        .as("the member's profile is announced")
                        .isTrue();
                assertThat(outbox.getString("topic")).isEqualTo("member-preferences");
                assertThat(outbox.getString("message_key")).isEqualTo(member.toString());
                assertThat(outbox.getString("event_type")).isEqualTo("MemberPreferencesChanged");
                // Read as box-service reads it: envelope and payload checked against the shared schemas.
                EventEnvelope envelope = codec.read(outbox.getString("envelope"));
                assertThat(envelope.id()).isEqualTo(outbox.getObject("event_id", UUID.class));
                assertThat(envelope.subject()).isEqualTo(member.toString());
                MemberPreferencesChanged profile = codec.payload(envelope, MemberPreferencesChanged.class);
                assertThat(profile.version()).isEqualTo(1);
                assertThat(profile.memberId()).isEqualTo(member);
                assertThat(profile.allergens()).containsExactly("PEANUTS");
                assertThat(profile.dietaryTags()).containsExactly("VEGAN");
                assertThat(profile.likedCategories()).containsExactly("chips");
                assertThat(profile.dislikedCategories()).isEmpty();
                assertThat(profile.sensitiveDataConsent()).isTrue();
                assertThat(outbox.next()).as("one announcement per member").isFalse();
            }
        } finally {
            MigrationSchemas.drop(dataSource, schema);
        }
    }
}
