package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import nl.alarmcentral.infra.Ports;

/**
 * The README's run command, tested: the local stack starts from the packaged launcher with the
 * real Keycloak, Kafka and PostgreSQL, runs the first alarm end to end, refuses a second start on
 * the same data folder, and stops on SIGTERM (what Ctrl-C sends to the JVM as well) leaving no
 * process and no open port behind.
 */
class LocalStackIT {

    private static final Path REPO = Path.of(System.getProperty("alarmcentral.repo", "../..")).toAbsolutePath().normalize();
    private static final Path DATA = REPO.resolve("deploy/launcher/target/e2e-stack");

    @Test
    void theLocalStackRunsTheFirstAlarmEndToEndAndStopsCleanly() throws Exception {
        int kafka = Ports.free();
        int controller = Ports.free();
        int postgres = Ports.free();
        int keycloak = Ports.free();
        int alarm = Ports.free();
        int dispatch = Ports.free();
        int registry = Ports.free();
        List<Integer> ports = List.of(kafka, controller, postgres, keycloak, alarm, dispatch, registry);

        Process stack = launcher("--reset", "--data-dir", DATA.toString(), "--kafka-port", "" + kafka,
                "--kafka-controller-port", "" + controller, "--postgres-port", "" + postgres, "--keycloak-port", "" + keycloak,
                "--alarm-port", "" + alarm, "--dispatch-port", "" + dispatch, "--registry-port", "" + registry,
                "--exit-with-parent").start();
        List<String> output = new ArrayList<>();
        Thread reader = follow(stack, output);
        AssertionError failure = null;
        try {
            awaitReady(output, Duration.ofMinutes(6), stack);

            Duration took = new SkeletonScenario("http://localhost:" + keycloak, "http://localhost:" + alarm,
                    "http://localhost:" + dispatch, "http://localhost:" + registry).run();
            System.out.println("E2E: alarm to dispatcher API with card in " + took.toMillis() + " ms");
            assertThat(took).isLessThan(SkeletonScenario.ALARM_TO_DISPATCHER);

            Process second = launcher("--data-dir", DATA.toString()).start();
            String secondOutput = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(second.exitValue()).isEqualTo(3);
            assertThat(secondOutput).contains("already running");
        } catch (AssertionError | RuntimeException e) {
            failure = new AssertionError("Scenario failed: " + e.getMessage(), e);
        }

        List<ProcessHandle> children = stack.descendants().toList();
        // SIGTERM, as Ctrl-C or a service manager would send; Process.destroy() would also close
        // the pipes and lose the launcher's last words.
        stack.toHandle().destroy();
        boolean exited = stack.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            children.forEach(ProcessHandle::destroyForcibly);
            stack.destroyForcibly();
        }
        reader.join(10_000);
        if (failure != null) {
            throw failure;
        }
        assertThat(exited).as("the launcher stops on SIGTERM").isTrue();
        assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")))
                .as("no child process left").isEmpty();
        assertThat(ports.stream().filter(Ports::inUse)).as("no port left open").isEmpty();
        assertThat(snapshot(output)).contains("stopped; nothing is left running");
    }

    private static void awaitReady(List<String> output, Duration timeout, Process stack) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (snapshot(output).contains(LocalStack.READY_LINE)) {
                return;
            }
            if (!stack.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("The local stack was not ready:\n" + snapshot(output));
    }

    private static String snapshot(List<String> output) {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", REPO.resolve("deploy/launcher/target/local-stack.jar").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
    }

    /** Echoes the launcher's output and keeps it for assertions. */
    private static Thread follow(Process stack, List<String> output) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null;) {
                    System.out.println("[local-stack] " + line);
                    synchronized (output) {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                // The stream ends with the process.
            }
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }
}
