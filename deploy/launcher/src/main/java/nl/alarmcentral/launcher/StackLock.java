package nl.alarmcentral.launcher;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Makes sure one local stack runs per data folder, and cleans up after a launcher that was killed
 * without a chance to stop its children (kill -9): their process ids are kept in a file, and the
 * next start stops those that are still alive.
 */
final class StackLock implements AutoCloseable {

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
        return new StackLock(channel, lock, dataDir.resolve("children.pids"));
    }

    /**
     * Stops processes a previous, killed launcher left behind.
     *
     * @param markers paths of which at least one appears in the command line of each of our children
     * @return how many were stopped
     */
    int stopLeftovers(List<String> markers) throws IOException {
        if (!Files.exists(pidFile)) {
            return 0;
        }
        int stopped = 0;
        for (String line : Files.readAllLines(pidFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(line.trim()));
            if (process.isPresent() && process.get().isAlive() && startedByUs(process.get(), markers)) {
                process.get().descendants().forEach(ProcessHandle::destroy);
                process.get().destroy();
                process.get().onExit().completeOnTimeout(process.get(), 15, java.util.concurrent.TimeUnit.SECONDS).join();
                process.get().destroyForcibly();
                stopped++;
            }
        }
        Files.delete(pidFile);
        return stopped;
    }

    /** A process id may have been reused: only stop a process whose command line names our folders. */
    private static boolean startedByUs(ProcessHandle process, List<String> markers) {
        String command = process.info().commandLine().orElse("");
        return markers.stream().anyMatch(command::contains);
    }

    /** Remembers a child's process id, for the cleanup above. */
    synchronized void remember(long pid) throws IOException {
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
