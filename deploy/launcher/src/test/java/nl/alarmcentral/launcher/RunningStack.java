package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import nl.alarmcentral.infra.Ports;

/**
 * The packaged local stack (deploy/launcher/target/local-stack.jar) started as a user would start
 * it, on free ports and its own data folder, for the end-to-end tests. Its output is echoed and
 * kept for assertions.
 */
final class RunningStack {

    static final Path REPO = Path.of(System.getProperty("alarmcentral.repo", "../..")).toAbsolutePath().normalize();

    final int kafka;
    final int controller;
    final int postgres;
    final int keycloak;
    final int alarm;
    final int dispatch;
    final int registry;
    /** The second dispatch-service instance's port ({@code --extra-dispatch-port}), or 0 without one. */
    final int dispatch2;
    /** Prometheus's port ({@code --prometheus-port}), or 0 without it. */
    final int prometheus;
    final Path dataDir;
    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final Thread reader;
    /** When the launcher's ready line was read ({@link System#nanoTime()}), or 0 before. */
    private volatile long readyAt;

    /** Settings given to the services (as environment variables) in this stack only, e.g. a shorter window. */
    private final Map<String, String> settings;

    private RunningStack(String name, boolean secondDispatch, boolean withPrometheus, Map<String, String> settings)
            throws IOException {
        this(REPO.resolve("deploy/launcher/target").resolve(name), true, Ports.free(), Ports.free(), Ports.free(), Ports.free(),
                Ports.free(), Ports.free(), Ports.free(), secondDispatch ? Ports.free() : 0, withPrometheus ? Ports.free() : 0,
                settings);
    }

    private RunningStack(Path dataDir, boolean reset, int kafka, int controller, int postgres, int keycloak, int alarm,
            int dispatch, int registry, int dispatch2, int prometheus, Map<String, String> settings) throws IOException {
        this.settings = Map.copyOf(settings);
        this.dataDir = dataDir;
        this.kafka = kafka;
        this.controller = controller;
        this.postgres = postgres;
        this.keycloak = keycloak;
        this.alarm = alarm;
        this.dispatch = dispatch;
        this.registry = registry;
        this.dispatch2 = dispatch2;
        this.prometheus = prometheus;
        boolean secondDispatch = dispatch2 != 0;
        boolean withPrometheus = prometheus != 0;
        List<String> args = new ArrayList<>(List.of("--data-dir", dataDir.toString(), "--kafka-port", "" + kafka,
                "--kafka-controller-port", "" + controller, "--postgres-port", "" + postgres, "--keycloak-port", "" + keycloak,
                "--alarm-port", "" + alarm, "--dispatch-port", "" + dispatch, "--registry-port", "" + registry,
                "--exit-with-parent"));
        if (reset) {
            args.add(0, "--reset");
        }
        if (secondDispatch) {
            args.addAll(List.of("--extra-dispatch-port", "" + dispatch2));
        }
        if (withPrometheus) {
            args.addAll(List.of("--prometheus-port", "" + prometheus));
        }
        ProcessBuilder launcher = launcher(args.toArray(String[]::new));
        // The launcher's children inherit its environment, so these reach every service.
        launcher.environment().putAll(settings);
        process = launcher.start();
        reader = new Thread(this::echo, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a stack in {@code deploy/launcher/target/<name>} and waits until it is ready. */
    static RunningStack start(String name) throws IOException, InterruptedException {
        return start(name, false);
    }

    /**
     * Starts a stack in {@code deploy/launcher/target/<name>}, with a second dispatch-service
     * instance when asked (on {@link #dispatch2}), and waits until it is ready.
     */
    static RunningStack start(String name, boolean secondDispatch) throws IOException, InterruptedException {
        return start(name, secondDispatch, false);
    }

    /** As {@link #start(String, boolean)}, and with Prometheus (on {@link #prometheus}) when asked. */
    static RunningStack start(String name, boolean secondDispatch, boolean withPrometheus)
            throws IOException, InterruptedException {
        return start(name, secondDispatch, withPrometheus, Map.of());
    }

    /**
     * As {@link #start(String)}, with settings for the services of this stack only (environment
     * variables in Quarkus's naming, e.g. {@code ALARM_STEP_UP_MAX_AGE}).
     */
    static RunningStack start(String name, Map<String, String> settings) throws IOException, InterruptedException {
        return start(name, false, false, settings);
    }

    private static RunningStack start(String name, boolean secondDispatch, boolean withPrometheus, Map<String, String> settings)
            throws IOException, InterruptedException {
        RunningStack stack = new RunningStack(name, secondDispatch, withPrometheus, settings);
        stack.awaitReady(Duration.ofMinutes(secondDispatch ? 7 : 6));
        return stack;
    }

    /**
     * Starts the stack again after {@code stopped} has exited: same data folder, same ports and
     * options, without {@code --reset} (what a person does after a stop), and waits until it is ready.
     */
    static RunningStack startAgain(RunningStack stopped) throws IOException, InterruptedException {
        RunningStack stack = new RunningStack(stopped.dataDir, false, stopped.kafka, stopped.controller, stopped.postgres,
                stopped.keycloak, stopped.alarm, stopped.dispatch, stopped.registry, stopped.dispatch2, stopped.prometheus,
                stopped.settings);
        stack.awaitReady(Duration.ofMinutes(stopped.dispatch2 != 0 ? 7 : 6));
        return stack;
    }

    /** The launcher's process (the fault suites signal it and its children themselves). */
    ProcessHandle handle() {
        return process.toHandle();
    }

    /** When the launcher printed its ready line ({@link System#nanoTime()}), or 0 before. */
    long readyAt() {
        return readyAt;
    }

    /** Waits until the launcher has exited (however it was stopped) and its output is read. */
    boolean awaitExit(Duration timeout) throws InterruptedException {
        boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (exited) {
            reader.join(10_000);
        }
        return exited;
    }

    String keycloakUrl() {
        return "http://localhost:" + keycloak;
    }

    String alarmUrl() {
        return "http://localhost:" + alarm;
    }

    String dispatchUrl() {
        return "http://localhost:" + dispatch;
    }

    /** The second dispatch-service instance (only when started with one). */
    String dispatch2Url() {
        if (dispatch2 == 0) {
            throw new IllegalStateException("This stack runs no second dispatch-service");
        }
        return "http://localhost:" + dispatch2;
    }

    String registryUrl() {
        return "http://localhost:" + registry;
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafka;
    }

    List<Integer> ports() {
        List<Integer> ports = new ArrayList<>(List.of(kafka, controller, postgres, keycloak, alarm, dispatch, registry));
        if (dispatch2 != 0) {
            ports.add(dispatch2);
        }
        return ports;
    }

    String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    List<ProcessHandle> children() {
        return process.descendants().toList();
    }

    /**
     * Sends SIGTERM (what Ctrl-C or a service manager sends; {@link Process#destroy()} would also
     * close the pipes and lose the launcher's last words) and waits for the launcher to exit.
     *
     * @return whether it exited in time
     */
    boolean stop() throws InterruptedException {
        process.toHandle().destroy();
        boolean exited = process.waitFor(90, TimeUnit.SECONDS);
        if (!exited) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        reader.join(10_000);
        return exited;
    }

    /** Stops the stack and checks that nothing of it is left running. */
    void stopAndVerifyNothingIsLeft() throws InterruptedException {
        List<ProcessHandle> children = children();
        boolean exited = stop();
        assertThat(exited).as("the launcher stops on SIGTERM").isTrue();
        assertThat(children.stream().filter(ProcessHandle::isAlive).map(p -> p.info().commandLine().orElse("?")))
                .as("no child process left").isEmpty();
        assertThat(ports().stream().filter(Ports::inUse)).as("no port left open").isEmpty();
        assertThat(output()).contains("stopped; nothing is left running");
    }

    static ProcessBuilder launcher(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", REPO.resolve("deploy/launcher/target/local-stack.jar").toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(REPO.toFile()).redirectErrorStream(true);
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (output().contains(LocalStack.READY_LINE)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(200);
        }
        stop();
        throw new AssertionError("The local stack was not ready:\n" + output());
    }

    private void echo() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null;) {
                System.out.println("[local-stack] " + line);
                if (readyAt == 0 && line.contains(LocalStack.READY_LINE)) {
                    readyAt = System.nanoTime();
                }
                synchronized (output) {
                    output.add(line);
                }
            }
        } catch (IOException e) {
            // The stream ends with the process.
        }
    }

    /**
     * A connection as the superuser of the stack's own embedded PostgreSQL (the local stack's
     * server trusts local connections; see deploy/infra's PostgresMain), to one database.
     */
    Connection superuser(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgres + "/" + database, "postgres", "");
    }
}
