package nl.alarmcentral.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child runs in a session of its own as the command itself (so a terminal's Ctrl-C does not
 * reach it and its pid is the one to signal), what it started is stopped with it even after the
 * child itself was killed, and a stop is polite even from an interrupted thread.
 */
class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void aChildRunsInItsOwnSessionAsTheCommandItself() {
        ChildProcess child = ChildProcess.start("sleeper", List.of("sleep", "60"), Map.of(), dir, dir.resolve("sleeper.log"),
                line -> false, false);
        try {
            ProcessHandle handle = ProcessHandle.of(child.pid()).orElseThrow();
            // For a moment after the start the process is still setsid, until it replaces itself (same pid).
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (!handle.info().command().orElse("").endsWith("/sleep") && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(handle.info().command()).hasValueSatisfying(command -> assertThat(command).endsWith("/sleep"));
            assertThat(handle.parent().map(ProcessHandle::pid)).as("no wrapper in between")
                    .hasValue(ProcessHandle.current().pid());
            assertThat(ProcessTable.sessionOf(child.pid())).hasValue(child.pid());
            assertThat(ProcessTable.sessionOf(child.pid())).isNotEqualTo(ProcessTable.sessionOf(ProcessHandle.current().pid()));
        } finally {
            child.stop(Duration.ofSeconds(5));
        }
        assertThat(child.isAlive()).isFalse();
    }

    @Test
    void whatAKilledChildStartedIsStoppedWithIt() throws Exception {
        // As kc.sh runs Keycloak's JVM: a shell that starts a process and waits for it.
        ChildProcess child = ChildProcess.start("wrapper", List.of("sh", "-c", "sleep 300 & echo READY; wait"), Map.of(),
                dir, dir.resolve("wrapper.log"), line -> line.equals("READY"), false);
        child.awaitReadyLine(Duration.ofSeconds(10));
        ProcessHandle worker = ProcessHandle.of(child.pid()).orElseThrow().children().findFirst().orElseThrow();

        ProcessHandle.of(child.pid()).orElseThrow().destroyForcibly();
        assertThat(child.onExit().get()).isEqualTo(137);
        assertThat(worker.isAlive()).as("the worker outlived its wrapper").isTrue();

        child.stop(Duration.ofSeconds(5));
        assertThat(ProcessTable.awaitExit(List.of(worker), Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void aStopFromAnInterruptedThreadIsStillPolite() throws Exception {
        Path events = dir.resolve("events");
        ChildProcess child = ChildProcess.start("polite", List.of("sh", "-c",
                "trap 'sleep 0.3; echo gone >> \"" + events + "\"; exit 0' TERM; echo READY; while :; do sleep 0.1 & wait $!; done"),
                Map.of(), dir, dir.resolve("polite.log"), line -> line.equals("READY"), false);
        child.awaitReadyLine(Duration.ofSeconds(10));

        Thread.currentThread().interrupt();
        try {
            child.stop(Duration.ofSeconds(5));
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
        // Polite: the child got SIGTERM, not SIGKILL, and its trap ran to the end. (The shell waits for
        // its sleeps with `wait`, which a trapped signal ends at once; a sleep in the foreground
        // that the stop kills too made the shell die with it now and then, trap or not.)
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Files.exists(events) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(Files.readAllLines(events, StandardCharsets.UTF_8)).containsExactly("gone");
    }
}
