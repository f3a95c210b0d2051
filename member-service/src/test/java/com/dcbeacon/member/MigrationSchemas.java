package com.dcbeacon.member;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * For tests of one migration: a schema of the test's own, migrated with this module's migrations up to a version the
 * test picks, then to the latest, and dropped afterwards.
 */
final class MigrationSchemas {

    private MigrationSchemas() {}

    /** A new schema name starting with {@code prefix}. */
    static String name(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Flyway on {@code schema} (created on the first migrate) with this module's migrations. */
    static FluentConfiguration flyway(AgroalDataSource dataSource, String schema) {
        return Flyway.configure(MigrationSchemas.class.getClassLoader())
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:db/chassis", "classpath:db/migration");
    }

    static void drop(AgroalDataSource dataSource, String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement sql = connection.createStatement()) {
            sql.execute("drop schema if exists " + schema + " cascade");
        }
    }
}
