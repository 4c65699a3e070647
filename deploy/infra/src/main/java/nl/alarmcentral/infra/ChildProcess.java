package nl.alarmcentral.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * One process of the local infrastructure or of the local stack: started with its output in a log
 * file, ready when a line of its output says so (or a probe answers), and stopped together with
 * every process it started itself.
 *
 * <p>Each child runs in its own session and process group ({@code setsid} from util-linux, when it
 * is installed; it replaces itself with the command, so {@link #pid()} is the command's own process).
 * A terminal's Ctrl-C then reaches only this JVM, which stops its children in its own order, and
 * whatever a child started stays findable through the session after the child itself died
 * ({@link ProcessTable#sessionMembers}).
 *
 * <p>Its standard input stays open for the child's lifetime: children that install a
 * {@link ParentWatch} stop themselves when this JVM disappears.
 */
public final class ChildProcess implements AutoCloseable {

    private static final int TAIL_LINES = 40;

    /** {@code setsid}, which starts a command in a new session, if it is installed. */
    private static final java.util.Optional<String> SETSID = java.util.stream.Stream
            .of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
            .filter(dir -> !dir.isEmpty()).map(dir -> Path.of(dir, "setsid")).filter(Files::isExecutable)
            .map(Path::toString).findFirst();

    /** Children not yet stopped; a shutdown hook stops them however this JVM ends (short of kill -9). */
    private static final java.util.Set<ChildProcess> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static volatile java.util.function.Consumer<ChildProcess> startListener = child -> { };
    private static volatile boolean stopLiveOnExit = true;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (stopLiveOnExit) {
                stopAllLive();
            }
        }, "child-process-stop"));
    }

    /**
     * Whether this class's own shutdown hook stops the remaining children (the default). The
     * launcher turns it off because it stops them itself, in order, and then calls
     * {@link #stopAllLive()} for any it did not know yet.
     */
    public static void stopLiveOnExit(boolean value) {
        stopLiveOnExit = value;
    }

    /** Stops every child that has not been stopped yet. */
    public static void stopAllLive() {
        new java.util.ArrayList<>(LIVE).parallelStream().forEach(ChildProcess::close);
    }

    private final String name;
    private final Process process;
    private final Path logFile;
    private final CompletableFuture<String> readyLine = new CompletableFuture<>();
    private final Deque<String> tail = new ArrayDeque<>();

    private final boolean watchesParent;

    private ChildProcess(String name, Process process, Path logFile, Predicate<String> readyWhen, boolean watchesParent) {
        this.name = name;
        this.watchesParent = watchesParent;
        this.process = process;
        this.logFile = logFile;
        Thread pump = new Thread(() -> pumpOutput(readyWhen), name + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts a process.
     *
     * @param name      short name used in messages and thread names
     * @param command   the command line
     * @param env       extra environment variables
     * @param workDir   working directory
     * @param logFile   where its standard output and error go (appended)
     * @param readyWhen recognises the output line that means "ready"; may match nothing when
     *                  readiness is probed otherwise
     * @param watchesParent whether the child runs a {@link ParentWatch}, and so stops cleanly
     *                  when its input closes (otherwise it gets SIGTERM at once)
     */
    public static ChildProcess start(String name, List<String> command, Map<String, String> env, Path workDir,
            Path logFile, Predicate<String> readyWhen, boolean watchesParent) {
        try {
            Files.createDirectories(logFile.getParent());
            List<String> fullCommand = new java.util.ArrayList<>();
            SETSID.ifPresent(fullCommand::add);
            fullCommand.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(env);
            ChildProcess child = new ChildProcess(name, builder.start(), logFile, readyWhen, watchesParent);
            LIVE.add(child);
            startListener.accept(child);
            return child;
        } catch (IOException e) {
            throw new InfraException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    private void pumpOutput(Predicate<String> readyWhen) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.println(line);
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                if (!readyLine.isDone() && readyWhen.test(line)) {
                    readyLine.complete(line);
                }
            }
        } catch (IOException e) {
            // The process went away; the exit is reported through awaitReady or isAlive.
        }
        readyLine.completeExceptionally(new InfraException(name + " exited (code " + exitCodeOrUnknown()
                + ") before it was ready. Last output:\n" + tail() + "\nFull log: " + logFile));
    }

    private String exitCodeOrUnknown() {
        try {
            return process.waitFor(2, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /**
     * Waits for the line that means "ready".
     *
     * @return the ready line
     * @throws InfraException when the process exits first or the timeout passes
     */
    public String awaitReadyLine(Duration timeout) {
        try {
            return readyLine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new InfraException(name + " was not ready after " + timeout.toSeconds() + " s. Last output:\n" + tail()
                    + "\nFull log: " + logFile);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof InfraException ie ? ie : new InfraException(e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("Interrupted while waiting for " + name, e);
        }
    }

    /**
     * Tells the listener about every child started from now on (the launcher records their process
     * ids, to clean up after being killed).
     */
    public static void onStart(java.util.function.Consumer<ChildProcess> listener) {
        startListener = listener;
    }

    /** The last lines of output, for error messages. */
    public String tail() {
        synchronized (tail) {
            return String.join("\n", tail);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes with the exit code when the process has exited (128 + n when signal n ended it). */
    public CompletableFuture<Integer> onExit() {
        return process.onExit().thenApply(Process::exitValue);
    }

    public Path logFile() {
        return logFile;
    }

    /**
     * Stops the process and everything it started, also what outlived it when it already exited:
     * first politely (closing its input, then SIGTERM), after {@code grace} forcibly. A child with a {@link ParentWatch} gets half the
     * grace to stop on its closed input, then SIGTERM and the other half; any other child gets
     * SIGTERM at once and the whole grace. Stops politely even when the calling thread was
     * interrupted (a stop that is itself being cancelled must not turn into a kill).
     */
    public void stop(Duration grace) {
        LIVE.remove(this);
        boolean interrupted = Thread.interrupted();
        try {
            stopPolitely(grace);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void stopPolitely(Duration grace) {
        if (!process.isAlive()) {
            stopSessionLeftovers(Duration.ofSeconds(5));
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        try {
            // Children with a ParentWatch shut down cleanly when their input closes.
            process.getOutputStream().close();
            long wait = watchesParent ? grace.toMillis() / 2 : grace.toMillis();
            if (!watchesParent || !process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                process.destroy();
                descendants.forEach(ProcessHandle::destroy);
                if (!process.waitFor(wait, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroy();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        List<ProcessHandle> left = descendants.stream().filter(ProcessHandle::isAlive).toList();
        left.forEach(ProcessHandle::destroy);
        ProcessTable.awaitExit(left, Duration.ofSeconds(5));
        left.forEach(ProcessHandle::destroyForcibly);
        stopSessionLeftovers(Duration.ofSeconds(5));
    }

    /**
     * Stops what is left of this child's session once the child itself has exited: processes it
     * started that outlived it (Keycloak's JVM when its {@code kc.sh} was killed). SIGTERM, then
     * SIGKILL after {@code grace}. Nothing to do when the child did not run in its own session.
     */
    private void stopSessionLeftovers(Duration grace) {
        if (SETSID.isEmpty() || process.isAlive()) {
            return;
        }
        List<ProcessHandle> leftovers = ProcessTable.sessionMembers(process.pid());
        leftovers.forEach(ProcessHandle::destroy);
        ProcessTable.awaitExit(leftovers, grace);
        leftovers.forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }
}
