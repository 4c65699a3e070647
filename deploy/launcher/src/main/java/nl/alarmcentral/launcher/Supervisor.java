package nl.alarmcentral.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import nl.alarmcentral.infra.ChildProcess;

/**
 * The processes of one local stack on its data folder, from the lock to the last stop. It takes
 * the folder's {@link StackLock} and stops what a killed launcher left, records every child it
 * starts (restarts too) so that a {@link StackWatchdog} or the next start can clean up, keeps
 * {@value #STATUS_FILE} current for tools and tests, supervises the children once the stack is
 * ready ({@link SupervisedChild}), and on Ctrl-C or SIGTERM stops them in order: the services
 * (given time to finish in-flight work and leave their Kafka groups), then the infrastructure,
 * in parallel within each tier. Once that stop has begun nothing is started again, also when
 * every child was signalled at the same moment as the launcher.
 */
final class Supervisor {

    /** In the data folder: each child's pid, state and restarts (docs/local-stack.md). */
    static final String STATUS_FILE = "stack-status.properties";

    private final Path dataDir;
    private final StackLock lock;
    private final Consumer<String> progress;
    private final Backoff backoff;
    private final List<SupervisedChild> children = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopBegun = new AtomicBoolean();
    private volatile String stackState = "starting";
    private volatile boolean anyStarted;
    private final Thread hook = new Thread(this::stopAll, "local-stack-stop");

    private Supervisor(Path dataDir, StackLock lock, Consumer<String> progress, Backoff backoff) {
        this.dataDir = dataDir;
        this.lock = lock;
        this.progress = progress;
        this.backoff = backoff;
    }

    /**
     * Takes the data folder's lock, stops what a launcher killed earlier left running, and from now
     * on records every child and stops everything when this JVM exits.
     *
     * @param markers paths of which one appears in the command line of every child (see
     *                {@link StackLock#stopLeftovers})
     * @param progress where progress lines go
     * @throws StackLock.AlreadyRunningException when another launcher runs on the folder
     */
    static Supervisor open(Path dataDir, List<String> markers, Consumer<String> progress, Backoff backoff)
            throws IOException {
        Supervisor supervisor = new Supervisor(dataDir, StackLock.acquire(dataDir), progress, backoff);
        ChildProcess.stopLiveOnExit(false);
        ChildProcess.onStart(supervisor::childStarted);
        Runtime.getRuntime().addShutdownHook(supervisor.hook);
        int leftovers = supervisor.lock.stopLeftovers(markers);
        if (leftovers > 0) {
            progress.accept("stopped " + leftovers + " process(es) left over from a launcher that was killed");
        }
        supervisor.publish();
        return supervisor;
    }

    /**
     * Starts the watchdog that stops the children if this JVM is killed outright (their sessions
     * are their own, so nothing else would).
     */
    void startWatchdog(List<String> markers, Path workDir, Path logFile) {
        StackWatchdog.start(dataDir.resolve(StackLock.PID_FILE), markers, workDir, logFile);
    }

    /** Adds a child (not started yet; its state is "starting"). */
    SupervisedChild add(String name, SupervisedChild.Tier tier, String where, Duration stopGrace,
            SupervisedChild.Starter starter) {
        SupervisedChild child = new SupervisedChild(this, name, tier, where, stopGrace, starter);
        children.add(child);
        publish();
        return child;
    }

    /** Starts a child the first time and waits until it is ready; a failure fails the caller. */
    void start(SupervisedChild child) throws Exception {
        child.startFirst();
    }

    /** The stack is ready: from now on every child that exits is started again. */
    void supervise() {
        if (stopBegun.get()) {
            return;
        }
        stackState = "ready";
        publish();
        children.forEach(SupervisedChild::supervise);
    }

    /**
     * Stops every child in order, once: the services (and Prometheus) first, then Kafka,
     * PostgreSQL and Keycloak; each tier in parallel. No child starts again after this began.
     */
    void stop() {
        if (!stopBegun.compareAndSet(false, true)) {
            return;
        }
        stackState = "stopping";
        children.forEach(SupervisedChild::beginStop);
        publish();
        for (SupervisedChild.Tier tier : SupervisedChild.Tier.values()) {
            // A thread each: the common pool has one thread on a two-core machine.
            List<Thread> stopping = children.stream().filter(child -> child.tier() == tier)
                    .map(child -> new Thread(child::stop, "stop-" + child.name())).toList();
            stopping.forEach(Thread::start);
            for (Thread thread : stopping) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        stackState = "stopped";
        publish();
    }

    /**
     * Stops the stack as Ctrl-C does, without waiting for this JVM to exit (tests that run
     * several stacks in one JVM).
     */
    void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // This JVM is exiting: the hook runs anyway.
            return;
        }
        stopAll();
    }

    /** The shutdown hook: the ordered stop, then anything else still running, then the lock. */
    private void stopAll() {
        boolean say = anyStarted;
        if (say) {
            System.out.println();
            progress.accept("stopping");
        }
        stop();
        ChildProcess.stopAllLive();
        try {
            lock.close();
        } catch (IOException e) {
            // The lock is released when this process exits anyway.
        }
        if (say) {
            progress.accept("stopped; nothing is left running");
        }
    }

    /** Every child process started in this JVM: recorded for cleanup, and given to its supervised child. */
    private void childStarted(ChildProcess process) {
        anyStarted = true;
        recordPid(process.pid());
        children.stream().filter(child -> child.name().equals(process.name())).findFirst()
                .ifPresent(child -> child.processStarted(process));
    }

    void recordPid(long pid) {
        try {
            lock.remember(pid);
        } catch (IOException e) {
            System.err.println("Cannot record process " + pid + ": " + e.getMessage());
        }
    }

    Backoff backoff() {
        return backoff;
    }

    void progress(String line) {
        progress.accept(line);
    }

    /** Rewrites the status file: a temporary file, then an atomic rename, so readers never see half of it. */
    synchronized void publish() {
        StringBuilder out = new StringBuilder("# The local stack's children, rewritten on every change (docs/local-stack.md)\n");
        out.append("launcher.pid=").append(ProcessHandle.current().pid()).append('\n');
        out.append("stack.state=").append(stackState).append('\n');
        children.forEach(child -> child.describe(out));
        Path file = dataDir.resolve(STATUS_FILE);
        Path temporary = dataDir.resolve(STATUS_FILE + ".tmp");
        try {
            Files.writeString(temporary, out, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            System.err.println("Cannot write " + file + ": " + e.getMessage());
        }
    }
}
