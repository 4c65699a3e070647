package nl.alarmcentral.launcher;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;

import nl.alarmcentral.infra.ChildProcess;

/**
 * A throwaway child for the supervisor's tests, never a real service: a shell loop that says
 * READY, writes the signals it gets to an events file ("int NAME", "term NAME", then "gone NAME"
 * once it has finished stopping) and takes {@code stopSeconds} to stop on SIGTERM, or ignores
 * SIGTERM altogether. Its command line names the events file, so a data folder marker finds it.
 */
final class ShellChild {

    /** Every process a starter started, to check afterwards that none is left. */
    final Queue<ChildProcess> started = new ConcurrentLinkedQueue<>();
    private final String name;
    private final Path events;
    private final String stopSeconds;
    private final boolean ignoresTerm;
    private volatile BooleanSupplier failsToStart = () -> false;
    private volatile BooleanSupplier hangsOnStart = () -> false;

    private ShellChild(String name, Path events, String stopSeconds, boolean ignoresTerm) {
        this.name = name;
        this.events = events;
        this.stopSeconds = stopSeconds;
        this.ignoresTerm = ignoresTerm;
    }

    /** A child that stops {@code stopSeconds} after SIGTERM. */
    static ShellChild stopping(String name, Path events, String stopSeconds) {
        return new ShellChild(name, events, stopSeconds, false);
    }

    /** A child that ignores SIGTERM (only SIGKILL ends it). */
    static ShellChild ignoringTerm(String name, Path events) {
        return new ShellChild(name, events, "0", true);
    }

    /** From now on, while {@code condition} holds, a start fails: the shell says why and exits 1 before READY. */
    void failStartsWhile(BooleanSupplier condition) {
        failsToStart = condition;
    }

    /** From now on, while {@code condition} holds, a start never gets ready (a slow start). */
    void hangStartsWhile(BooleanSupplier condition) {
        hangsOnStart = condition;
    }

    String name() {
        return name;
    }

    SupervisedChild.Starter starter(Path logDir) {
        return () -> {
            String script = failsToStart.getAsBoolean() ? "echo 'cannot start: the disk is full'; exit 1"
                    : hangsOnStart.getAsBoolean() ? script().replace("echo READY;", "") : script();
            ChildProcess process = ChildProcess.start(name, List.of("sh", "-c", script), Map.of(), logDir,
                    logDir.resolve(name + ".log"), line -> line.equals("READY"), false);
            started.add(process);
            try {
                process.awaitReadyLine(Duration.ofSeconds(20));
            } catch (RuntimeException e) {
                process.close();
                throw e;
            }
            return new SupervisedChild.Started(process);
        };
    }

    private String script() {
        String file = "\"" + events + "\"";
        String onTerm = ignoresTerm ? "''"
                : "'echo term " + name + " >> " + file + "; sleep " + stopSeconds + "; echo gone " + name + " >> " + file
                        + "; exit 0'";
        return "trap 'echo int " + name + " >> " + file + "' INT; trap " + onTerm
                // `sleep & wait`: a trapped signal ends the wait at once, and a stop that kills the sleep
                // too cannot take the shell down with it before its trap ran (ChildProcessTest).
                + " TERM; echo READY; while :; do sleep 0.1 & wait $!; done";
    }
}
