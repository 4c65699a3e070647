package nl.alarmcentral.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import nl.alarmcentral.infra.ChildProcess;
import nl.alarmcentral.infra.InfraException;
import nl.alarmcentral.infra.KafkaBroker;
import nl.alarmcentral.infra.ParentWatch;
import nl.alarmcentral.infra.Ports;
import nl.alarmcentral.infra.PostgresServer;
import nl.alarmcentral.infra.ServiceDatabases;
import nl.alarmcentral.launcher.SupervisedChild.Started;

import static nl.alarmcentral.launcher.SupervisedChild.Tier.INFRASTRUCTURE;

/**
 * The local stack: the whole central on this machine, on real infrastructure and without Docker.
 * Starts PostgreSQL, Kafka and Keycloak side by side, then the three services one after another
 * (registry, alarm-service, dispatch: {@link #SERVICES}), shows what is
 * starting and what is ready, starts again whatever exits while it runs ({@link Supervisor}), and
 * stops everything in order on Ctrl-C or SIGTERM. Its data stays in one folder that the next start
 * reuses.
 *
 * <p>Started by {@code deploy/local-stack.sh}, which builds what is missing first.
 */
public final class LocalStack {

    /** Printed once everything is ready; the end-to-end tests wait for it. */
    public static final String READY_LINE = "Alarm Central is ready";

    /**
     * The services in the order they start, each stage once the one before is ready: the registry
     * (the others fetch from it), then alarm-service, the edge that takes presses, then dispatch
     * (every instance), which says ready only once it has worked through the alarms that waited for
     * it (ServiceReadiness). So the stack's ready line comes when alarms pressed while it was down
     * are on a console, and later alarms queue behind nothing. Started all at once on two cores,
     * three warm-ups shared the CPU, and alarms taken meanwhile reached a console up to 20 s after
     * the ready line (FailoverIT, the whole stack started again; docs/reliability.md).
     */
    private static final List<String> SERVICES = List.of("registry-service", "alarm-service", "dispatch-service");
    private static final List<String> DATABASES = List.of("alarm", "dispatch", "registry");
    /** The second dispatch-service instance's name (and log file), with {@code --extra-dispatch-port}. */
    static final String EXTRA_DISPATCH = "dispatch-service-2";

    /** Time the services get to finish in-flight work and leave their Kafka groups before SIGKILL. */
    private static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(20);
    /** Time Kafka (controlled shutdown), PostgreSQL (fast shutdown) and Keycloak get before SIGKILL. */
    private static final Duration INFRASTRUCTURE_STOP_GRACE = Duration.ofSeconds(20);

    private final LaunchOptions options;
    private final long startNanos = System.nanoTime();

    private LocalStack(LaunchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Path repo = Path.of("").toAbsolutePath();
        if (!Files.exists(repo.resolve("deploy").resolve("keycloak").resolve("alarmcentral-realm.json"))) {
            System.err.println("Run this from the repository root (deploy/local-stack.sh does).");
            System.exit(2);
        }
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args, repo);
        } catch (LaunchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(LaunchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        LocalStack stack = new LocalStack(options);
        try {
            stack.run();
        } catch (StackLock.AlreadyRunningException e) {
            System.err.println("Alarm Central is already running from " + options.dataDir() + " (launcher process "
                    + e.getMessage() + "). Stop it first (Ctrl-C in its terminal), or use another --data-dir and other ports.");
            System.exit(3);
        } catch (InfraException e) {
            System.err.println();
            System.err.println("Could not start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println();
            System.err.println("Could not start: " + e);
            System.exit(1);
        }
    }

    private void run() throws Exception {
        System.out.println("Alarm Central local stack; data in " + options.dataDir());
        List<String> markers = List.of(options.dataDir().toString(), options.repo().toString());
        Supervisor supervisor = Supervisor.open(options.dataDir(), markers, this::progress, Backoff.STANDARD);
        if (options.exitWithParent()) {
            ParentWatch.install(() -> { });
        }
        checkPortsFree();
        if (options.reset()) {
            resetDataDir();
            progress("data folder reset");
        }
        Path logs = options.dataDir().resolve("logs");
        Files.createDirectories(logs);
        supervisor.startWatchdog(markers, options.repo(), logs.resolve(StackWatchdog.NAME + ".log"));

        SupervisedChild postgres = options.externalPostgres() != null ? null
                : supervisor.add("postgres", INFRASTRUCTURE, "127.0.0.1:" + options.postgresPort() + " (databases "
                        + String.join(", ", DATABASES) + ")", INFRASTRUCTURE_STOP_GRACE, () -> {
                            PostgresServer server = PostgresServer.start(options.dataDir().resolve("postgres"),
                                    options.postgresPort(), DATABASES, logs.resolve("postgres.log"));
                            return new Started(server.process(), Map.of("postmaster-pid", server.postmasterPid()));
                        });
        SupervisedChild kafka = supervisor.add("kafka", INFRASTRUCTURE, "127.0.0.1:" + options.kafkaPort(),
                INFRASTRUCTURE_STOP_GRACE, () -> new Started(KafkaBroker.start(options.dataDir().resolve("kafka"),
                        options.kafkaPort(), options.kafkaControllerPort(), logs.resolve("kafka.log")).process()));
        SupervisedChild keycloak = supervisor.add("keycloak", INFRASTRUCTURE,
                options.keycloakUrl() + " (realm " + KeycloakServer.REALM + ")", INFRASTRUCTURE_STOP_GRACE,
                () -> new Started(KeycloakServer.start(options.dataDir().resolve("keycloak"), options.keycloakPort(),
                        options.repo().resolve("deploy/keycloak/alarmcentral-realm.json"), logs.resolve("keycloak.log"),
                        "admin").process()));
        Map<String, String> env = serviceEnvironment("127.0.0.1:" + options.kafkaPort());
        List<List<SupervisedChild>> stages = new ArrayList<>();
        for (String service : SERVICES) {
            List<SupervisedChild> stage = new ArrayList<>();
            stage.add(service(supervisor, service, service, servicePort(service), env, logs));
            if (service.equals("dispatch-service") && options.hasExtraDispatch()) {
                // Same database, Kafka and settings as the first: two consoles, as behind a load balancer.
                stage.add(service(supervisor, "dispatch-service", EXTRA_DISPATCH, options.extraDispatchPort(), env, logs));
            }
            stages.add(stage);
        }
        SupervisedChild prometheus = !options.hasPrometheus() ? null
                : supervisor.add("prometheus", SupervisedChild.Tier.SERVICES, "http://localhost:" + options.prometheusPort(),
                        SERVICE_STOP_GRACE, () -> new Started(PrometheusServer.start(options, logs.resolve("prometheus.log"))));

        progress("starting " + (postgres != null ? "postgres, " : "") + "kafka, keycloak");
        join(CompletableFuture.allOf(async(() -> {
            if (postgres != null) {
                supervisor.start(postgres);
            } else {
                prepareExternalPostgres();
            }
            return null;
        }), async(() -> {
            supervisor.start(kafka);
            return null;
        }), async(() -> {
            supervisor.start(keycloak);
            return null;
        })));

        for (List<SupervisedChild> stage : stages) {
            progress("starting " + stage.stream().map(SupervisedChild::name).collect(Collectors.joining(", ")));
            join(CompletableFuture.allOf(stage.stream().map(service -> async(() -> {
                supervisor.start(service);
                return null;
            })).toArray(CompletableFuture[]::new)));
        }
        if (prometheus != null) {
            supervisor.start(prometheus);
        }
        printSummary(logs);
        // From here on a child that exits is started again (before, a failure fails the start).
        supervisor.supervise();
        Thread.currentThread().join();
    }

    private void prepareExternalPostgres() throws Exception {
        String[] admin = options.postgresAdmin().split(":", 2);
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + options.externalPostgres() + "/postgres",
                admin[0], admin.length > 1 ? admin[1] : "")) {
            for (String database : DATABASES) {
                ServiceDatabases.ensure(connection, database);
            }
        }
        progress("postgres ready         " + options.externalPostgres() + " (existing server)");
    }

    /** One service instance under supervision; every (re)start gets the same environment, port and log. */
    private SupervisedChild service(Supervisor supervisor, String service, String instance, int port,
            Map<String, String> common, Path logs) {
        return supervisor.add(instance, SupervisedChild.Tier.SERVICES, "http://localhost:" + port, SERVICE_STOP_GRACE,
                () -> new Started(startService(service, instance, port, common, logs)));
    }

    private ChildProcess startService(String service, String instance, int port, Map<String, String> common, Path logs)
            throws IOException {
        String database = service.substring(0, service.indexOf('-'));
        Map<String, String> env = new LinkedHashMap<>(common);
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + options.postgresHostPort() + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + options.postgresHostPort() + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", database);
        switch (service) {
            case "alarm-service" -> {
                env.put("WORKER_APP_CLIENT_SECRET", "worker-app-dev-secret");
                env.put("ALARM_DEVICES_BINDING_KEY", secretKey("device-binding-key"));
                // Timer notes are sealed to each worker's public keyset now: the former service-wide
                // note key of older data folders is deleted (the notes it protected were dropped).
                Files.deleteIfExists(options.dataDir().resolve("timer-note-key"));
                // Keys every PIN hash; kept with the data dir, since a new one would void every PIN set.
                env.put("ALARM_PINS_PEPPER", secretKey("pin-pepper"));
                env.put("QUARKUS_REST_CLIENT_REGISTRY_URL", "http://127.0.0.1:" + options.registryPort());
                // The two demo buttons of docs/devices.md, until registry-service binds buttons.
                env.put("ALARM_DEVICES_DEMO_SEED", "true");
            }
            case "dispatch-service" -> {
                env.put("DISPATCH_SERVICE_CLIENT_SECRET", "dispatch-service-dev-secret");
                env.put("DISPATCH_CONSOLE_CLIENT_SECRET", "dispatch-console-dev-secret");
                // Each instance its own consumer group on incident.changes, named like its log file.
                env.put("DISPATCH_INSTANCE_ID", instance);
                env.put("QUARKUS_REST_CLIENT_REGISTRY_URL", "http://127.0.0.1:" + options.registryPort());
                env.put("QUARKUS_REST_CLIENT_ALARM_URL", "http://127.0.0.1:" + options.alarmPort());
            }
            case "registry-service" -> {
                env.put("REGISTRY_CRYPTO_MASTER_KEY", secretKey("registry-master-key"));
                // Her vault keys: a folder of the data dir, beside the database but never in it.
                env.put("REGISTRY_KEY_VAULT_DIRECTORY", options.dataDir().resolve("registry-key-vault").toString());
                env.put("REGISTRY_DEVICES_BINDING_KEY", secretKey("device-binding-key"));
                env.put("REGISTRY_SERVICE_CLIENT_SECRET", "registry-service-dev-secret");
            }
            default -> throw new IllegalStateException(service);
        }
        ChildProcess process = ServiceProcess.start(service, instance, options.repo(), port, env,
                logs.resolve(instance + ".log"), options.serviceJvmOptions());
        try {
            ServiceProcess.awaitReady(process, port, Duration.ofSeconds(120));
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return process;
    }

    private Map<String, String> serviceEnvironment(String bootstrapServers) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", options.keycloakUrl() + "/realms/" + KeycloakServer.REALM);
        return env;
    }

    private int servicePort(String service) {
        return switch (service) {
            case "alarm-service" -> options.alarmPort();
            case "dispatch-service" -> options.dispatchPort();
            case "registry-service" -> options.registryPort();
            default -> throw new IllegalStateException(service);
        };
    }

    /**
     * A 256-bit key of this data folder (the registry's master key, the device-binding key, the
     * PIN pepper): made once, kept next to the data it protects (a local stack is a demo;
     * production takes keys from secrets). Synchronized: the services start in parallel, and
     * alarm-service and registry-service must get the same device-binding key (unsynchronized, one
     * could read the file while the other was still writing it, and start with an empty key).
     */
    private synchronized String secretKey(String name) throws IOException {
        Path file = options.dataDir().resolve(name);
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return Files.readString(file, StandardCharsets.UTF_8).trim();
    }

    private void checkPortsFree() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("kafka (--kafka-port)", options.kafkaPort());
        ports.put("kafka controller (--kafka-controller-port)", options.kafkaControllerPort());
        if (options.externalPostgres() == null) {
            ports.put("postgres (--postgres-port)", options.postgresPort());
        }
        ports.put("keycloak (--keycloak-port)", options.keycloakPort());
        ports.put("alarm-service (--alarm-port)", options.alarmPort());
        ports.put("dispatch-service (--dispatch-port)", options.dispatchPort());
        ports.put("registry-service (--registry-port)", options.registryPort());
        if (options.hasExtraDispatch()) {
            ports.put("second dispatch-service (--extra-dispatch-port)", options.extraDispatchPort());
        }
        if (options.hasPrometheus()) {
            PrometheusServer.binary(); // installed? say so before anything starts
            ports.put("prometheus (--prometheus-port)", options.prometheusPort());
        }
        List<String> busy = ports.entrySet().stream().filter(e -> Ports.inUse(e.getValue()))
                .map(e -> e.getValue() + " for " + e.getKey()).toList();
        if (!busy.isEmpty()) {
            throw new InfraException("these ports are already in use by another program: " + String.join(", ", busy)
                    + ". Stop that program, or choose other ports with the options named.");
        }
    }

    private void resetDataDir() throws IOException {
        try (var entries = Files.list(options.dataDir())) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (!name.equals("launcher.lock") && !name.equals(StackLock.PID_FILE) && !name.equals(Supervisor.STATUS_FILE)) {
                    try (var paths = Files.walk(entry)) {
                        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            }
        }
    }

    private void printSummary(Path logs) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String text = String.format("""

                %s (%.1f s).

                  worker app / alarms API   http://localhost:%d
                  dispatch console / API    http://localhost:%d%s
                  registry API              http://localhost:%d
                  keycloak                  %s   (admin console: admin / admin)
                  kafka                     127.0.0.1:%d
                  postgres                  %s   (databases alarm, dispatch, registry)
                  logs                      %s

                Demo logins (demo only; never use these passwords anywhere else):
                  worker1 / worker1-demo         worker2 / worker2-demo
                  dispatcher1 / dispatcher1-demo supervisor1 / supervisor1-demo
                  coordinator1 / coordinator1-demo ops1 / ops1-demo

                Try it: deploy/demo/raise-alarm.sh   Stop: Ctrl-C
                """, READY_LINE, seconds, options.alarmPort(), options.dispatchPort(),
                options.hasExtraDispatch() ? String.format("%n  second dispatch console   http://localhost:%d   (%s: same database and Kafka)",
                        options.extraDispatchPort(), EXTRA_DISPATCH) : "",
                options.registryPort(),
                options.keycloakUrl(), options.kafkaPort(), options.postgresHostPort(), logs);
        System.out.println(text);
        System.out.flush();
    }

    private void progress(String message) {
        progress(startNanos, message);
    }

    /** A progress line: seconds since the start, then the message ({@code [ 812.4s] kafka ready ...}). */
    static void progress(long startNanos, String message) {
        System.out.printf("[%6.1fs] %s%n", (System.nanoTime() - startNanos) / 1e9, message);
        System.out.flush();
    }

    private static final java.util.concurrent.ExecutorService STARTERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "starter");
        thread.setDaemon(true);
        return thread;
    });

    private static <T> CompletableFuture<T> async(ThrowingSupplier<T> work) {
        Supplier<T> supplier = () -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        };
        return CompletableFuture.supplyAsync(supplier, STARTERS);
    }

    private static void join(CompletableFuture<?> all) throws Exception {
        try {
            all.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        }
    }

    @FunctionalInterface
    private interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
