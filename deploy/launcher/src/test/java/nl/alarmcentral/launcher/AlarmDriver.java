package nl.alarmcentral.launcher;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Alarms through the public API at a steady, bounded rate, as the phones of a pool of test workers
 * would send them during a fault: each press has a fresh {@code clientRef}, and its client retries
 * that same {@code clientRef} every second until it gets a {@code 202} (giving up after
 * {@link #GIVE_UP_AFTER}, which the suites report as a failure). Per press it records the first
 * attempt, the {@code 202}, the alarm id, the number of attempts and every answer seen; an answer a
 * worker must never get (a 500, a 503 without {@code Retry-After}, a refusal other than an expired
 * token) is kept as a failure of that press.
 *
 * <p>The workers are created in Keycloak for the run (role worker, a registration with a working
 * name, consent to share it); their tokens come by password grant through the demo-cli client and
 * are renewed well before they expire (also after a {@code 401}). The driver knows which presses of
 * each worker are still outstanding, so that a dispatcher resolving her incident
 * ({@link ReliabilityRun}) never resolves an alarm nobody has seen: {@link #pauseIfQuiet}.
 */
final class AlarmDriver implements AutoCloseable {

    /** How often a client repeats a press that has no {@code 202} yet. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(1);
    /** When a client stops trying (the suite fails such a press). */
    static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);
    /** One request's limit; a hanging request counts as an attempt without answer. */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * Bound on presses waiting for their {@code 202} at once (each retrying every second): beyond it
     * new presses are not started and counted as skipped, which fails the phase.
     */
    static final int MAX_WAITING = 600;
    /**
     * Tokens are renewed when they have less than this left (the realm's tokens live five minutes):
     * early, so that Keycloak away for a minute or two (a fault) leaves several chances.
     */
    private static final long RENEW_BEFORE_SECONDS = 200;

    private static final Pattern ALARM_ID = Pattern.compile("\"alarmId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern EXPIRY = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    /** A test worker of the pool, with what the driver and the dispatcher need to know of her. */
    static final class Worker {
        final String id;
        final String username;
        final String password;
        private volatile String token;
        private final List<Press> outstanding = new ArrayList<>();
        private boolean paused;
        private volatile Press last;

        Worker(String id, String username, String password) {
            this.id = id;
            this.username = username;
            this.password = password;
        }

        /** Her latest press, or null. */
        Press last() {
            return last;
        }
    }

    /** One press of the alarm button: one {@code clientRef}, tried until it gets a {@code 202}. */
    static final class Press {
        final UUID clientRef = UUID.randomUUID();
        /** Whose press: a pool worker's username, or another label (the signed-in app). */
        final String who;
        final long firstAttempt = System.nanoTime();
        private final Function<UUID, HttpRequest> request;
        private volatile long acceptedAt;
        private volatile UUID alarmId;
        private volatile boolean gaveUp;
        private final AtomicInteger attempts = new AtomicInteger();
        private final Map<String, Integer> answers = Collections.synchronizedMap(new LinkedHashMap<>());
        private final Map<String, Integer> failures = Collections.synchronizedMap(new LinkedHashMap<>());

        Press(String who, Function<UUID, HttpRequest> request) {
            this.who = who;
            this.request = request;
        }

        boolean accepted() {
            return alarmId != null;
        }

        /** When the {@code 202} arrived ({@link System#nanoTime()}); 0 without one. */
        long acceptedAt() {
            return acceptedAt;
        }

        UUID alarmId() {
            return alarmId;
        }

        boolean gaveUp() {
            return gaveUp;
        }

        int attempts() {
            return attempts.get();
        }

        /** Every answer seen, counted: {@code 202}, {@code 503}, {@code refused}, {@code timeout}, ... */
        Map<String, Integer> answers() {
            synchronized (answers) {
                return new LinkedHashMap<>(answers);
            }
        }

        /** Answers a worker must never get, counted. */
        Map<String, Integer> failures() {
            synchronized (failures) {
                return new LinkedHashMap<>(failures);
            }
        }

        /** From the first attempt to the {@code 202}. */
        Duration clientWait() {
            return Duration.ofNanos(acceptedAt - firstAttempt);
        }

        private void answer(String what) {
            answers.merge(what, 1, Integer::sum);
        }

        private void failure(String what) {
            failures.merge(what, 1, Integer::sum);
        }
    }

    private final String alarmUrl;
    private final SkeletonScenario api;
    private final List<Worker> workers;
    private final List<Press> presses = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService httpThreads = Executors.newFixedThreadPool(4, daemon("driver-http"));
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(httpThreads).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, daemon("driver-timer"));
    /** Logins on a thread of their own: a Keycloak that is starting may keep one waiting. */
    private final ScheduledExecutorService logins = Executors.newSingleThreadScheduledExecutor(daemon("driver-tokens"));
    private final Map<String, Boolean> renewing = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    /** When presses were not started ({@link System#nanoTime()}). */
    private final List<Long> skipped = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger next = new AtomicInteger();
    private volatile boolean closed;
    /** Presses on every n-th tick of the steady rate only ({@link #pressEvery(int)}). */
    private volatile int everyNthTick = 1;
    private final java.util.concurrent.atomic.AtomicLong ticks = new java.util.concurrent.atomic.AtomicLong();

    AlarmDriver(String alarmUrl, SkeletonScenario api, List<Worker> workers) {
        this.alarmUrl = alarmUrl;
        this.api = api;
        this.workers = List.copyOf(workers);
        for (Worker worker : workers) {
            worker.token = api.token(worker.username, worker.password);
        }
        logins.scheduleWithFixedDelay(keepGoing(this::renewTokens), 10, 10, TimeUnit.SECONDS);
    }

    /**
     * Creates a pool of workers in Keycloak as a coordinator would, each with a registration (a
     * working name, shared with the dispatcher), so that the dispatch card path runs as well.
     */
    static List<Worker> createWorkers(KeycloakAdmin admin, SkeletonScenario api, String prefix, int count) {
        List<Worker> pool = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 6);
        for (int i = 1; i <= count; i++) {
            String username = String.format("%s-%s-%02d", prefix, run, i);
            String password = "pw-" + UUID.randomUUID();
            String id = admin.createWorker(username, password);
            Worker worker = new Worker(id, username, password);
            api.saveProfile(api.token(username, password), "Test " + run + " " + i, null);
            pool.add(worker);
        }
        return pool;
    }

    /** Starts pressing at a steady rate, round the pool, until closed. */
    void start(double perSecond) {
        timer.scheduleAtFixedRate(keepGoing(this::tick), 0, Math.round(1e9 / perSecond), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts one press with a request of the caller's making (another way in, such as the worker
     * app's session), retried and recorded like every other press.
     */
    Press press(String who, Function<UUID, HttpRequest> request) {
        Press press = new Press(who, request);
        presses.add(press);
        waiting.incrementAndGet();
        attempt(press);
        return press;
    }

    /** Every press so far, oldest first. */
    List<Press> presses() {
        synchronized (presses) {
            return new ArrayList<>(presses);
        }
    }

    /**
     * Presses not started between these moments ({@link System#nanoTime()}) because
     * {@link #MAX_WAITING} were waiting already, or every worker was paused.
     */
    long skipped(long from, long to) {
        synchronized (skipped) {
            return skipped.stream().filter(at -> at >= from && at < to).count();
        }
    }

    List<Worker> workers() {
        return workers;
    }

    /**
     * Pauses a worker's pressing when nothing of hers is outstanding: every press of hers has its
     * {@code 202} and has been seen on a console (or was given up). Then her incident can be
     * resolved without hiding an alarm; {@link #resume} lets her press again.
     *
     * @return whether she is paused now
     */
    boolean pauseIfQuiet(Worker worker, Predicate<UUID> shown) {
        synchronized (worker) {
            worker.outstanding.removeIf(p -> p.gaveUp || (p.accepted() && shown.test(p.alarmId)));
            if (!worker.outstanding.isEmpty()) {
                return false;
            }
            worker.paused = true;
            return true;
        }
    }

    void resume(Worker worker) {
        synchronized (worker) {
            worker.paused = false;
        }
    }

    /**
     * From now on presses on every n-th tick of the rate given to {@link #start(double)} only (1: all
     * of them): a lower steady rate for one phase. Ticks left out are not presses, not skips.
     */
    void pressEvery(int n) {
        everyNthTick = Math.max(1, n);
    }

    private void tick() {
        if (closed || ticks.incrementAndGet() % everyNthTick != 0) {
            return;
        }
        if (waiting.get() >= MAX_WAITING) {
            skipped.add(System.nanoTime());
            return;
        }
        for (int tries = 0; tries < workers.size(); tries++) {
            Worker worker = workers.get(Math.floorMod(next.getAndIncrement(), workers.size()));
            Press press;
            synchronized (worker) {
                if (worker.paused) {
                    continue;
                }
                press = new Press(worker.username, clientRef -> bearerRequest(worker, clientRef));
                worker.outstanding.add(press);
                worker.last = press;
            }
            presses.add(press);
            waiting.incrementAndGet();
            attempt(press);
            return;
        }
        skipped.add(System.nanoTime()); // every worker paused at once: counted, never hidden
    }

    private HttpRequest bearerRequest(Worker worker, UUID clientRef) {
        return HttpRequest.newBuilder(URI.create(alarmUrl + "/api/alarms")).timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + worker.token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")).build();
    }

    private void attempt(Press press) {
        if (closed) {
            return;
        }
        if (System.nanoTime() - press.firstAttempt > GIVE_UP_AFTER.toNanos()) {
            press.gaveUp = true;
            waiting.decrementAndGet();
            return;
        }
        press.attempts.incrementAndGet();
        HttpRequest request;
        try {
            request = press.request.apply(press.clientRef);
        } catch (RuntimeException e) {
            press.answer("no request: " + e.getClass().getSimpleName());
            retryLater(press);
            return;
        }
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            try {
                if (failure != null) {
                    press.answer(describe(failure));
                    retryLater(press);
                } else {
                    answered(press, response);
                }
            } catch (RuntimeException e) {
                press.answer("unexpected: " + e.getClass().getSimpleName());
                retryLater(press);
            }
        });
    }

    private void answered(Press press, HttpResponse<String> response) {
        int status = response.statusCode();
        press.answer(String.valueOf(status));
        if (status == 202) {
            Matcher id = ALARM_ID.matcher(response.body());
            if (!id.find()) {
                press.failure("202 without an alarm id");
                retryLater(press);
                return;
            }
            press.acceptedAt = System.nanoTime();
            press.alarmId = UUID.fromString(id.group(1));
            waiting.decrementAndGet();
            return;
        }
        if (status == 503) {
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            boolean problem = response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json");
            if (!retryAfter || !problem) {
                press.failure("503 without " + (retryAfter ? "" : "Retry-After ") + (problem ? "" : "a problem+json body"));
            }
        } else if (status == 401) {
            workers.stream().filter(w -> w.username.equals(press.who)).findFirst().ifPresent(this::renewSoon);
        } else {
            // A 500 (or any other answer that is not "accepted" or "try again") must never reach a worker.
            press.failure("HTTP " + status);
        }
        retryLater(press);
    }

    private void retryLater(Press press) {
        if (!closed) {
            timer.schedule(() -> attempt(press), RETRY_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof ConnectException) && !(cause instanceof HttpTimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "refused";
        }
        return cause instanceof IOException ? "connection lost" : cause.getClass().getSimpleName();
    }

    private void renewTokens() {
        for (Worker worker : workers) {
            if (secondsLeft(worker.token) < RENEW_BEFORE_SECONDS) {
                renew(worker);
            }
        }
    }

    private void renewSoon(Worker worker) {
        if (renewing.putIfAbsent(worker.id, true) == null) {
            logins.execute(() -> {
                try {
                    renew(worker);
                } finally {
                    renewing.remove(worker.id);
                }
            });
        }
    }

    private void renew(Worker worker) {
        try {
            worker.token = api.token(worker.username, worker.password);
        } catch (AssertionError | Exception e) {
            // Keycloak is away (a fault of the suite): the old token serves until the next round.
            // (RestAssured throws a refused connection unchecked-style: hence Exception.)
        }
    }

    /** Seconds until a token expires, from its {@code exp} claim. */
    static long secondsLeft(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXPIRY.matcher(payload);
        return exp.find() ? Long.parseLong(exp.group(1)) - System.currentTimeMillis() / 1000 : 0;
    }

    /**
     * A periodic task that survives its own failure: an executor silently cancels a periodic task
     * that throws once, which would end the load (or the logins) without a word.
     */
    static Runnable keepGoing(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable e) {
                System.out.println("[reliability] a periodic task failed and goes on: " + e);
            }
        };
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        logins.shutdownNow();
        httpThreads.shutdownNow();
    }
}
