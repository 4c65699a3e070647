package nl.alarmcentral.launcher;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.config.ConfigResource;

import nl.alarmcentral.infra.ServiceDatabases;

/**
 * The faults of the reliability suites (issues 12 and 21), one set shared by {@link FaultIT} and
 * {@link FailoverIT}: whom to kill, read from the launcher's {@value #STATUS_FILE}; SIGKILL or SIGTERM
 * by process id; waiting until the launcher's supervision has the process ready again (the test
 * never restarts anything itself); one service database refusing connections for a while; and
 * every process of the stack signalled at once.
 *
 * <p>It only touches the stack the test started: a process id is signalled only when the process is
 * the launcher or one of its descendants, or (the postmaster, which PostgreSQL detaches) when its
 * command line names the stack's own data folder or PostgreSQL's {@code postmaster.pid} there names
 * it; SQL goes to the stack's own PostgreSQL port.
 */
final class StackFaults {

    /** What the launcher keeps current in its data folder: {@code <name>.pid}, {@code .state}, {@code .restarts}. */
    static final String STATUS_FILE = "stack-status.properties";
    /** The status key of PostgreSQL's postmaster (the process that is PostgreSQL). */
    static final String POSTMASTER = "postgres.postmaster-pid";
    /** How long the launcher may take to have a killed process ready again (backoff included). */
    static final Duration RESTART_TIMEOUT = Duration.ofSeconds(150);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private volatile RunningStack stack;

    StackFaults(RunningStack stack) {
        this.stack = stack;
    }

    /** After the whole stack was started again on its data: the new launcher. */
    void use(RunningStack restarted) {
        this.stack = restarted;
    }

    /** A signal sent: to which processes (status name to pid), when, and their restart counts before it. */
    record Signalled(Map<String, Long> pids, Map<String, Integer> restartsBefore, long at) {
    }

    /** The launcher's view of its children, read fresh. Fails with the reason when it keeps none. */
    Properties status() {
        Path file = stack.dataDir.resolve(STATUS_FILE);
        Properties status = new Properties();
        if (!Files.exists(file)) {
            throw new AssertionError("The launcher keeps no " + file + ": it does not report (or supervise) its children,"
                    + " so the suite cannot find whom to kill and nothing would restart it");
        }
        // The launcher rewrites the file while we read: a half-written read is read again.
        for (int attempt = 0; attempt < 20; attempt++) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                status.clear();
                status.load(in);
                if (!status.isEmpty()) {
                    return status;
                }
            } catch (IOException | IllegalArgumentException e) {
                // being replaced; read again
            }
            sleep(25);
        }
        throw new AssertionError("Cannot read " + file);
    }

    /** The process id the launcher reports for a name ({@code postgres} means the postmaster). */
    long pid(String name) {
        String key = "postgres".equals(name) ? POSTMASTER : name + ".pid";
        String value = status().getProperty(key);
        if (value == null || value.isBlank()) {
            throw new AssertionError(STATUS_FILE + " has no " + key + ": " + status());
        }
        return Long.parseLong(value.trim());
    }

    String state(String name) {
        return status().getProperty(name + ".state", "?");
    }

    int restarts(String name) {
        return Integer.parseInt(status().getProperty(name + ".restarts", "0").trim());
    }

    /** SIGKILLs these processes (status names) in one go, as a crash or the OOM killer would. */
    Signalled kill(String... names) {
        return signal(ProcessHandle::destroyForcibly, names);
    }

    /** Sends these processes SIGTERM in one go, as a service manager stopping them would. */
    Signalled terminate(String... names) {
        return signal(ProcessHandle::destroy, names);
    }

    private Signalled signal(Consumer<ProcessHandle> signal, String... names) {
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Integer> restarts = new LinkedHashMap<>();
        List<ProcessHandle> targets = new ArrayList<>();
        for (String name : names) {
            long pid = pid(name);
            pids.put(name, pid);
            restarts.put(name, restarts(name));
            targets.add(ours(pid).orElseThrow(() -> new AssertionError(name + " (pid " + pid + ") is not a process of this stack")));
        }
        long at = System.nanoTime();
        targets.forEach(signal);
        System.out.printf("[faults] signalled %s%n", pids);
        return new Signalled(pids, restarts, at);
    }

    /**
     * Waits until the launcher has every signalled process running again and ready: a new process
     * id (or a higher restart count) and state {@code ready}.
     *
     * @return when the last one was ready ({@link System#nanoTime()})
     */
    long awaitRestarted(Signalled signalled) {
        long deadline = System.nanoTime() + RESTART_TIMEOUT.toNanos();
        while (true) {
            Properties status = status();
            List<String> waiting = new ArrayList<>();
            for (Map.Entry<String, Long> killed : signalled.pids().entrySet()) {
                String name = killed.getKey();
                String pidKey = "postgres".equals(name) ? POSTMASTER : name + ".pid";
                String pid = status.getProperty(pidKey, "").trim();
                int restarts = Integer.parseInt(status.getProperty(name + ".restarts", "0").trim());
                boolean again = restarts > signalled.restartsBefore().get(name) || (!pid.isEmpty() && !pid.equals(killed.getValue().toString()));
                if (!again || !"ready".equals(status.getProperty(name + ".state"))) {
                    waiting.add(name + " (state " + status.getProperty(name + ".state") + ", restarts " + restarts + ")");
                }
            }
            if (waiting.isEmpty()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The launcher did not have " + waiting + " ready again within "
                        + RESTART_TIMEOUT.toSeconds() + " s of the signal; status: " + status);
            }
            sleep(100);
        }
    }

    /** The base URLs of every service instance of the stack. */
    List<String> serviceUrls() {
        List<String> urls = new ArrayList<>(List.of(stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl()));
        if (stack.dispatch2 != 0) {
            urls.add(stack.dispatch2Url());
        }
        return urls;
    }

    /** Whether every service instance's {@code /q/health/ready} answers 200 now. */
    boolean everyServiceReady() {
        return notReady().isEmpty();
    }

    /** The service instances whose {@code /q/health/ready} does not answer 200 now (their URLs). */
    List<String> notReady() {
        return serviceUrls().stream().filter(url -> !ready(url)).toList();
    }

    /**
     * Waits until the stack has recovered from a kill: the launcher has the killed processes ready
     * again, every service says ready, and, when the broker was among them, its consumer groups have
     * settled ({@link #awaitConsumerGroupsSettled}).
     *
     * @return when it had ({@link System#nanoTime()})
     */
    long awaitRecovered(Signalled killed, Duration timeout) {
        long back = awaitRestarted(killed);
        long ready = awaitEveryServiceReady(timeout);
        return killed.pids().containsKey("kafka") ? Math.max(ready, awaitConsumerGroupsSettled(back, timeout)) : ready;
    }

    /**
     * After the broker's restart: waits until its consumer groups have settled, which is later than
     * every service saying ready. A member that has not heartbeated within the group session timeout
     * of the broker's return is dropped by the broker (the services' consumers reconnect within
     * seconds, but on a loaded two-core machine not always within 6 s: the CI run of 2026-12-08);
     * its partitions then move to a consumer that rejoins, which redoes the events not committed
     * yet, and alarms wait meanwhile although every service said ready (their readiness looks at
     * the connection, not at the membership: issue 21, next step). So the restart is over only once
     * the session timeout has passed since the broker was back (plus one heartbeat interval, as the
     * broker loads its groups a moment after it takes clients) and every group is stable or empty.
     *
     * @param brokerBackAt when the launcher had the broker ready again ({@link System#nanoTime()})
     * @return when the groups had settled ({@link System#nanoTime()})
     */
    private long awaitConsumerGroupsSettled(long brokerBackAt, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrap(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000))) {
            ConfigResource broker = new ConfigResource(ConfigResource.Type.BROKER, "1");
            Duration wait = null;
            String last = "nothing read yet";
            while (true) {
                try {
                    if (wait == null) {
                        var settings = admin.describeConfigs(List.of(broker)).all().get(10, TimeUnit.SECONDS).get(broker);
                        wait = Duration.ofMillis(Long.parseLong(settings.get("group.consumer.session.timeout.ms").value())
                                + Long.parseLong(settings.get("group.consumer.heartbeat.interval.ms").value()));
                        sleep(Math.max(0, (brokerBackAt + wait.toNanos() - System.nanoTime()) / 1_000_000));
                    }
                    List<String> ids = admin.listGroups().all().get(10, TimeUnit.SECONDS).stream()
                            .filter(group -> group.type().filter(type -> type == GroupType.CONSUMER || type == GroupType.CLASSIC).isPresent())
                            .map(GroupListing::groupId).toList();
                    List<String> unsettled = admin.describeConsumerGroups(ids).all().get(10, TimeUnit.SECONDS).values().stream()
                            .filter(group -> group.groupState() != GroupState.STABLE && group.groupState() != GroupState.EMPTY)
                            .map(group -> group.groupId() + " (" + group.groupState() + ")").toList();
                    if (unsettled.isEmpty()) {
                        return System.nanoTime();
                    }
                    last = "not settled: " + unsettled;
                } catch (ExecutionException | TimeoutException e) {
                    // The broker just came back and may not answer every request yet: asked again.
                    last = "could not read the broker's groups: " + e;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Consumer groups not settled " + timeout.toSeconds() + " s after the broker's restart: " + last);
                }
                sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /**
     * Waits until every service instance says ready.
     *
     * @return when they all did ({@link System#nanoTime()})
     */
    long awaitEveryServiceReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> notReady = notReady();
            if (notReady.isEmpty()) {
                return System.nanoTime();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not ready " + timeout.toSeconds() + " s after the fault ended: " + notReady);
            }
            sleep(100);
        }
    }

    private boolean ready(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /**
     * Makes service databases refuse every connection (their open sessions are ended, new ones are
     * refused) until {@link DatabaseOutage#close()}: what a shared PostgreSQL's outage or failover
     * looks like to the services. The server itself and any other database go on.
     */
    DatabaseOutage refuseConnections(List<String> databases) throws SQLException {
        if (databases.isEmpty() || !Set.of("alarm", "dispatch", "registry").containsAll(databases)) {
            throw new IllegalArgumentException("Not service databases: " + databases);
        }
        try (Connection admin = stack.superuser("postgres")) {
            for (String database : databases) {
                ServiceDatabases.refuseConnections(admin, database);
            }
        }
        long at = System.nanoTime();
        System.out.printf("[faults] databases %s refuse connections%n", databases);
        return new DatabaseOutage(List.copyOf(databases), at);
    }

    /** Databases refusing connections; closing it lets connections in again. */
    final class DatabaseOutage implements AutoCloseable {
        final List<String> databases;
        final long at;
        private long endedAt;

        private DatabaseOutage(List<String> databases, long at) {
            this.databases = databases;
            this.at = at;
        }

        /** When connections were allowed again ({@link System#nanoTime()}), or 0 before. */
        long endedAt() {
            return endedAt;
        }

        @Override
        public void close() throws SQLException {
            if (endedAt != 0) {
                return;
            }
            try (Connection admin = stack.superuser("postgres")) {
                for (String database : databases) {
                    ServiceDatabases.allowConnections(admin, database);
                }
            }
            endedAt = System.nanoTime();
            System.out.printf("[faults] databases %s accept connections again%n", databases);
        }
    }

    /**
     * Sends SIGTERM to the launcher, every process under it and PostgreSQL's postmaster in one go
     * (what a terminal's Ctrl-C to a whole process group, or a machine shutting down, does), then
     * waits until all of them have exited.
     *
     * @return the processes still alive after {@code timeout} (then SIGKILLed), described; empty when all exited
     */
    List<String> terminateEverythingAtOnce(Duration timeout) throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(stack.handle());
        all.addAll(stack.handle().descendants().toList());
        long postmaster = pid("postgres");
        ours(postmaster).filter(p -> all.stream().noneMatch(h -> h.pid() == p.pid())).ifPresent(all::add);
        all.forEach(ProcessHandle::destroy);
        System.out.printf("[faults] SIGTERM to %d processes of the stack at once%n", all.size());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && all.stream().anyMatch(ProcessHandle::isAlive)) {
            Thread.sleep(100);
        }
        List<String> left = all.stream().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().command().orElse("?")).toList();
        all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        stack.awaitExit(Duration.ofSeconds(30));
        return left;
    }

    /**
     * The process with this id if it belongs to this stack: the launcher, a descendant of it, or a
     * process whose command line names the stack's data folder (the postmaster).
     */
    private Optional<ProcessHandle> ours(long pid) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle launcher = stack.handle();
        boolean descendant = pid == launcher.pid() || launcher.descendants().anyMatch(p -> p.pid() == pid);
        boolean namesOurData = process.get().info().commandLine().map(c -> c.contains(stack.dataDir.toString())).orElse(false)
                || process.get().info().arguments().map(a -> String.join(" ", a).contains(stack.dataDir.toString())).orElse(false);
        return descendant || namesOurData || pid == postmasterOfOurData() ? process : Optional.empty();
    }

    /** The postmaster's id as PostgreSQL itself records it in the stack's data folder, or -1. */
    private long postmasterOfOurData() {
        Path file = stack.dataDir.resolve("postgres").resolve("data").resolve("postmaster.pid");
        try {
            return Long.parseLong(Files.readAllLines(file, StandardCharsets.UTF_8).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }
}
