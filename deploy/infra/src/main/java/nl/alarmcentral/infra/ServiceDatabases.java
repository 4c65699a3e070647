package nl.alarmcentral.infra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One database per service, owned by a login role of the same name (password: the same name).
 * Each service then owns its schema through Flyway. For the local stack and tests only: on one
 * machine, never on a server that others can reach.
 */
public final class ServiceDatabases {

    private ServiceDatabases() {
    }

    /** Creates the role and the database unless they exist. Needs a superuser connection. */
    public static void ensure(Connection connection, String name) throws SQLException {
        requireName(name);
        try (Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                statement.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                statement.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        }
    }

    /**
     * An outage of one service's database alone, for fault tests: it refuses new connections and
     * its open sessions are ended, as when the database is away. Needs a superuser connection to
     * the server the test started itself.
     */
    public static void refuseConnections(Connection superuser, String name) throws SQLException {
        requireName(name);
        try (Statement statement = superuser.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                    + "' AND pid <> pg_backend_pid()");
        }
    }

    /** Ends the outage of {@link #refuseConnections(Connection, String)}. */
    public static void allowConnections(Connection superuser, String name) throws SQLException {
        requireName(name);
        try (Statement statement = superuser.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
    }

    private static void requireName(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,40}")) {
            throw new IllegalArgumentException("Unsupported database name: " + name);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
