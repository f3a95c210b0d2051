package com.dcbeacon.platform.databases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The databases of a PostgreSQL server that the test infrastructure, the local stack and the system tests start
 * themselves: each service's own database, created on first use and kept afterwards (a restarted stack keeps its data).
 */
public final class PostgresDatabases {

    private PostgresDatabases() {}

    /**
     * Creates {@code database} on the server {@code server} is connected to (any database of it, usually
     * {@code postgres}), unless it exists. Needs a role allowed to create databases.
     *
     * @return true when it was created, false when it already existed
     * @throws SQLException when the server cannot be asked or refuses to create it
     */
    public static boolean createIfMissing(Connection server, String database) throws SQLException {
        try (PreparedStatement exists = server.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (Statement s = server.createStatement()) {
            s.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
        }
        return true;
    }
}
