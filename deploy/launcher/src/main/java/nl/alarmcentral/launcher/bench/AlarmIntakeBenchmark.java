package nl.alarmcentral.launcher.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark of alarm intake: {@code POST /api/alarms} at a fixed rate against a running local
 * stack, measuring each request from send to its {@code 202} (which alarm-service answers only
 * once the broker has the event, so this is "latency to durable"). Open loop: requests are started
 * on schedule whatever earlier ones do, so a slow server shows up as latency, not as a lower rate.
 *
 * <p>Run (stack started with deploy/local-stack.sh):
 * {@code java -cp deploy/launcher/target/local-stack.jar nl.alarmcentral.launcher.bench.AlarmIntakeBenchmark --rate 100 --seconds 60}
 */
public final class AlarmIntakeBenchmark {

    private AlarmIntakeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new ConcurrentHashMap<>(Map.of("--rate", "100", "--seconds", "60", "--warmup-seconds", "10",
                "--alarm", "http://localhost:8081", "--keycloak", "http://localhost:8180"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int rate = Integer.parseInt(options.get("--rate"));
        int seconds = Integer.parseInt(options.get("--seconds"));
        int warmup = Integer.parseInt(options.get("--warmup-seconds"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(Executors.newFixedThreadPool(8)).build();
        List<String> tokens = List.of(token(http, options.get("--keycloak"), "worker1", "worker1-demo"),
                token(http, options.get("--keycloak"), "worker2", "worker2-demo"));
        URI alarms = URI.create(options.get("--alarm") + "/api/alarms");

        System.out.printf("Warm-up: %d s at %d alarms/s%n", warmup, rate);
        run(http, alarms, tokens, rate, warmup);
        System.out.printf("Measuring: %d s at %d alarms/s (%d alarms)%n", seconds, rate, rate * seconds);
        Result result = run(http, alarms, tokens, rate, seconds);
        System.out.println(result.report());
        System.exit(result.errors == 0 ? 0 : 1);
    }

    private static Result run(HttpClient http, URI alarms, List<String> tokens, int rate, int seconds) throws Exception {
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        int[] errors = new int[1];
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        int total = rate * seconds;
        int[] sent = new int[1];
        CompletableFuture<Void> allStarted = new CompletableFuture<>();
        ticker.scheduleAtFixedRate(() -> {
            if (sent[0] >= total) {
                allStarted.complete(null);
                return;
            }
            String token = tokens.get(sent[0] % tokens.size());
            sent[0]++;
            HttpRequest request = HttpRequest.newBuilder(alarms).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"SILENT\",\"clientRef\":\"" + UUID.randomUUID() + "\"}"))
                    .build();
            long start = System.nanoTime();
            inFlight.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
                if (failure == null && response.statusCode() == 202) {
                    latencies.add(System.nanoTime() - start);
                } else {
                    synchronized (errors) {
                        errors[0]++;
                    }
                }
            }));
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        allStarted.get(seconds + 60L, TimeUnit.SECONDS);
        ticker.shutdownNow();
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).get(60, TimeUnit.SECONDS);
        return new Result(BenchSupport.Latencies.of(latencies), errors[0], rate, seconds);
    }

    private static String token(HttpClient http, String keycloak, String user, String password) throws Exception {
        return BenchSupport.token(http, keycloak, "alarmcentral", "demo-cli", user, password);
    }

    private record Result(BenchSupport.Latencies latencies, int errors, int rate, int seconds) {
        String report() {
            if (latencies.count() == 0) {
                return "No successful requests; errors: " + errors;
            }
            return String.format("requests %d, errors %d, rate %d/s, latency to durable (ms): %s",
                    latencies.count() + errors, errors, rate, latencies.percentiles());
        }
    }
}
