package nl.alarmcentral.alarm.outage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import nl.alarmcentral.infra.test.SharedTestInfra;

/**
 * Makes the alarm database refuse connections, as an operator would, through PostgreSQL's
 * superuser: new sessions get "database does not allow connections" (SQLSTATE 55000) and the open
 * ones are terminated (57P01). The test PostgreSQL is shared by every test class of the JVM, so
 * whoever refuses must allow again in a {@code finally}; no other database is touched.
 */
public final class AlarmDatabaseOutage implements AutoCloseable {

    private static final String DATABASE = "alarm";

    private AlarmDatabaseOutage() {
    }

    /** Starts refusing connections to the alarm database; closing allows them again. */
    public static AlarmDatabaseOutage begin() {
        superuser("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS false",
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + DATABASE + "'");
        return new AlarmDatabaseOutage();
    }

    @Override
    public void close() {
        superuser("ALTER DATABASE " + DATABASE + " ALLOW_CONNECTIONS true");
    }

    private static void superuser(String... statements) {
        String url = "jdbc:postgresql://127.0.0.1:" + SharedTestInfra.postgres().port() + "/postgres";
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change whether the alarm database allows connections", e);
        }
    }
}
