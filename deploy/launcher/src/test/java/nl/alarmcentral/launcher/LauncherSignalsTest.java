package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.alarmcentral.infra.ProcessTable;

/**
 * The launcher's process-level promises, with {@link ShellStackMain} (the local stack's
 * supervisor, lock, watchdog and shutdown hook over throwaway shell children) in a JVM of its own:
 * a terminal's Ctrl-C reaches only the launcher, which stops the services before the
 * infrastructure; a killed child is restarted with the usual progress line; every process
 * signalled at once stops cleanly without a restart, and the next start on the same data works;
 * a launcher killed outright leaves no child behind for long. Only processes this test started
 * are signalled, by pid.
 */
class LauncherSignalsTest {

    private static final List<String> CHILDREN = List.of("postgres:infrastructure:0.3", "kafka:infrastructure:0.3",
            "alarm-service:services:0.5", "dispatch-service:services:0.5");

    @TempDir
    Path dataDir;

    private final List<Launcher> started = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        for (Launcher launcher : started) {
            launcher.process.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.process.destroyForcibly();
        }
    }

    @Test
    void ctrlCReachesOnlyTheLauncherWhichStopsTheServicesBeforeTheInfrastructure() throws Exception {
        Launcher launcher = start();
        List<ProcessHandle> children = launcher.process.children().toList();
        assertThat(children).hasSize(CHILDREN.size() + 1); // and the watchdog
        assertThat(children).allSatisfy(child -> assertThat(ProcessTable.sessionOf(child.pid()))
                .as("own session").hasValue(child.pid()));

        // What a terminal does on Ctrl-C: SIGINT to its foreground process group (here: the launcher's own).
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + launcher.process.pid()).inheritIO().start();
        assertThat(kill.waitFor()).isZero();

        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        List<String> events = Files.readAllLines(dataDir.resolve("events"), StandardCharsets.UTF_8);
        assertThat(events).as("no child got the terminal's SIGINT").noneMatch(line -> line.startsWith("int "));
        int firstInfrastructure = Math.min(events.indexOf("term kafka"), events.indexOf("term postgres"));
        assertThat(events.subList(0, firstInfrastructure)).contains("gone alarm-service", "gone dispatch-service");
        assertThat(events).contains("gone kafka", "gone postgres");
        assertThat(launcher.output()).contains("stopped; nothing is left running");
        assertThat(status()).containsEntry("stack.state", "stopped");
    }

    @Test
    void aKilledChildIsRestartedThenEveryProcessSignalledAtOnceStopsCleanlyAndTheStackStartsAgainOnItsData()
            throws Exception {
        Launcher launcher = start();
        String killed = status().getProperty("dispatch-service.pid");
        ProcessHandle.of(Long.parseLong(killed)).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(20)).until(() -> launcher.output().contains("dispatch-service ready again"));
        assertThat(launcher.output()).containsPattern(
                "\\[ *\\d+\\.\\ds\\] dispatch-service exited \\(code 137\\); restarting in 1 s \\(restart 1\\)");
        assertThat(status()).containsEntry("dispatch-service.restarts", "1").containsEntry("dispatch-service.state", "ready")
                .doesNotContainEntry("dispatch-service.pid", killed);

        // As the lead's failover test does: the launcher and all its descendants get SIGTERM at once.
        List<ProcessHandle> everyone = new ArrayList<>(launcher.process.descendants().toList());
        everyone.add(launcher.process.toHandle());
        everyone.forEach(ProcessHandle::destroy);

        assertThat(launcher.process.waitFor(60, TimeUnit.SECONDS)).as("the launcher exits").isTrue();
        assertThat(everyone).noneMatch(ProcessHandle::isAlive);
        String afterSignal = launcher.output().substring(launcher.output().indexOf("dispatch-service ready again")
                + "dispatch-service ready again".length());
        assertThat(afterSignal).doesNotContain("ready again").doesNotContain("restarting");
        assertThat(status()).containsEntry("stack.state", "stopped");

        Launcher again = start();
        assertThat(again.output()).doesNotContain("left over");
        assertThat(status()).containsEntry("stack.state", "ready");
        again.process.toHandle().destroy();
        assertThat(again.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.output()).contains("stopped; nothing is left running");
    }

    @Test
    void aLauncherKilledOutrightLeavesNoChildBehindAndTheNextStartWorks() throws Exception {
        Launcher launcher = start();
        List<ProcessHandle> children = launcher.process.descendants().toList();

        launcher.process.destroyForcibly();

        long begin = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
        System.out.printf("Children gone %.1f s after the launcher was killed%n", (System.nanoTime() - begin) / 1e9);
        Launcher again = start();
        again.process.toHandle().destroy();
        assertThat(again.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(again.output()).contains("stopped; nothing is left running");
    }

    private Launcher start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ShellStackMain.class.getName(), dataDir.toString()));
        command.addAll(CHILDREN);
        // In a session of its own, so that its process group is its own, as a launcher in a terminal.
        command.add(0, "setsid");
        Launcher launcher = new Launcher(new ProcessBuilder(command).redirectErrorStream(true).start());
        started.add(launcher);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!launcher.output().contains(LocalStack.READY_LINE)) {
            assertThat(launcher.process.isAlive()).as("launcher running:\n%s", launcher.output()).isTrue();
            assertThat(System.nanoTime()).as("ready in time:\n%s", launcher.output()).isLessThan(deadline);
            Thread.sleep(100);
        }
        return launcher;
    }

    private Properties status() throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(dataDir.resolve(Supervisor.STATUS_FILE))));
        return properties;
    }

    /** A started launcher and its output so far. */
    private static final class Launcher {
        final Process process;
        private final StringBuilder output = new StringBuilder();

        Launcher(Process process) {
            this.process = process;
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null;) {
                        System.out.println("[launcher] " + line);
                        synchronized (output) {
                            output.append(line).append('\n');
                        }
                    }
                } catch (IOException e) {
                    // Ends with the process.
                }
            }, "launcher-output");
            reader.setDaemon(true);
            reader.start();
        }

        String output() {
            synchronized (output) {
                return output.toString();
            }
        }
    }
}
