package nl.alarmcentral.infra;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * PostgreSQL's lock file {@code postmaster.pid} in its data directory: which process is the
 * postmaster, and which System V shared memory segment it holds. PostgreSQL runs detached from
 * {@link PostgresMain} (started by {@code pg_ctl} in its own session), so this file is how
 * PostgresMain watches it, how the local stack reports it, and how a start clears what a killed
 * postmaster left behind: a lock file naming a process that is no longer PostgreSQL, a postmaster
 * of an earlier start that still runs, or backends that still hold the old shared memory (any of
 * which makes PostgreSQL refuse to start).
 *
 * @param pid    the postmaster's process id
 * @param shmKey key of its System V shared memory segment, when the file names one
 * @param shmId  id of that segment
 */
public record PostmasterPidFile(long pid, OptionalLong shmKey, OptionalLong shmId) {

    private static final String FILE = "postmaster.pid";
    /** Line 7 of the file holds "key id" of the shared memory segment (PostgreSQL's LOCK_FILE_LINE_SHMEM_KEY). */
    private static final int SHMEM_LINE = 6;

    /** Reads the lock file of a data directory, if there is one. */
    public static Optional<PostmasterPidFile> read(Path dataDir) {
        List<String> lines;
        try {
            lines = Files.readAllLines(dataDir.resolve(FILE), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(lines.get(0).trim());
            if (lines.size() > SHMEM_LINE && !lines.get(SHMEM_LINE).isBlank()) {
                String[] shm = lines.get(SHMEM_LINE).trim().split("\\s+");
                return Optional.of(new PostmasterPidFile(pid, OptionalLong.of(Long.parseLong(shm[0])),
                        OptionalLong.of(Long.parseLong(shm[1]))));
            }
            return Optional.of(new PostmasterPidFile(pid, OptionalLong.empty(), OptionalLong.empty()));
        } catch (RuntimeException e) {
            // Being written, or damaged: PostgreSQL itself decides what to do with it.
            return Optional.empty();
        }
    }

    /**
     * Clears what a killed postmaster (or a killed PostgresMain) left in a data directory, so that
     * PostgreSQL starts on it again, and says on {@code log} what it did.
     */
    public static void clearLeftovers(Path dataDir, PrintStream log) throws IOException {
        Optional<PostmasterPidFile> found = read(dataDir);
        if (found.isEmpty()) {
            return;
        }
        PostmasterPidFile file = found.get();
        Optional<ProcessHandle> holder = ProcessHandle.of(file.pid())
                .filter(process -> process.isAlive() && !ProcessTable.isZombie(process.pid()));
        if (holder.isPresent() && holder.get().info().commandLine().orElse("").contains(dataDir.toString())) {
            // Its PostgresMain was killed, so nobody can stop it in order: PostgreSQL recovers from this.
            log.println("A PostgreSQL of an earlier start still runs on " + dataDir + " (process " + file.pid()
                    + "); stopping it");
            holder.get().destroyForcibly();
            ProcessTable.awaitExit(List.of(holder.get()), Duration.ofSeconds(10));
        }
        if (ProcessHandle.of(file.pid()).filter(ProcessHandle::isAlive).isPresent() || ProcessTable.isZombie(file.pid())) {
            // Another process got its pid, or it is dead but not yet reaped by its new parent (a
            // zombie): either way PostgreSQL would take the lock file as held and refuse to start.
            log.println(FILE + " names process " + file.pid() + ", which is not a running PostgreSQL of " + dataDir
                    + ": removing the stale lock file");
            Files.deleteIfExists(dataDir.resolve(FILE));
        }
        if (file.shmId().isPresent()) {
            releaseSharedMemory(file.shmKey().getAsLong(), file.shmId().getAsLong(), log);
        }
    }

    /**
     * Backends of a killed postmaster leave as soon as they notice, unless they are busy (a long
     * query); while any holds the old segment, a new postmaster refuses to start.
     */
    private static void releaseSharedMemory(long key, long id, PrintStream log) {
        if (awaitDetached(id, 5_000)) {
            return;
        }
        List<ProcessHandle> attached = ProcessTable.attachedToSharedMemory(key);
        log.println("Stopping " + attached.size() + " PostgreSQL process(es) of an earlier postmaster that still hold"
                + " its shared memory: " + attached.stream().map(p -> String.valueOf(p.pid())).toList());
        attached.forEach(ProcessHandle::destroyForcibly);
        ProcessTable.awaitExit(attached, Duration.ofSeconds(10));
        awaitDetached(id, 5_000);
    }

    private static boolean awaitDetached(long id, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (ProcessTable.sharedMemoryAttachments(id).orElse(0) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
