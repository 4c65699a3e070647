package nl.alarmcentral.infra.test;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import nl.alarmcentral.infra.PostgresServer;

/**
 * Points a Quarkus test at a real PostgreSQL database of {@link SharedTestInfra}. Takes the init
 * argument {@code database} (one of {@link SharedTestInfra#DATABASES}); Flyway creates the schema
 * when the application starts, as in production.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || !SharedTestInfra.DATABASES.contains(database)) {
            throw new IllegalArgumentException("PostgresTestResource needs the init argument database, one of "
                    + SharedTestInfra.DATABASES);
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer postgres = SharedTestInfra.postgres();
        return Map.of(
                "quarkus.datasource.jdbc.url", postgres.jdbcUrl(database),
                "quarkus.datasource.reactive.url", postgres.reactiveUrl(database),
                "quarkus.datasource.username", database,
                "quarkus.datasource.password", database);
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; stopped when the JVM ends.
    }
}
