package nl.alarmcentral.launcher;

import static nl.alarmcentral.launcher.SupervisedChild.Tier.INFRASTRUCTURE;
import static nl.alarmcentral.launcher.SupervisedChild.Tier.SERVICES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import nl.alarmcentral.infra.ChildProcess;

/**
 * The supervisor with throwaway shell children (never the real services): restarts with the
 * documented lines and backoff, the status file, the ordered stop, and no restart once a stop has
 * begun, also when every child dies at the same moment as the stop begins.
 */
class SupervisorTest {

    /** Short waits, so the schedule shows in a test: 0.1 s, 0.2 s, 0.4 s, 0.4 s ...; stable after 1 s. */
    private static final Backoff FAST = new Backoff(Duration.ofMillis(100), Duration.ofMillis(400), Duration.ofSeconds(1));
    private static final Duration GRACE = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    private final List<String> output = new ArrayList<>();
    private Supervisor supervisor;

    @AfterEach
    void stopWhatIsLeft() {
        if (supervisor != null) {
            supervisor.close();
        }
    }

    @Test
    void aKilledChildIsStartedAgainWithTheSameCommandAndTheStatusFileFollows() throws Exception {
        open(FAST);
        ShellChild child = ShellChild.stopping("dispatch-service", events(), "0");
        SupervisedChild supervised = add(child, SERVICES);
        supervisor.start(supervised);
        supervisor.supervise();
        ChildProcess first = supervised.process();
        String command = ProcessHandle.of(first.pid()).orElseThrow().info().commandLine().orElseThrow();
        assertThat(status()).containsEntry("stack.state", "ready").containsEntry("dispatch-service.state", "ready")
                .containsEntry("dispatch-service.pid", String.valueOf(first.pid()))
                .containsEntry("dispatch-service.restarts", "0")
                .containsEntry("launcher.pid", String.valueOf(ProcessHandle.current().pid()));

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> output().contains("dispatch-service ready again"));
        ChildProcess second = supervised.process();
        assertThat(second.pid()).isNotEqualTo(first.pid());
        assertThat(ProcessHandle.of(second.pid()).orElseThrow().info().commandLine()).contains(command);
        assertThat(output()).contains("dispatch-service exited (code 137); restarting in 0.1 s (restart 1)");
        assertThat(status()).containsEntry("dispatch-service.state", "ready")
                .containsEntry("dispatch-service.pid", String.valueOf(second.pid()))
                .containsEntry("dispatch-service.restarts", "1");

        supervisor.close();
        assertThat(status()).containsEntry("stack.state", "stopped").containsEntry("dispatch-service.state", "stopped")
                .containsEntry("dispatch-service.pid", "");
        assertThat(child.started).noneMatch(ChildProcess::isAlive);
        assertThat(output()).contains("stopped; nothing is left running");
    }

    @Test
    void aChildThatKeepsFailingIsRetriedWithAGrowingCappedDelayAndSaysWhy() throws Exception {
        open(FAST);
        ShellChild child = ShellChild.stopping("kafka", events(), "0");
        SupervisedChild supervised = add(child, INFRASTRUCTURE);
        supervisor.start(supervised);
        supervisor.supervise();
        AtomicBoolean broken = new AtomicBoolean(true);
        child.failStartsWhile(broken::get);

        ProcessHandle.of(supervised.process().pid()).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(20)).until(() -> output().contains("(restart 6)"));
        assertThat(supervised.state()).isEqualTo(SupervisedChild.State.RESTARTING);
        assertThat(output()).contains("kafka exited (code 137); restarting in 0.1 s (restart 1)",
                "kafka restarting in 0.2 s (restart 2)", "kafka restarting in 0.4 s (restart 3)",
                "kafka restarting in 0.4 s (restart 4)", "kafka restarting in 0.4 s (restart 5)");
        assertThat(output()).contains("kafka did not start again: kafka exited (code 1) before it was ready")
                .contains("cannot start: the disk is full");
        assertThat(status()).containsEntry("kafka.state", "restarting").containsEntry("kafka.pid", "");

        broken.set(false);
        await().atMost(Duration.ofSeconds(10)).until(() -> supervised.state() == SupervisedChild.State.READY);
        assertThat(output()).contains("kafka ready again");
    }

    @Test
    void theBackoffStartsOverOnceAChildWasReadyLongEnough() throws Exception {
        open(FAST);
        ShellChild child = ShellChild.stopping("alarm-service", events(), "0");
        SupervisedChild supervised = add(child, SERVICES);
        supervisor.start(supervised);
        supervisor.supervise();

        killAndAwaitReadyAgain(supervised, 1);
        killAndAwaitReadyAgain(supervised, 2);
        Thread.sleep(FAST.stableAfter().plusMillis(300).toMillis());
        killAndAwaitReadyAgain(supervised, 3);

        assertThat(output()).contains("restarting in 0.1 s (restart 1)", "restarting in 0.2 s (restart 2)",
                "restarting in 0.1 s (restart 3)");
    }

    @Test
    void theStopEndsTheServicesFirstGivingThemTheirGraceThenTheInfrastructureSideBySide() throws Exception {
        open(FAST);
        Path events = events();
        ShellChild alarm = ShellChild.stopping("alarm-service", events, "0.5");
        ShellChild dispatch = ShellChild.stopping("dispatch-service", events, "0.5");
        ShellChild stubborn = ShellChild.ignoringTerm("registry-service", events);
        ShellChild kafka = ShellChild.stopping("kafka", events, "0.5");
        ShellChild postgres = ShellChild.stopping("postgres", events, "0.5");
        for (SupervisedChild child : List.of(add(alarm, SERVICES), add(dispatch, SERVICES), add(stubborn, SERVICES),
                add(kafka, INFRASTRUCTURE), add(postgres, INFRASTRUCTURE))) {
            supervisor.start(child);
        }
        supervisor.supervise();

        long begin = System.nanoTime();
        supervisor.close();
        Duration took = Duration.ofNanos(System.nanoTime() - begin);

        List<String> lines = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertThat(lines).containsExactlyInAnyOrder("term alarm-service", "gone alarm-service", "term dispatch-service",
                "gone dispatch-service", "term kafka", "gone kafka", "term postgres", "gone postgres");
        int firstInfrastructure = Math.min(lines.indexOf("term kafka"), lines.indexOf("term postgres"));
        assertThat(lines.subList(0, firstInfrastructure)).as("services stopped before the infrastructure got a signal")
                .contains("gone alarm-service", "gone dispatch-service");
        // Side by side: the second infrastructure child got its signal before the first was gone.
        assertThat(lines.subList(firstInfrastructure, lines.size()).subList(0, 2)).containsExactlyInAnyOrder("term kafka",
                "term postgres");
        assertThat(stubborn.started).noneMatch(ChildProcess::isAlive);
        assertThat(took).as("the stubborn service got its full grace, then SIGKILL").isGreaterThanOrEqualTo(GRACE)
                .isLessThan(GRACE.plusSeconds(8));
        assertThat(output()).doesNotContain("restarting");
    }

    @Test
    void nothingStartsAgainOnceAStopHasBegunEvenWhenEveryChildDiesAtThatMoment() throws Exception {
        for (long head : new long[] {0, 20, 80, 150}) {
            output.clear();
            Path round = Files.createDirectories(dataDir.resolve("round-" + head));
            supervisor = Supervisor.open(round, List.of(round.toString()), this::progress, FAST);
            List<ShellChild> children = new ArrayList<>();
            for (String name : List.of("alarm-service", "dispatch-service", "kafka", "postgres")) {
                ShellChild child = ShellChild.stopping(name, round.resolve("events"), "0");
                children.add(child);
                supervisor.start(add(child, name.endsWith("-service") ? SERVICES : INFRASTRUCTURE));
            }
            supervisor.supervise();

            // Every child gets SIGTERM, and {head} ms later the launcher's stop begins.
            children.forEach(child -> child.started.forEach(p -> ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroy)));
            Thread.sleep(head);
            CompletableFuture<Void> stop = CompletableFuture.runAsync(supervisor::close);
            stop.get(20, java.util.concurrent.TimeUnit.SECONDS);
            Thread.sleep(FAST.max().plusMillis(500).toMillis());

            assertThat(children).as("round %d ms", head).allSatisfy(child -> {
                assertThat(child.started).hasSize(1);
                assertThat(child.started).noneMatch(ChildProcess::isAlive);
            });
            assertThat(output()).doesNotContain("ready again");
            assertThat(status(round)).containsEntry("stack.state", "stopped");
            supervisor = null;
        }
    }

    @Test
    void aRestartInProgressIsAbandonedWhenTheStopBegins() throws Exception {
        open(new Backoff(Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMinutes(1)));
        Path events = events();
        ShellChild child = ShellChild.stopping("keycloak", events, "0");
        SupervisedChild supervised = add(child, INFRASTRUCTURE);
        supervisor.start(supervised);
        supervisor.supervise();
        // The next start never gets ready, as a slow Keycloak would not.
        child.hangStartsWhile(() -> true);

        ProcessHandle.of(supervised.process().pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> child.started.size() == 2
                && supervised.process() != null && supervised.process().isAlive());
        assertThat(status()).containsEntry("keycloak.state", "restarting")
                .containsEntry("keycloak.pid", String.valueOf(supervised.process().pid()));
        long begin = System.nanoTime();
        supervisor.close();

        assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(GRACE.plusSeconds(3));
        assertThat(child.started).hasSize(2).noneMatch(ChildProcess::isAlive);
        assertThat(supervised.state()).isEqualTo(SupervisedChild.State.STOPPED);
        assertThat(Files.readAllLines(events, StandardCharsets.UTF_8)).as("the hanging start was stopped politely")
                .containsExactly("term keycloak", "gone keycloak");
        assertThat(output()).doesNotContain("ready again");
    }

    private void killAndAwaitReadyAgain(SupervisedChild supervised, int restart) {
        ProcessHandle.of(supervised.process().pid()).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> supervised.restarts() == restart
                && supervised.state() == SupervisedChild.State.READY);
    }

    private void open(Backoff backoff) throws IOException {
        supervisor = Supervisor.open(dataDir, List.of(dataDir.toString()), this::progress, backoff);
    }

    private SupervisedChild add(ShellChild child, SupervisedChild.Tier tier) {
        return supervisor.add(child.name(), tier, "sh", GRACE, child.starter(dataDir));
    }

    private Path events() {
        return dataDir.resolve("events");
    }

    private void progress(String line) {
        System.out.println("[supervisor] " + line);
        synchronized (output) {
            output.add(line);
        }
    }

    private String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private Properties status() throws IOException {
        return status(dataDir);
    }

    private static Properties status(Path dir) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(dir.resolve(Supervisor.STATUS_FILE))));
        return properties;
    }
}
