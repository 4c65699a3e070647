package nl.alarmcentral.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One run of a reliability suite against one local stack: the {@link AlarmDriver} pressing
 * throughout, the {@link ConsoleWatcher} on every console, a dispatcher who resolves each
 * incident once every alarm of its worker has been seen (so that the next alarm opens a new
 * incident, as in the press-to-console benchmark), and per fault a {@link Phase} whose presses are
 * checked when it ends:
 * <ul>
 * <li>every press got a {@code 202} and no answer a worker must never get (a 500);</li>
 * <li>every accepted alarm is an incident alarm exactly once: in dispatch's database by alarm id,
 * and through the dispatcher API; nothing else of the pool's workers arrived (duplicates zero);</li>
 * <li>every accepted alarm reached a console within {@link #TO_CONSOLE} of the later of its
 * {@code 202} and the moment the stack had recovered (an alarm seen before the fault: of its
 * {@code 202}), and within the phase's own limit of its {@code 202} where it has one;</li>
 * <li>where the phase asks: a press made during the outage got its {@code 202} within
 * {@link #ACCEPTED_DURING_OUTAGE}.</li>
 * </ul>
 * Each phase gives a {@link Row} of the report ({@code deploy/launcher/target/reliability-report.md}).
 */
final class ReliabilityRun implements AutoCloseable {

    /** Issues 12 and 21: after recovery (or a restart) an alarm reaches a console within this. */
    static final Duration TO_CONSOLE = Duration.ofSeconds(2);
    /** Issue 12: while one durable store is down the other takes a press "within a few seconds". */
    static final Duration ACCEPTED_DURING_OUTAGE = Duration.ofSeconds(5);
    /** How long a phase's presses may take to settle after the phase (202 and console) before they count as failed. */
    static final Duration SETTLE = Duration.ofSeconds(60);
    static final Path REPORT = RunningStack.REPO.resolve("deploy/launcher/target/reliability-report.md");

    private static final String RESOLVE = "{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}";

    final String suite;
    private volatile RunningStack stack;
    private final StackFaults faults;
    final KeycloakAdmin admin;
    final SkeletonScenario api;
    final AlarmDriver driver;
    final ConsoleWatcher watcher;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService dispatcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-dispatcher");
        thread.setDaemon(true);
        return thread;
    });
    /** Logins on a thread of their own: a Keycloak that is starting may keep one waiting. */
    private final ScheduledExecutorService logins = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "test-dispatcher-login");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<UUID> resolved = ConcurrentHashMap.newKeySet();
    private volatile String dispatcherToken;
    private final long startNanos = System.nanoTime();
    private final Instant startWall = Instant.now();
    private final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    private ReliabilityRun(String suite, RunningStack stack, StackFaults faults, int workers, double perSecond)
            throws InterruptedException {
        this.suite = suite;
        this.stack = stack;
        this.faults = faults;
        this.admin = new KeycloakAdmin(stack.keycloakUrl());
        this.api = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl());
        long created = System.nanoTime();
        List<AlarmDriver.Worker> pool = AlarmDriver.createWorkers(admin, api, suite.toLowerCase(), workers);
        dispatcherToken = api.token("dispatcher1", "dispatcher1-demo");
        System.out.printf("[%s] %d workers ready in %d ms%n", suite, workers, (System.nanoTime() - created) / 1_000_000);
        List<String> consoles = new ArrayList<>(List.of(stack.dispatchUrl()));
        if (stack.dispatch2 != 0) {
            consoles.add(stack.dispatch2Url());
        }
        watcher = new ConsoleWatcher(consoles, () -> dispatcherToken);
        watcher.start(Duration.ofSeconds(30));
        driver = new AlarmDriver(stack.alarmUrl(), api, pool);
        logins.scheduleWithFixedDelay(AlarmDriver.keepGoing(this::renewDispatcherToken), 10, 10, TimeUnit.SECONDS);
        dispatcher.scheduleWithFixedDelay(AlarmDriver.keepGoing(this::resolveQuietIncidents), 1, 1, TimeUnit.SECONDS);
        driver.start(perSecond);
    }

    /**
     * Creates the pool of workers, connects the consoles and starts pressing.
     *
     * @param workers   pool size: each worker presses about every {@code workers / perSecond} seconds
     * @param perSecond presses per second, throughout the run
     */
    static ReliabilityRun start(String suite, RunningStack stack, StackFaults faults, int workers, double perSecond)
            throws InterruptedException {
        return new ReliabilityRun(suite, stack, faults, workers, perSecond);
    }

    /** After the whole stack was started again on its data (same ports): the new launcher. */
    void use(RunningStack restarted) {
        this.stack = restarted;
    }

    /** A line for the report under the table. */
    void note(String text) {
        notes.add(text);
        System.out.println("[" + suite + "] " + text);
    }

    /** Lets the load run for a while. */
    static void steady(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** The warm-up after the stack's start, then steady load without a fault: the control every fault is compared with. */
    static final Duration WARM_UP = Duration.ofSeconds(15);
    static final Duration BASELINE = Duration.ofSeconds(10);

    /**
     * The first two phases of a suite: {@link #WARM_UP} of load while the services compile their
     * hot paths (console delays reported only), then {@link #BASELINE} of steady load held to every
     * check. A suite whose baseline fails measures the machine, not the faults.
     */
    void warmUpAndBaseline() throws InterruptedException {
        Phase warmUp = begin("warm-up after the start").warmUp();
        steady(WARM_UP);
        Row warm = finish(warmUp);
        Phase baseline = begin("no fault (steady load)");
        steady(BASELINE);
        Row steady = finish(baseline);
        warm.assertPassed();
        steady.assertPassed();
    }

    /** What a phase does to the stack: starts the fault ({@link Phase#fault}) and waits until the stack has recovered. */
    @FunctionalInterface
    interface Fault {
        /** @return when the stack had recovered ({@link System#nanoTime()}) */
        long inject(Phase phase) throws Exception;
    }

    /**
     * Runs one fault as a phase: {@code lead} of steady load, the fault and the recovery (a failure
     * to recover is one of the phase's problems), {@code tail} of steady load, then the checks.
     */
    Row run(Phase phase, Duration lead, Duration tail, Fault fault) throws Exception {
        steady(lead);
        try {
            phase.recovered(fault.inject(phase));
        } catch (AssertionError e) {
            phase.problem(e.getMessage());
            steady(tail);
            return finish(phase);
        }
        tail(phase, tail);
        return finish(phase);
    }

    /** How much longer than its own length a tail may run while a service that said ready says not ready again. */
    static final Duration READY_AGAIN_AFTER_A_DROP = Duration.ofSeconds(60);

    /**
     * A phase's tail: {@code tail} of steady load after the stack recovered, with every service's
     * readiness watched. The stack has recovered when it last became wholly ready: a service that
     * said ready and then not ready again has recovered only once it says ready again, and the tail
     * then runs its whole length from there. Every such drop is noted in the report. Why: a service's
     * readiness can drop after it first said ready; dispatch's, for example, reports a consumer
     * channel as failed while that consumer is out of its group and rejoins (after the broker's
     * restart in a CI run of 2026-12-07, one of its three {@code alarm.events} consumers for about
     * 7 s). Counting from the first "ready" would blame those seconds on the alarms that waited. In
     * that run the suite's recovery already came after the drop; this makes sure it always does.
     */
    void tail(Phase phase, Duration tail) throws InterruptedException {
        long end = System.nanoTime() + tail.toNanos();
        long limit = end + READY_AGAIN_AFTER_A_DROP.toNanos();
        List<String> down = List.of();
        long downSince = 0;
        while (System.nanoTime() < end) {
            List<String> notReady = faults.notReady();
            long now = System.nanoTime();
            if (!notReady.isEmpty() && down.isEmpty()) {
                downSince = now;
            }
            if (notReady.isEmpty() && !down.isEmpty()) {
                note(String.format("%s: not ready again after the recovery, for %s: %s; recovery counted from its return",
                        phase.name, seconds(Duration.ofNanos(now - downSince)), down));
                phase.recovered(now);
                end = Math.min(limit, now + tail.toNanos());
            }
            down = notReady;
            Thread.sleep(200);
        }
        if (!down.isEmpty()) {
            phase.problem("not ready again " + seconds(Duration.ofNanos(System.nanoTime() - downSince))
                    + " after saying ready: " + down);
        }
    }

    /** Opens a phase: presses from now on are its own until it is finished. */
    Phase begin(String name) {
        return new Phase(name, System.nanoTime());
    }

    /** One fault and its observation window. */
    static final class Phase {
        final String name;
        final long start;
        private long faultAt;
        private long faultEndedAt;
        private long recoveredAt;
        private Duration maxFrom202;
        private boolean acceptDuringOutage;
        private boolean warmUp;
        private final Problems problems = new Problems();

        private Phase(String name, long start) {
            this.name = name;
            this.start = start;
        }

        /** The fault starts (a signal, a database closing its doors). */
        Phase fault(long at) {
            faultAt = at;
            return this;
        }

        /** The fault was removed (a database accepting again); a kill ends when it is sent. */
        Phase faultEnded(long at) {
            faultEndedAt = at;
            return this;
        }

        /** The stack is whole again: restarted where needed, every service ready. */
        Phase recovered(long at) {
            recoveredAt = at;
            return this;
        }

        /** No alarm of this phase may take longer than this from its {@code 202} to a console. */
        Phase maxFrom202(Duration limit) {
            maxFrom202 = limit;
            return this;
        }

        /** Presses made during the fault must be accepted within {@link #ACCEPTED_DURING_OUTAGE}. */
        Phase acceptDuringOutage() {
            acceptDuringOutage = true;
            return this;
        }

        /**
         * The first load after a start, while the services still compile their hot paths: its
         * console delays are reported, not held to {@link #TO_CONSOLE} (everything else is checked).
         */
        Phase warmUp() {
            warmUp = true;
            return this;
        }

        /** A problem found by the test itself during the phase (not from the presses). */
        void problem(String text) {
            problems.add(text, "");
        }
    }

    /**
     * A phase's problems by kind, each kind counted with its first few examples: a fault can fail
     * hundreds of alarms the same way.
     */
    static final class Problems {
        private static final int EXAMPLES = 3;
        private final Map<String, Integer> counts = new LinkedHashMap<>();
        private final Map<String, List<String>> examples = new LinkedHashMap<>();

        void add(String kind, String example) {
            counts.merge(kind, 1, Integer::sum);
            List<String> some = examples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (!example.isEmpty() && some.size() < EXAMPLES) {
                some.add(example);
            }
        }

        /** The kinds with their counts, for the report's table. */
        String summary() {
            return counts.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining("; "));
        }

        /** One line per kind: "kind: N (for example ...)". */
        List<String> lines() {
            return counts.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 || !examples.get(e.getKey()).isEmpty()
                    ? ": " + e.getValue() + (examples.get(e.getKey()).isEmpty() ? "" : " (for example " + String.join("; ",
                            examples.get(e.getKey())) + ")") : "")).toList();
        }
    }

    /** One line of the report, and the phase's problems. */
    record Row(String name, int accepted, int shown, int duplicates, int failedAnswers, Duration worstClientWait,
            Duration recovery, Duration worstDelay, Duration worstRaisedAfter, String extra, List<String> problems, String summary) {

        String markdown() {
            return String.format("| %s | %d | %d | %d | %d | %s | %s | %s | %s | %s |", name, accepted, shown, duplicates, failedAnswers,
                    seconds(worstClientWait), seconds(recovery), seconds(worstDelay), seconds(worstRaisedAfter),
                    (problems.isEmpty() ? "passed" : "**failed**: " + summary.replace("|", "/")) + (extra.isEmpty() ? "" : "; " + extra));
        }

        /** Fails the test with every problem of the phase. */
        void assertPassed() {
            if (!problems.isEmpty()) {
                throw new AssertionError(name + ":\n  " + String.join("\n  ", problems));
            }
        }
    }

    /**
     * Ends the phase, waits (bounded) until its presses have settled, checks them and records the
     * report's row.
     */
    Row finish(Phase phase) throws InterruptedException {
        long end = System.nanoTime();
        List<AlarmDriver.Press> presses = driver.presses().stream()
                .filter(p -> p.firstAttempt >= phase.start && p.firstAttempt < end).toList();
        long deadline = end + SETTLE.toNanos();
        while (System.nanoTime() < deadline
                && !presses.stream().allMatch(p -> p.gaveUp() || (p.accepted() && watcher.shown(p.alarmId())))) {
            Thread.sleep(200);
        }
        Problems problems = phase.problems;
        long recovered = phase.recoveredAt != 0 ? phase.recoveredAt : phase.start;
        long faultAt = phase.faultAt != 0 ? phase.faultAt : phase.start;

        // What the workers got.
        int failedAnswers = 0;
        Duration worstClientWait = Duration.ZERO;
        List<AlarmDriver.Press> accepted = new ArrayList<>();
        for (AlarmDriver.Press press : presses) {
            for (Map.Entry<String, Integer> failure : press.failures().entrySet()) {
                failedAnswers += failure.getValue();
                problems.add("presses answered " + failure.getKey() + " (a worker must never get this)",
                        press.clientRef + " first tried at " + at(press.firstAttempt) + ": " + press.answers());
            }
            if (!press.accepted()) {
                problems.add("presses without a 202 " + SETTLE.toSeconds() + " s after the phase" + (press.gaveUp() ? " (given up)" : ""),
                        press.clientRef + " after " + press.attempts() + " attempts: " + press.answers());
                continue;
            }
            accepted.add(press);
            if (press.clientWait().compareTo(worstClientWait) > 0) {
                worstClientWait = press.clientWait();
            }
            boolean duringOutage = press.firstAttempt >= faultAt && press.firstAttempt < recovered;
            if (phase.acceptDuringOutage && duringOutage && press.clientWait().compareTo(ACCEPTED_DURING_OUTAGE) > 0) {
                problems.add("presses made during the outage that waited over " + ACCEPTED_DURING_OUTAGE.toSeconds() + " s for their 202",
                        String.format("%s waited %s: %s", press.clientRef, seconds(press.clientWait()), press.answers()));
            }
        }
        long skipped = driver.skipped(phase.start, end);
        if (skipped > 0) {
            problems.add("presses not started (" + AlarmDriver.MAX_WAITING + " were waiting for a 202, or every worker was paused)",
                    skipped + " in this phase");
        }

        // What the dispatchers saw.
        List<AlarmDriver.Press> late = new ArrayList<>();
        int shown = 0;
        Duration worstDelay = null;
        Duration worstRaisedAfter = null;
        for (AlarmDriver.Press press : accepted) {
            ConsoleWatcher.Sighting sighting = watcher.sighting(press.alarmId());
            if (sighting == null) {
                problems.add("accepted alarms that never reached a console", press.alarmId() + " (202 at " + at(press.acceptedAt()) + ")");
                continue;
            }
            shown++;
            long reference = sighting.at() < faultAt ? press.acceptedAt() : Math.max(press.acceptedAt(), recovered);
            Duration delay = Duration.ofNanos(sighting.at() - reference);
            if (worstDelay == null || delay.compareTo(worstDelay) > 0) {
                worstDelay = delay;
            }
            if (delay.compareTo(TO_CONSOLE) > 0 && !phase.warmUp) {
                late.add(press);
                problems.add("alarms that reached a console over " + TO_CONSOLE.toSeconds() + " s after the later of their 202 and recovery",
                        String.format("%s after %s (202 at %s, recovered at %s)", press.alarmId(), seconds(delay),
                                at(press.acceptedAt()), at(recovered)));
            }
            Duration from202 = Duration.ofNanos(sighting.at() - press.acceptedAt());
            if (press.firstAttempt >= recovered && (worstRaisedAfter == null || from202.compareTo(worstRaisedAfter) > 0)) {
                worstRaisedAfter = from202;
            }
            if (phase.maxFrom202 != null && from202.compareTo(phase.maxFrom202) > 0) {
                problems.add("alarms that reached a console over " + phase.maxFrom202.toSeconds() + " s after their 202",
                        String.format("%s after %s (202 at %s)", press.alarmId(), seconds(from202), at(press.acceptedAt())));
            }
        }

        if (!late.isEmpty()) {
            traceLate(late, problems);
            whatTheStackLogged(wall(faultAt), wall(late.stream().mapToLong(p -> watcher.sighting(p.alarmId()).at()).max().orElse(end)),
                    problems);
        }

        // Exactly once, in dispatch's database and through the dispatcher API.
        int duplicates = 0;
        try {
            duplicates = checkExactlyOnce(phase, end, accepted, problems);
        } catch (SQLException | IOException e) {
            problems.add("could not check dispatch's incidents: " + e, "");
        }

        String extra = phase.warmUp ? "warm-up: console delays reported, not held to " + TO_CONSOLE.toSeconds() + " s" : "";
        if (phase.faultEndedAt != 0 && phase.faultEndedAt != phase.faultAt) {
            extra = "outage " + seconds(Duration.ofNanos(phase.faultEndedAt - phase.faultAt)) + ", recovery counted from its end";
        }
        Duration recovery = phase.recoveredAt == 0 ? null
                : Duration.ofNanos(phase.recoveredAt - (phase.faultEndedAt != 0 ? phase.faultEndedAt : faultAt));
        Row row = new Row(phase.name, accepted.size(), shown, duplicates, failedAnswers, worstClientWait, recovery, worstDelay,
                worstRaisedAfter, extra, problems.lines(), problems.summary());
        rows.add(row);
        System.out.printf("[%s] %s: %d presses, %s%n", suite, phase.name, presses.size(), row.markdown());
        row.problems().forEach(p -> System.out.println("[" + suite + "]   " + p));
        return row;
    }

    /**
     * Where the late alarms waited, so that a failed phase names the stage without the stack's logs
     * (CI keeps only the output): for the first and the last late alarm, when alarm-service marked it
     * published, when dispatch stored it, and on which console it showed, each from its {@code 202}.
     */
    private void traceLate(List<AlarmDriver.Press> late, Problems problems) {
        List<AlarmDriver.Press> traced = late.size() == 1 ? late : List.of(late.get(0), late.get(late.size() - 1));
        for (AlarmDriver.Press press : traced) {
            Instant accepted = wall(press.acceptedAt());
            ConsoleWatcher.Sighting sighting = watcher.sighting(press.alarmId());
            String published = timeOf("alarm", "SELECT published_at FROM alarm WHERE alarm_id = ?", press.alarmId(), accepted);
            String stored = timeOf("dispatch", "SELECT received_at FROM incident_alarm WHERE alarm_id = ?", press.alarmId(), accepted);
            problems.add("where late alarms waited (from their 202)", String.format("%s: published %s, in dispatch's database %s,"
                    + " on console %s %s", press.alarmId(), published, stored, sighting.console(),
                    seconds(Duration.ofNanos(sighting.at() - press.acceptedAt()))));
        }
    }

    /** A log line of the stack's services: its time, level, logger and message. */
    private static final Pattern LOG_LINE = Pattern.compile(
            "^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}) (INFO|WARN|ERROR) +\\[([^\\]]*)\\] \\([^)]*\\) (.*)$");
    /** The time at the start of a service's log line, in this machine's zone. */
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS")
            .withZone(ZoneId.systemDefault());
    /** Loggers whose INFO lines say what the consumers and consoles went through (assignments, stalls, delays). */
    private static final Set<String> TOLD_AT_INFO = Set.of("nl.alarmcentral.contract.messaging.ConsumerGroups",
            "nl.alarmcentral.dispatch.live.ConsoleBroadcaster", "nl.alarmcentral.contract.messaging.PathWarmup");
    /** Warnings every start logs, which say nothing about a delay. */
    private static final List<String> START_NOISE = List.of("SRMSG18235", "This Gauge has been already registered");

    /**
     * Whether a log line helps explain a delay: warnings and errors (but a start's usual ones), and
     * what the consumers and consoles went through.
     */
    private static boolean telling(String level, String logger, String message) {
        if (!level.equals("INFO")) {
            return START_NOISE.stream().noneMatch(message::startsWith);
        }
        return TOLD_AT_INFO.contains(logger) || logger.equals("io.smallrye.reactive.messaging.kafka") && message.contains("re-balance");
    }

    /**
     * What the stack's processes logged while the late alarms waited ({@link #telling}; first lines
     * only, counted per message), so that a failed phase in CI, where the logs are gone afterwards,
     * says what the services saw. The services log no personal data (docs/privacy.md).
     */
    private void whatTheStackLogged(Instant from, Instant to, Problems problems) {
        Path logs = stack.dataDir.resolve("logs");
        try (var files = Files.list(logs)) {
            for (Path file : files.sorted().toList()) {
                // Counted by the message with its numbers left out; shown as first logged.
                Map<String, Integer> seen = new LinkedHashMap<>();
                Map<String, String> first = new HashMap<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Matcher m = LOG_LINE.matcher(line);
                    if (!m.matches() || !telling(m.group(2), m.group(3), m.group(4))) {
                        continue;
                    }
                    Instant at = LOG_TIME.parse(m.group(1), Instant::from);
                    if (at.isBefore(from) || at.isAfter(to)) {
                        continue;
                    }
                    String message = m.group(4).replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
                    String text = m.group(2) + " " + m.group(3).replaceFirst(".*\\.", "") + ": "
                            + (message.length() > 140 ? message.substring(0, 140) + "..." : message);
                    String key = text.replaceAll("\\d+", "N");
                    seen.merge(key, 1, Integer::sum);
                    first.putIfAbsent(key, text);
                }
                if (!seen.isEmpty()) {
                    problems.add("what " + file.getFileName() + " logged while the late alarms waited", seen.entrySet().stream()
                            .limit(12).map(e -> e.getValue() + "x " + first.get(e.getKey())).collect(Collectors.joining(" | ")));
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("what the stack's logs say while the late alarms waited", "not readable: " + e);
        }
    }

    private String timeOf(String database, String sql, UUID alarmId, Instant from) {
        try (Connection db = stack.superuser(database); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, alarmId);
            try (ResultSet row = query.executeQuery()) {
                Timestamp at = row.next() ? row.getTimestamp(1) : null;
                return at == null ? "never" : seconds(Duration.between(from, at.toInstant()));
            }
        } catch (SQLException e) {
            return "unknown (" + e.getClass().getSimpleName() + ")";
        }
    }

    /**
     * Every accepted alarm once in dispatch's database (its incident by alarm id) and once across
     * the incidents the dispatcher API shows; no alarm of the pool's workers in the database that
     * no press was accepted as.
     *
     * @return the duplicates found
     */
    private int checkExactlyOnce(Phase phase, long end, List<AlarmDriver.Press> accepted, Problems problems)
            throws SQLException, IOException {
        Set<UUID> ids = accepted.stream().map(AlarmDriver.Press::alarmId).collect(Collectors.toSet());
        Map<UUID, UUID> incidentOf = new HashMap<>();
        Set<UUID> unexpected = new HashSet<>();
        Set<UUID> known = driver.presses().stream().filter(AlarmDriver.Press::accepted).map(AlarmDriver.Press::alarmId)
                .collect(Collectors.toSet());
        try (Connection db = stack.superuser("dispatch")) {
            try (PreparedStatement query = db.prepareStatement(
                    "SELECT alarm_id, incident_id FROM incident_alarm WHERE alarm_id = ANY (?)")) {
                Array array = db.createArrayOf("uuid", ids.toArray());
                query.setArray(1, array);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        incidentOf.put(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class));
                    }
                }
            }
            try (PreparedStatement query = db.prepareStatement("SELECT ia.alarm_id FROM incident_alarm ia JOIN incident i"
                    + " ON i.id = ia.incident_id WHERE i.worker_id = ANY (?) AND ia.received_at >= ? AND ia.received_at < ?")) {
                query.setArray(1, db.createArrayOf("varchar", driver.workers().stream().map(w -> w.id).toArray()));
                query.setTimestamp(2, Timestamp.from(wall(phase.start)));
                query.setTimestamp(3, Timestamp.from(wall(end)));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        UUID alarm = rows.getObject(1, UUID.class);
                        if (!known.contains(alarm)) {
                            unexpected.add(alarm);
                        }
                    }
                }
            }
        }
        for (UUID id : ids) {
            if (!incidentOf.containsKey(id)) {
                problems.add("accepted alarms that are no incident alarm in dispatch's database", id.toString());
            }
        }
        for (UUID alarm : unexpected) {
            problems.add("alarms of the test workers in dispatch's database that no press was accepted as (duplicates)", alarm.toString());
        }

        Set<UUID> incidents = new HashSet<>(incidentOf.values());
        for (UUID id : ids) {
            ConsoleWatcher.Sighting sighting = watcher.sighting(id);
            if (sighting != null) {
                incidents.add(sighting.incident());
            }
        }
        Map<UUID, Integer> occurrences = new HashMap<>();
        for (UUID incident : incidents) {
            JsonNode view = incidentView(incident);
            if (view == null) {
                problems.add("incidents that cannot be read through the dispatcher API", incident.toString());
                continue;
            }
            view.path("alarms").forEach(a -> occurrences.merge(UUID.fromString(a.path("alarmId").asText()), 1, Integer::sum));
        }
        int duplicates = unexpected.size();
        for (UUID id : ids) {
            int times = occurrences.getOrDefault(id, 0);
            if (times != 1) {
                problems.add("accepted alarms that are not exactly once an incident alarm through the dispatcher API", id + ": " + times + " times");
            }
            duplicates += Math.max(0, times - 1);
        }
        return duplicates;
    }

    /** An incident's full view through the dispatcher API (either instance), or null. */
    private JsonNode incidentView(UUID incident) throws IOException {
        List<String> consoles = new ArrayList<>(List.of(stack.dispatchUrl()));
        if (stack.dispatch2 != 0) {
            consoles.add(stack.dispatch2Url());
        }
        for (int attempt = 0; attempt < 10; attempt++) {
            for (String console : consoles) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(console + "/api/incidents/" + incident))
                            .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + dispatcherToken).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200) {
                        return json.readTree(response.body());
                    }
                } catch (IOException e) {
                    // the other instance, or again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            sleep(500);
        }
        return null;
    }

    /**
     * The dispatcher's side: a worker whose every alarm has been seen gets her incident resolved,
     * so her next alarm opens a new one; while that happens she does not press.
     */
    private void resolveQuietIncidents() {
        for (AlarmDriver.Worker worker : driver.workers()) {
            AlarmDriver.Press last = worker.last();
            if (last == null || !last.accepted()) {
                continue;
            }
            ConsoleWatcher.Sighting sighting = watcher.sighting(last.alarmId());
            if (sighting == null || resolved.contains(sighting.incident()) || !driver.pauseIfQuiet(worker, watcher::shown)) {
                continue;
            }
            try {
                if (resolve(sighting.incident())) {
                    resolved.add(sighting.incident());
                }
            } finally {
                driver.resume(worker);
            }
        }
    }

    private boolean resolve(UUID incident) {
        List<String> consoles = new ArrayList<>(List.of(stack.dispatchUrl()));
        if (stack.dispatch2 != 0) {
            consoles.add(stack.dispatch2Url());
        }
        for (String console : consoles) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(console + "/api/incidents/" + incident + "/resolve"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + dispatcherToken)
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RESOLVE)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 200 || status == 409) {
                    return true; // 409: finished already
                }
            } catch (IOException e) {
                // the other instance, or next round
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /**
     * Keeps the dispatcher's token fresh (tokens live five minutes): renewed once it is a minute old,
     * so that a Keycloak away for minutes at a time (the whole-stack restarts) leaves several chances.
     */
    private void renewDispatcherToken() {
        if (AlarmDriver.secondsLeft(dispatcherToken) > 240) {
            return;
        }
        try {
            dispatcherToken = api.token("dispatcher1", "dispatcher1-demo");
        } catch (AssertionError | Exception e) {
            // Keycloak is away (a fault): the token has minutes left; next round. (RestAssured
            // throws a refused connection unchecked-style: hence Exception.)
        }
    }

    /** The wall-clock time of a {@link System#nanoTime()} reading. */
    Instant wall(long nanos) {
        return startWall.plusNanos(nanos - startNanos);
    }

    private String at(long nanos) {
        return nanos == 0 ? "-" : wall(nanos).toString();
    }

    static String seconds(Duration duration) {
        if (duration == null) {
            return "-";
        }
        return String.format("%.2f s", duration.toNanos() / 1e9);
    }

    /**
     * The end of a suite: its part of the report (with its duration from {@code suiteStart}, stack
     * start included), the load stopped, the stack stopped. Either may be missing when the start failed.
     */
    static void end(ReliabilityRun run, RunningStack stack, long suiteStart) throws Exception {
        try {
            if (run != null) {
                run.writeReport(Duration.ofNanos(System.nanoTime() - suiteStart));
                run.close();
            }
        } finally {
            if (stack != null) {
                stack.stop();
            }
        }
    }

    /**
     * Writes this suite's part of the report (replacing an earlier run's part), with its duration.
     */
    void writeReport(Duration took) throws IOException {
        StringBuilder part = new StringBuilder();
        part.append("<!-- ").append(suite).append(" -->\n");
        part.append("## ").append(suite).append(" (").append(startWall.truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(", ").append(seconds(took)).append(" in total, stack start included)\n\n");
        part.append("| fault | accepted | shown | duplicates | failed answers | worst client wait | recovery"
                + " | worst delay after recovery | worst delay, raised after recovery | result |\n");
        part.append("|---|---|---|---|---|---|---|---|---|---|\n");
        synchronized (rows) {
            rows.forEach(r -> part.append(r.markdown()).append('\n'));
        }
        part.append('\n');
        synchronized (notes) {
            notes.forEach(n -> part.append("- ").append(n).append('\n'));
        }
        part.append("- presses: ").append(driver.presses().size()).append(", console reconnects: ")
                .append(watcher.reconnects()).append('\n');
        part.append("<!-- /").append(suite).append(" -->\n");
        String existing = Files.exists(REPORT) ? Files.readString(REPORT, StandardCharsets.UTF_8)
                : "# Reliability suites: measured\n\nWritten by FaultIT and FailoverIT; the numbers for docs/reliability.md.\n\n";
        Pattern own = Pattern.compile("<!-- " + suite + " -->.*?<!-- /" + suite + " -->\n", Pattern.DOTALL);
        String updated = own.matcher(existing).find() ? own.matcher(existing).replaceFirst(Matcher.quoteReplacement(part.toString()))
                : existing + part + "\n";
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, updated, StandardCharsets.UTF_8);
        System.out.println(part);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
        logins.shutdownNow();
        driver.close();
        watcher.close();
    }
}
