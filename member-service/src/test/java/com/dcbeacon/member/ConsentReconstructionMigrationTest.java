package com.dcbeacon.member;

import static org.assertj.core.api.Assertions.assertThat;

import com.dcbeacon.member.domain.ErasureRequest;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

/**
 * A subscription that started before records of consent existed gets one sign-up record, marked as reconstructed, at
 * the price and time the database knows; one that has records gets none. Run on a schema of its own, migrated first to
 * the version that introduced the records, with such subscriptions in it.
 */
@QuarkusTest
class ConsentReconstructionMigrationTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldReconstructOneSignUpRecordPerSubscriptionWithoutAny() throws Exception {
        String schema = MigrationSchemas.name("before_consent");
        FluentConfiguration flyway = MigrationSchemas.flyway(dataSource, schema);
        UUID early = UUID.randomUUID();
        UUID recorded = UUID.randomUUID();
        UUID earlySubscription = UUID.randomUUID();
        UUID recordedSubscription = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            flyway.target(MigrationVersion.fromVersion("7")).load().migrate();
            for (UUID member : new UUID[] {early, recorded}) {
                sql.execute("""
                        insert into %s.member (id, email, name, address_line1, address_city, address_postal_code,
                            address_country, registered_at)
                        values ('%s', '%s@example.com', 'Early Bird', '1 Main St', 'Berlin', '10115', 'DE', now())""".formatted(schema, member, member));
            }
            // classic cost 24.99 until a change to 26.99 on 1 March 2025 and 28.99 on 1 June 2025; the early member
            // started on 15 April 2025 and cancelled since
            sql.execute("""
                    insert into %1$s.plan_price_change (id, plan_id, new_price_cents, effective_on, announced_at) values
                        (gen_random_uuid(), 'classic', 2699, '2025-03-01', '2025-01-01T00:00:00Z'),
                        (gen_random_uuid(), 'classic', 2899, '2025-06-01', '2025-04-20T00:00:00Z');
                    insert into %1$s.subscription (id, member_id, plan_id, status, started_at, cancelled_at) values
                        ('%2$s', '%3$s', 'classic', 'CANCELLED', '2025-04-15T10:00:00Z', '2025-09-01T00:00:00Z'),
                        ('%4$s', '%5$s', 'taster', 'ACTIVE', '2026-11-01T10:00:00Z', null);
                    insert into %1$s.consent_record (id, member_id, member_key, subscription_id, action, plan_id,
                        price_cents, currency, billing_cycle, first_cycle, terms_version, terms_text, channel,
                        actor_id, recorded_at)
                    values (gen_random_uuid(), '%5$s', 'key', '%4$s', 'SUBSCRIBE', 'taster', 1499, 'EUR', 'MONTHLY',
                        '2026-12', 'subscription-terms-2026-11', 'shown', 'WEB', '%5$s', '2026-11-01T10:00:00Z')""".formatted(schema, earlySubscription, early, recordedSubscription, recorded));

            flyway.target(MigrationVersion.LATEST).load().migrate();

            try (ResultSet r = sql.executeQuery("select * from %s.consent_record where subscription_id = '%s'"
                    .formatted(schema, earlySubscription))) {
                assertThat(r.next())
                        .as("the early subscription's sign-up is reconstructed")
                        .isTrue();
                assertThat(r.getString("action")).isEqualTo("SUBSCRIBE");
                assertThat(r.getString("channel")).isEqualTo("RECONSTRUCTED");
                assertThat(r.getString("terms_version")).isEqualTo("reconstructed");
                assertThat(r.getString("terms_text")).startsWith("Reconstructed");
                assertThat(r.getString("plan_id")).isEqualTo("classic");
                assertThat(r.getLong("price_cents"))
                        .as("the price in force on 15 April")
                        .isEqualTo(2699);
                assertThat(r.getString("currency")).isEqualTo("EUR");
                assertThat(r.getString("first_cycle")).isEqualTo("2025-05");
                assertThat(r.getObject("recorded_at", OffsetDateTime.class))
                        .isEqualTo(OffsetDateTime.parse("2025-04-15T10:00:00Z"));
                assertThat(r.getObject("member_id", UUID.class)).isEqualTo(early);
                assertThat(r.getString("member_key")).isEqualTo(ErasureRequest.memberRef(early));
                assertThat(r.getString("actor_id")).isNull();
                assertThat(r.next()).as("one record per subscription").isFalse();
            }
            try (ResultSet r = sql.executeQuery("select channel from %s.consent_record where subscription_id = '%s'"
                    .formatted(schema, recordedSubscription))) {
                assertThat(r.next()).isTrue();
                assertThat(r.getString(1)).as("its own record, nothing added").isEqualTo("WEB");
                assertThat(r.next()).isFalse();
            }
        } finally {
            MigrationSchemas.drop(dataSource, schema);
        }
    }
}
