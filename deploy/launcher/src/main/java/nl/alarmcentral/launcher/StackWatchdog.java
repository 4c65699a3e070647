package nl.alarmcentral.launcher;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.ParentWatch;

/**
 * A small JVM that outlives a launcher killed outright (kill -9, out of memory) just long enough
 * to stop the stack's children. The children run in their own sessions, so nothing else stops the
 * services, Keycloak or Prometheus then (Kafka and PostgreSQL stop themselves through their own
 * {@link ParentWatch}). It holds the launcher's pipe like those do: when the pipe closes it stops
 * every process recorded in {@code children.pids} ({@link StackLock#stopRecorded}) and exits. When
 * the launcher stops normally, it stops this watchdog last, with nothing left to do.
 *
 * <p>Arguments: {@code <children.pids> <marker>...} (see {@link StackLock#stopLeftovers}).
 */
public final class StackWatchdog {

    /** Its name among the children (log file {@code logs/watchdog.log}); not supervised. */
    static final String NAME = "watchdog";

    private StackWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        Path pidFile = Path.of(args[0]);
        List<String> markers = Arrays.asList(args).subList(1, args.length);
        ParentWatch.install(() -> {
            try {
                long begin = System.nanoTime();
                int stopped = StackLock.stopRecorded(pidFile, markers);
                if (stopped > 0) {
                    System.out.printf("%s: the launcher went away; stopped %d of its process(es) in %.1f s%n",
                            java.time.Instant.now(), stopped, (System.nanoTime() - begin) / 1e9);
                }
            } catch (Exception e) {
                System.out.println("Could not stop the launcher's processes: " + e);
            }
        });
        Thread.currentThread().join();
    }

    /** Starts the watchdog of a data folder, with this JVM's classpath. */
    static ChildProcess start(Path pidFile, List<String> markers, Path workDir, Path logFile) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
                StackWatchdog.class.getName(), pidFile.toString()));
        command.addAll(markers);
        return ChildProcess.start(NAME, command, Map.of(), workDir, logFile, line -> false, true);
    }

    /** This JVM's classpath with absolute entries (the jar's manifest brings the rest, lib/). */
    private static String classpath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString()).collect(Collectors.joining(File.pathSeparator));
    }
}
