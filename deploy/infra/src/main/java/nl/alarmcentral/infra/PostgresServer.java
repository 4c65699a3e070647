package nl.alarmcentral.infra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A real PostgreSQL server in a child JVM ({@link PostgresMain}), with one database and role per
 * service.
 */
public final class PostgresServer implements AutoCloseable {

    private final ChildProcess process;
    private final int port;
    private final long postmasterPid;

    private PostgresServer(ChildProcess process, int port, long postmasterPid) {
        this.process = process;
        this.port = port;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts PostgreSQL and makes sure the databases exist.
     *
     * @param baseDir   holds its data directory and unpacked binaries; reused across starts
     * @param port      port on 127.0.0.1
     * @param databases names of the databases (each also a role with that name as password)
     * @param logFile   where its output goes
     */
    public static PostgresServer start(Path baseDir, int port, List<String> databases, Path logFile) {
        List<String> args = new ArrayList<>();
        args.add(baseDir.toString());
        args.add(String.valueOf(port));
        args.addAll(databases);
        ChildProcess process = ChildProcess.start("postgres", ChildJvm.command("128m", PostgresMain.class, args), Map.of(),
                baseDir.getParent() == null ? Path.of(".") : baseDir.getParent(), logFile,
                line -> line.startsWith(PostgresMain.READY_MARKER), true);
        String readyLine;
        try {
            readyLine = process.awaitReadyLine(Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        // "<marker> 127.0.0.1:<port> postmaster <pid>"
        long postmasterPid = Long.parseLong(readyLine.substring(readyLine.lastIndexOf(' ') + 1).trim());
        return new PostgresServer(process, port, postmasterPid);
    }

    public int port() {
        return port;
    }

    /**
     * The process id of PostgreSQL's postmaster, which runs detached from the child JVM
     * ({@link PostgresMain} watches it and exits when it dies).
     */
    public long postmasterPid() {
        return postmasterPid;
    }

    /** JDBC URL of one database (used by Flyway). */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Vert.x reactive client URL of one database (used by Hibernate Reactive). */
    public String reactiveUrl(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** A connection as the server's superuser (embedded PostgreSQL's {@code postgres}, no password), for fault tests. */
    public java.sql.Connection superuser() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(20));
    }
}
