package nl.alarmcentral.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import nl.alarmcentral.infra.ProcessTable;

/**
 * Makes sure one local stack runs per data folder, and cleans up after a launcher that was killed
 * without a chance to stop its children (kill -9): their process ids are kept in a file, and the
 * {@link StackWatchdog} (at once) and the next start (whatever is still left) stop those that are
 * still alive.
 */
final class StackLock implements AutoCloseable {

    /** In the data folder: the process ids of the children (one a line). */
    static final String PID_FILE = "children.pids";

    private final FileChannel channel;
    private final FileLock lock;
    private final Path pidFile;
    private final List<Long> pids = new ArrayList<>();

    private StackLock(FileChannel channel, FileLock lock, Path pidFile) {
        this.channel = channel;
        this.lock = lock;
        this.pidFile = pidFile;
    }

    /**
     * Takes the lock of a data folder.
     *
     * @throws AlreadyRunningException when another launcher holds it
     */
    static StackLock acquire(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        Path lockFile = dataDir.resolve("launcher.lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            String owner = Files.readString(lockFile, StandardCharsets.UTF_8).trim();
            throw new AlreadyRunningException(owner.isEmpty() ? "unknown" : owner);
        }
        channel.truncate(0);
        channel.write(java.nio.ByteBuffer.wrap(String.valueOf(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
        return new StackLock(channel, lock, dataDir.resolve(PID_FILE));
    }

    /**
     * Stops processes a previous, killed launcher left behind.
     *
     * @param markers paths of which at least one appears in the command line of each of our children
     * @return how many were stopped
     */
    int stopLeftovers(List<String> markers) throws IOException {
        int stopped = stopRecorded(pidFile, markers);
        Files.deleteIfExists(pidFile);
        return stopped;
    }

    /**
     * Stops the recorded processes of a data folder that still run, with whatever they started
     * (their descendants, and what is left in their sessions when they died themselves): SIGTERM to
     * all at once, SIGKILL to those still there after 15 s. Used at the next start, and by
     * {@link StackWatchdog} the moment a launcher disappears.
     *
     * @return how many were stopped
     */
    static int stopRecorded(Path pidFile, List<String> markers) throws IOException {
        if (!Files.exists(pidFile)) {
            return 0;
        }
        long self = ProcessHandle.current().pid();
        Set<ProcessHandle> ours = new LinkedHashSet<>();
        for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
            if (line.isBlank() || Long.parseLong(line.trim()) == self) {
                continue;
            }
            long pid = Long.parseLong(line.trim());
            Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            process.filter(p -> startedByUs(p, markers)).ifPresent(p -> {
                ours.add(p);
                p.descendants().forEach(ours::add);
            });
            // A child's own session outlives it: what it started is still there when it died.
            ProcessTable.sessionMembers(pid).stream().filter(p -> p.pid() != self && startedByUs(p, markers))
                    .forEach(ours::add);
        }
        ours.forEach(ProcessHandle::destroy);
        ProcessTable.awaitExit(ours, Duration.ofSeconds(15));
        ours.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        return ours.size();
    }

    /** A process id may have been reused: only stop a process whose command line names our folders. */
    private static boolean startedByUs(ProcessHandle process, List<String> markers) {
        String command = process.info().commandLine().orElse("");
        return markers.stream().anyMatch(command::contains);
    }

    /**
     * Remembers a child's process id, for the cleanup above. Restarted children are remembered as
     * well; those that have exited are forgotten, so the file stays as long as the stack.
     */
    synchronized void remember(long pid) throws IOException {
        pids.removeIf(known -> ProcessHandle.of(known).map(p -> !p.isAlive()).orElse(true));
        pids.add(pid);
        Files.writeString(pidFile, String.join("\n", pids.stream().map(String::valueOf).toList()) + "\n",
                StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        Files.deleteIfExists(pidFile);
        lock.release();
        channel.close();
    }

    /** Another launcher runs on this data folder. */
    static final class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException(String pid) {
            super(pid);
        }
    }
}
