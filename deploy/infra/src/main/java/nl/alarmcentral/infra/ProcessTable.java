package nl.alarmcentral.infra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} knows about processes that {@link ProcessHandle} does not say: their
 * session, and who still uses a shared memory segment. A child runs in its own session (see
 * {@link ChildProcess}); when the child dies, whatever it started is no longer its descendant but
 * is still in its session, so this is how the local stack finds and stops such leftovers (Keycloak's
 * JVM after its {@code kc.sh} was killed, a PostgreSQL backend after its postmaster was killed).
 *
 * <p>Where {@code /proc} does not exist (not Linux), every answer is empty and callers fall back to
 * what {@link ProcessHandle} knows.
 */
public final class ProcessTable {

    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {
    }

    /** The session of a process, if it exists. */
    public static OptionalLong sessionOf(long pid) {
        return stat(pid).map(fields -> OptionalLong.of(Long.parseLong(fields[3]))).orElse(OptionalLong.empty());
    }

    /** Whether a process has exited but was not reaped yet (its parent has not waited for it). */
    public static boolean isZombie(long pid) {
        return stat(pid).map(fields -> fields[0].equals("Z")).orElse(false);
    }

    /** Every live process of a session, the session's leader included if it still runs. */
    public static List<ProcessHandle> sessionMembers(long sessionId) {
        List<ProcessHandle> members = new ArrayList<>();
        for (long pid : pids()) {
            Optional<String[]> fields = stat(pid);
            if (fields.isPresent() && !fields.get()[0].equals("Z") && Long.parseLong(fields.get()[3]) == sessionId) {
                ProcessHandle.of(pid).ifPresent(members::add);
            }
        }
        return members;
    }

    /** Live processes that have the System V shared memory segment with this key attached. */
    public static List<ProcessHandle> attachedToSharedMemory(long key) {
        String name = String.format("/SYSV%08x", key);
        List<ProcessHandle> attached = new ArrayList<>();
        for (long pid : pids()) {
            try (Stream<String> lines = Files.lines(PROC.resolve(String.valueOf(pid)).resolve("maps"), StandardCharsets.UTF_8)) {
                if (lines.anyMatch(line -> line.contains(name))) {
                    ProcessHandle.of(pid).ifPresent(attached::add);
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // Gone meanwhile, or not ours to read.
            }
        }
        return attached;
    }

    /** How many processes have a System V shared memory segment attached, if the segment exists. */
    public static OptionalLong sharedMemoryAttachments(long shmId) {
        try {
            for (String line : Files.readAllLines(PROC.resolve("sysvipc").resolve("shm"), StandardCharsets.UTF_8)) {
                String[] fields = line.trim().split("\\s+");
                // key shmid perms size cpid lpid nattch ...
                if (fields.length > 6 && fields[1].equals(String.valueOf(shmId))) {
                    return OptionalLong.of(Long.parseLong(fields[6]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No System V IPC table: nothing to wait for.
        }
        return OptionalLong.empty();
    }

    /**
     * Waits until every one of these processes has exited, at most {@code timeout}; returns
     * whether they all did. Polls: {@link ProcessHandle#onExit()} of a process that is not our
     * own child polls too, but with waits that grow to seconds.
     */
    public static boolean awaitExit(Collection<ProcessHandle> processes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processes.stream().anyMatch(p -> p.isAlive() && !isZombie(p.pid()))) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static List<Long> pids() {
        List<Long> pids = new ArrayList<>();
        try (Stream<Path> entries = Files.list(PROC)) {
            entries.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> pids.add(Long.parseLong(name)));
        } catch (IOException e) {
            // Not Linux.
        }
        return pids;
    }

    /** The fields of /proc/PID/stat after the command name: state, ppid, pgrp, session, ... */
    private static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(PROC.resolve(String.valueOf(pid)).resolve("stat"), StandardCharsets.UTF_8);
            // The command name is in parentheses and may itself hold spaces or parentheses.
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
