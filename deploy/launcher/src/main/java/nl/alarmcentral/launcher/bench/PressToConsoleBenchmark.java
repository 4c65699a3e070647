package nl.alarmcentral.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark of press-to-console latency: from the {@code 202} of {@code POST /api/alarms} (the alarm
 * is durable) to the WebSocket frame that shows the new incident at a connected console
 * ({@code /ws/incidents}, the frame marked {@code "new": true} whose {@code lastAlarmId} is the
 * alarm). Open loop at a fixed rate against a running local stack.
 *
 * <p>Every alarm must open an incident of its own (a worker has one incident at a time; a second
 * alarm would join it). So the benchmark uses a pool of workers of its own ({@code bench-worker-N},
 * created in Keycloak through the admin API if missing), and, like a dispatcher, resolves each
 * incident as soon as it shows; the worker goes back to the pool after that. A frame may arrive
 * before the {@code 202} is read: that counts as 0 ms.
 *
 * <p>The warm-up ({@code --warmup-seconds}, default 300, at {@code --warmup-rate}, default 30/s) lets
 * the services' JIT compile their hot paths first. It runs in rounds: the tokens live five minutes,
 * and the server closes a console whose token expired, so tokens and console are renewed between
 * rounds and before measuring. After the numbers come the seconds in which alarms took longer
 * than the target, to line up with the services' logs. See {@code docs/benchmarks.md}.
 *
 * <p>Run (stack started with deploy/local-stack.sh):
 * {@code java -cp deploy/launcher/target/local-stack.jar nl.alarmcentral.launcher.bench.PressToConsoleBenchmark --rate 50 --seconds 60}
 */
public final class PressToConsoleBenchmark {

    private static final Pattern ALARM_ID = Pattern.compile("\"alarmId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern INCIDENT_ID = Pattern.compile("\"incident\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern LAST_ALARM_ID = Pattern.compile("\"lastAlarmId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern SUMMARY_ID = Pattern.compile("\\{\\s*\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final String RESOLVE = "{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}";

    private final HttpClient http;
    private final Map<String, String> options;
    /** The target's limit: alarms slower than this are listed by second, to find what the slow ones share. */
    private static final long SLOW_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** Longest stretch of load on one set of tokens: they live five minutes, and renewing takes a while. */
    private static final int TOKEN_ROUND_SECONDS = 150;
    /** The pause after renewing tokens, before load resumes. */
    private static final long SETTLE_MILLIS = 8_000;
    private final Map<UUID, Long> accepted = new ConcurrentHashMap<>();
    private final Map<UUID, Long> shown = new ConcurrentHashMap<>();
    private final Map<UUID, String> workerOf = new ConcurrentHashMap<>();
    /** The incident each alarm opened, from its frame (which may come before the alarm's 202 is read). */
    private final Map<UUID, String> incidentOf = new ConcurrentHashMap<>();
    /** Alarms whose incident was resolved (or is being resolved). */
    private final Set<UUID> resolving = ConcurrentHashMap.newKeySet();
    private final List<String> workers = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> freeWorkers = new ConcurrentLinkedQueue<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private volatile String dispatcherToken;

    private PressToConsoleBenchmark(Map<String, String> options) {
        this.options = options;
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(Executors.newFixedThreadPool(8)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>(Map.of("--rate", "50", "--seconds", "60", "--warmup-seconds", "300",
                "--warmup-rate", "30", "--workers", "400", "--alarm", "http://localhost:8081", "--dispatch", "http://localhost:8082",
                "--keycloak", "http://localhost:8180", "--admin-password", "admin"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        PressToConsoleBenchmark benchmark = new PressToConsoleBenchmark(options);
        int rate = Integer.parseInt(options.get("--rate"));
        benchmark.prepare(Integer.parseInt(options.get("--workers")));
        WebSocket console = benchmark.connectConsole();

        // The services' JIT compiles their hot paths during the first minutes of load, at a cost of
        // much of the machine's CPU: measured before that, the numbers say more about compiling.
        int warmup = Integer.parseInt(options.get("--warmup-seconds"));
        int warmupRate = Integer.parseInt(options.get("--warmup-rate"));
        System.out.printf("Warm-up: %d s at %d alarms/s%n", warmup, warmupRate);
        for (int left = warmup; left > 0; left -= TOKEN_ROUND_SECONDS) {
            benchmark.run(warmupRate, Math.min(left, TOKEN_ROUND_SECONDS));
            console = benchmark.renewTokensAndConsole(console);
        }
        int seconds = Integer.parseInt(options.get("--seconds"));
        System.out.printf("Measuring: %d s at %d alarms/s (%d alarms)%n", seconds, rate, rate * seconds);
        Result result = benchmark.run(rate, seconds);
        console.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(closedAlready -> null).join();
        System.out.println(result.report());
        System.exit(result.errors == 0 && result.skipped == 0 && result.missing == 0 ? 0 : 1);
    }

    /** Workers of its own (created if missing) with tokens, and the dispatcher's token. */
    private void prepare(int count) throws Exception {
        String keycloak = options.get("--keycloak");
        String admin = null;
        for (int i = 1; i <= count; i++) {
            if ((i - 1) % 50 == 0) {
                // The master realm's tokens live a minute; creating many workers takes longer.
                admin = token(keycloak, "master", "admin-cli", "admin", options.get("--admin-password"));
            }
            String name = String.format("bench-worker-%03d", i);
            ensureWorker(keycloak, admin, name);
            workers.add(name);
            freeWorkers.add(name);
        }
        renewTokens();
        System.out.printf("%d workers ready; %d open incident(s) resolved first%n", count, resolveOpenIncidents());
    }

    /**
     * Fresh tokens, and a console connected with the dispatcher's fresh token: the console's
     * connection ends when the token it was opened with expires.
     */
    private WebSocket renewTokensAndConsole(WebSocket console) throws Exception {
        renewTokens();
        WebSocket renewed = connectConsole();
        console.sendClose(WebSocket.NORMAL_CLOSURE, "renewed").exceptionally(closedAlready -> null).join();
        // Keycloak goes on working for a few seconds after 400 logins (measured: one to two cores);
        // alarms sent then would measure that, not the central.
        Thread.sleep(SETTLE_MILLIS);
        return renewed;
    }

    /** Fresh tokens for every worker and the dispatcher (they live five minutes; a run takes longer). */
    private void renewTokens() throws Exception {
        String keycloak = options.get("--keycloak");
        for (String name : workers) {
            tokens.put(name, token(keycloak, "alarmcentral", "demo-cli", name, name + "-demo"));
        }
        dispatcherToken = token(keycloak, "alarmcentral", "demo-cli", "dispatcher1", "dispatcher1-demo");
    }

    /**
     * Starts from a quiet central: an incident left open (by an earlier run) would make a new alarm
     * of its worker join it instead of opening one. Resolves every open incident, so run this
     * against a demo stack only.
     */
    private int resolveOpenIncidents() throws Exception {
        String summaries = http.send(HttpRequest.newBuilder(URI.create(options.get("--dispatch") + "/api/incidents/summaries"))
                .header("Authorization", "Bearer " + dispatcherToken).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher id = SUMMARY_ID.matcher(summaries);
        int resolved = 0;
        while (id.find()) {
            http.send(resolveRequest(id.group(1)), HttpResponse.BodyHandlers.discarding());
            resolved++;
        }
        return resolved;
    }

    private HttpRequest resolveRequest(String incidentId) {
        return HttpRequest.newBuilder(URI.create(options.get("--dispatch") + "/api/incidents/" + incidentId + "/resolve"))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + dispatcherToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(RESOLVE)).build();
    }

    private WebSocket connectConsole() {
        URI uri = URI.create(options.get("--dispatch").replaceFirst("^http", "ws") + "/ws/incidents");
        return http.newWebSocketBuilder().header("Authorization", "Bearer " + dispatcherToken)
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            onFrame(frame.toString(), System.nanoTime());
                            frame.setLength(0);
                        }
                        socket.request(1);
                        return null;
                    }
                }).join();
    }

    /**
     * A new incident on the console: note when, and resolve it as a dispatcher would. The frame can
     * come before the client has read the alarm's 202 (then it counts as 0 ms).
     */
    private void onFrame(String frame, long at) {
        if (!frame.contains("\"type\":\"incident\"") || !frame.contains("\"new\":true")) {
            return;
        }
        Matcher alarm = LAST_ALARM_ID.matcher(frame);
        Matcher incident = INCIDENT_ID.matcher(frame);
        if (!alarm.find() || !incident.find()) {
            return;
        }
        UUID alarmId = UUID.fromString(alarm.group(1));
        shown.putIfAbsent(alarmId, at);
        incidentOf.putIfAbsent(alarmId, incident.group(1));
        resolveWhenKnown(alarmId);
    }

    /** Resolves the alarm's incident once both its 202 and its frame are here, and frees the worker. */
    private void resolveWhenKnown(UUID alarmId) {
        String worker = workerOf.get(alarmId);
        String incident = incidentOf.get(alarmId);
        if (worker == null || incident == null || !resolving.add(alarmId)) {
            return; // not ours, not complete yet, or done already
        }
        http.sendAsync(resolveRequest(incident), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> freeWorkers.add(worker));
    }

    private Result run(int rate, int seconds) throws Exception {
        accepted.clear();
        shown.clear();
        List<UUID> sentAlarms = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger noFreeWorker = new AtomicInteger();
        URI alarms = URI.create(options.get("--alarm") + "/api/alarms");
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        int total = rate * seconds;
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        ticker.scheduleAtFixedRate(() -> {
            if (started.getAndIncrement() >= total) {
                allStarted.complete(null);
                return;
            }
            String worker = freeWorkers.poll();
            if (worker == null) {
                noFreeWorker.incrementAndGet();
                return;
            }
            HttpRequest request = HttpRequest.newBuilder(alarms).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + tokens.get(worker)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"PANIC\",\"clientRef\":\"" + UUID.randomUUID() + "\"}"))
                    .build();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                long at = System.nanoTime();
                Matcher id = failure == null ? ALARM_ID.matcher(response.body()) : null;
                if (failure != null || response.statusCode() != 202 || !id.find()) {
                    errors.incrementAndGet();
                    freeWorkers.add(worker);
                    return;
                }
                UUID alarmId = UUID.fromString(id.group(1));
                accepted.put(alarmId, at);
                workerOf.put(alarmId, worker);
                resolveWhenKnown(alarmId);
                sentAlarms.add(alarmId);
            }));
        }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        allStarted.get(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        // Frames still on their way get a few seconds; later than that counts as missing.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && !shown.keySet().containsAll(sentAlarms)) {
            Thread.sleep(100);
        }
        List<Long> latencies = new ArrayList<>();
        Map<Instant, Integer> slowBySecond = new TreeMap<>();
        int early = 0;
        int missing = 0;
        for (UUID alarmId : sentAlarms) {
            Long frameAt = shown.get(alarmId);
            if (frameAt == null) {
                missing++;
                continue;
            }
            long latency = frameAt - accepted.get(alarmId);
            if (latency < 0) {
                early++;
            }
            if (latency > SLOW_NANOS) {
                slowBySecond.merge(wallClock(accepted.get(alarmId)), 1, Integer::sum);
            }
            latencies.add(Math.max(0, latency));
        }
        return new Result(BenchSupport.Latencies.of(latencies), errors.get(), noFreeWorker.get(), missing, early, rate, slowBySecond);
    }

    /** The wall-clock second of a {@link System#nanoTime()} reading, to line slow alarms up with the services' logs. */
    private static Instant wallClock(long nanoTime) {
        long agoNanos = System.nanoTime() - nanoTime;
        return Instant.now().minusNanos(agoNanos).truncatedTo(ChronoUnit.SECONDS);
    }

    private void ensureWorker(String keycloak, String admin, String name) throws Exception {
        String realm = keycloak + "/admin/realms/alarmcentral";
        String body = "{\"username\":\"" + name + "\",\"enabled\":true,\"credentials\":[{\"type\":\"password\",\"value\":\""
                + name + "-demo\",\"temporary\":false}]}";
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(realm + "/users"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() == 409) {
            return; // made by an earlier run
        }
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Cannot create " + name + ": HTTP " + created.statusCode());
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        String role = http.send(HttpRequest.newBuilder(URI.create(realm + "/roles/worker")).header("Authorization", "Bearer " + admin)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        HttpResponse<String> mapped = http.send(HttpRequest.newBuilder(URI.create(realm + "/users/" + userId + "/role-mappings/realm"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + role + "]")).build(), HttpResponse.BodyHandlers.ofString());
        if (mapped.statusCode() != 204) {
            throw new IllegalStateException("Cannot give " + name + " the worker role: HTTP " + mapped.statusCode());
        }
    }

    private String token(String keycloak, String realm, String client, String user, String password) throws Exception {
        return BenchSupport.token(http, keycloak, realm, client, user, password);
    }

    /**
     * @param skipped alarms not sent because every worker of the pool still had an incident on the
     *                console (the console is behind; counted, never hidden)
     */
    private record Result(BenchSupport.Latencies latencies, int errors, int skipped, int missing, int early, int rate,
            Map<Instant, Integer> slowBySecond) {
        String report() {
            if (latencies.count() == 0) {
                return "No alarm reached the console; errors: " + errors + ", missing: " + missing;
            }
            return String.format("alarms %d, errors %d, skipped (no free worker) %d, not shown within 10 s %d, "
                    + "frame before the 202 %d, rate %d/s, press-to-console (ms): %s", latencies.count() + missing, errors,
                    skipped, missing, early, rate, latencies.percentiles())
                    + (slowBySecond.isEmpty() ? "" : "\nalarms over " + SLOW_NANOS / 1_000_000 + " ms by second of the 202 (UTC): " + slowBySecond);
        }
    }
}
