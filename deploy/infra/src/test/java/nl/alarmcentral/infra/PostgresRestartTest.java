package nl.alarmcentral.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL is started again on its data after whatever killed it: a killed postmaster is noticed
 * (PostgresMain exits with {@link PostgresMain#POSTMASTER_GONE}), and neither a backend that still
 * holds the old shared memory, nor a postmaster left running by a killed PostgresMain, nor a lock
 * file naming a process that is no longer PostgreSQL keeps the next start from working.
 */
class PostgresRestartTest {

    private static final List<String> DATABASES = List.of("alarm");

    @TempDir
    Path dir;

    private final int port = Ports.free();

    @Test
    void aKilledPostmasterIsNoticedAndABusyBackendOfItDoesNotKeepPostgresFromStartingAgain() throws Exception {
        PostgresServer first = start();
        execute(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (42)");
        // A backend busy with a long query does not notice its postmaster's death, and holds its shared memory.
        Connection busy = connect(first);
        CompletableFuture<Void> query = CompletableFuture.runAsync(() -> {
            try (Statement statement = busy.createStatement()) {
                statement.execute("SELECT count(*) FROM generate_series(1, 100000000000)");
            } catch (SQLException e) {
                // Ends when its backend is stopped.
            }
        });
        Thread.sleep(500);
        PostmasterPidFile lockFile = PostmasterPidFile.read(dataDir()).orElseThrow();
        assertThat(lockFile.pid()).isEqualTo(first.postmasterPid());

        ProcessHandle.of(first.postmasterPid()).orElseThrow().destroyForcibly();

        assertThat(first.process().onExit().get(20, TimeUnit.SECONDS)).isEqualTo(PostgresMain.POSTMASTER_GONE);
        assertThat(ProcessTable.attachedToSharedMemory(lockFile.shmKey().orElseThrow())).as("a backend still holds it")
                .isNotEmpty();
        PostgresServer second = start();
        try {
            assertThat(second.postmasterPid()).isNotEqualTo(first.postmasterPid());
            assertThat(queryKept(second)).isEqualTo(42);
            assertThat(log()).contains("of an earlier postmaster that still hold its shared memory");
        } finally {
            second.close();
            busy.close();
            query.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aPostmasterLeftByAKilledPostgresMainOrAStaleLockFileDoesNotKeepPostgresFromStarting() throws Exception {
        PostgresServer first = start();
        execute(first, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");
        ProcessHandle.of(first.process().pid()).orElseThrow().destroyForcibly();
        first.process().onExit().get(10, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(first.postmasterPid())).as("the postmaster runs on, detached").isPresent();

        PostgresServer second = start();
        assertThat(log()).contains("A PostgreSQL of an earlier start still runs");
        assertThat(queryKept(second)).isEqualTo(7);

        // Kill it so it leaves its lock file, then let the file name a live process that is not PostgreSQL.
        ProcessHandle.of(second.postmasterPid()).orElseThrow().destroyForcibly();
        second.process().onExit().get(20, TimeUnit.SECONDS);
        ChildProcess unrelated = ChildProcess.start("unrelated", List.of("sleep", "60"), Map.of(), dir,
                dir.resolve("unrelated.log"), line -> false, false);
        try {
            Path lockFile = dataDir().resolve("postmaster.pid");
            List<String> lines = Files.readAllLines(lockFile, StandardCharsets.UTF_8);
            lines.set(0, String.valueOf(unrelated.pid()));
            Files.write(lockFile, lines, StandardCharsets.UTF_8);

            PostgresServer third = start();
            try {
                assertThat(log()).contains("names process " + unrelated.pid() + ", which is not a running PostgreSQL of");
                assertThat(queryKept(third)).isEqualTo(7);
                assertThat(unrelated.isAlive()).as("the unrelated process is left alone").isTrue();
            } finally {
                third.close();
            }
        } finally {
            unrelated.stop(Duration.ofSeconds(5));
        }
    }

    private PostgresServer start() {
        return PostgresServer.start(dir.resolve("postgres"), port, DATABASES, dir.resolve("postgres.log"));
    }

    private Path dataDir() {
        return dir.resolve("postgres").resolve("data");
    }

    private String log() throws Exception {
        return Files.readString(dir.resolve("postgres.log"), StandardCharsets.UTF_8);
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl("alarm"), "alarm", "alarm");
    }

    private static void execute(PostgresServer server, String sql) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int queryKept(PostgresServer server) throws SQLException {
        try (Connection connection = connect(server); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
