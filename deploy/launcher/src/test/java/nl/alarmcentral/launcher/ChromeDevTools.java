package nl.alarmcentral.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.openqa.selenium.chrome.ChromeDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A second Chrome DevTools Protocol connection to the browser a {@link ChromeDriver} runs, for
 * what ChromeDriver's own {@code executeCdpCommand} cannot reach: a page's service worker is a
 * target of its own, and its requests ignore the page's network emulation and request
 * interception. This connection attaches to every page and service worker of the browser (also
 * those that start later, before their first line runs) and gives each the same network: offline
 * or online ({@code Network.emulateNetworkConditions}), and requests answered by the test
 * ({@code Fetch} domain). Talks to 127.0.0.1 only (ChromeDriver's debugging port).
 */
final class ChromeDevTools implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    private static final List<String> NETWORKED_TYPES = List.of("page", "service_worker");

    /** A request held by the browser, as the test sees it. */
    record Request(String url, String method, String body) {
    }

    /** The answer the test gives a held request instead of the network's. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    /** Attached sessions and their target's type. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "devtools-events");
        thread.setDaemon(true);
        return thread;
    });
    private final WebSocket socket;
    private volatile boolean offline;
    private volatile String interceptPattern;
    /** Answers a held request, or null to let it through to the network. */
    private volatile Function<Request, Answer> interceptor;

    private ChromeDevTools(String webSocketUrl) throws Exception {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(webSocketUrl), new Listener()).get(10, TimeUnit.SECONDS);
        // Every page and service worker, those there now and those to come; a new one waits until
        // it has the current network state.
        call(null, "Target.setAutoAttach", Map.of("autoAttach", true, "waitForDebuggerOnStart", true, "flatten", true));
    }

    /** Connects to the browser of this driver (through its debugging address). */
    static ChromeDevTools connect(ChromeDriver driver) throws Exception {
        Map<?, ?> options = (Map<?, ?>) driver.getCapabilities().getCapability("goog:chromeOptions");
        String address = String.valueOf(options.get("debuggerAddress"));
        HttpResponse<String> version = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + address + "/json/version")).build(),
                HttpResponse.BodyHandlers.ofString());
        String url = new ObjectMapper().readTree(version.body()).path("webSocketDebuggerUrl").asText();
        ChromeDevTools devTools = new ChromeDevTools(url);
        devTools.awaitAttached("page");
        return devTools;
    }

    /** Takes every page and service worker offline, or back online. */
    void offline(boolean offline) {
        this.offline = offline;
        sessions.forEach((session, type) -> {
            if (NETWORKED_TYPES.contains(type)) {
                emulate(session);
            }
        });
    }

    /**
     * Holds every request whose URL matches the pattern (Fetch domain: {@code *} matches anything)
     * from pages and service workers, and answers each with what the function gives, or lets it
     * through when the function gives null.
     */
    void intercept(String urlPattern, Function<Request, Answer> answer) {
        interceptor = answer;
        interceptPattern = urlPattern;
        sessions.forEach((session, type) -> {
            if (NETWORKED_TYPES.contains(type)) {
                enableFetch(session);
            }
        });
    }

    /** Stops holding requests. */
    void stopIntercepting() {
        interceptPattern = null;
        sessions.forEach((session, type) -> {
            if (NETWORKED_TYPES.contains(type)) {
                call(session, "Fetch.disable", Map.of());
            }
        });
    }

    /** Waits until a service worker is attached (it is started and under this connection's control). */
    void awaitServiceWorker() {
        awaitAttached("service_worker");
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).join();
        events.shutdownNow();
    }

    private void awaitAttached(String type) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!sessions.containsValue(type)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No " + type + " target attached; attached: " + sessions.values());
            }
            sleep(50);
        }
    }

    private void emulate(String session) {
        call(session, "Network.enable", Map.of());
        call(session, "Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
    }

    private void enableFetch(String session) {
        call(session, "Fetch.enable", Map.of("patterns", List.of(Map.of("urlPattern", interceptPattern, "requestStage", "Request"))));
    }

    private void attached(JsonNode params) {
        String session = params.path("sessionId").asText();
        String type = params.path("targetInfo").path("type").asText();
        if (NETWORKED_TYPES.contains(type)) {
            if (offline) {
                emulate(session);
            }
            if (interceptPattern != null) {
                enableFetch(session);
            }
        }
        sessions.put(session, type);
        if (params.path("waitingForDebugger").asBoolean()) {
            call(session, "Runtime.runIfWaitingForDebugger", Map.of());
        }
    }

    private void paused(String session, JsonNode params) {
        JsonNode request = params.path("request");
        String body = request.path("postData").asText(null);
        if (body == null && request.has("postDataEntries")) {
            StringBuilder joined = new StringBuilder();
            request.path("postDataEntries").forEach(entry -> joined.append(
                    new String(Base64.getDecoder().decode(entry.path("bytes").asText()), StandardCharsets.UTF_8)));
            body = joined.toString();
        }
        Function<Request, Answer> answer = interceptor;
        Answer given = answer == null ? null
                : answer.apply(new Request(request.path("url").asText(), request.path("method").asText(), body));
        String requestId = params.path("requestId").asText();
        if (given == null) {
            callAsync(session, "Fetch.continueRequest", Map.of("requestId", requestId));
            return;
        }
        List<Map<String, String>> headers = new ArrayList<>();
        given.headers().forEach((name, value) -> headers.add(Map.of("name", name, "value", value)));
        callAsync(session, "Fetch.fulfillRequest", Map.of("requestId", requestId, "responseCode", given.status(),
                "responseHeaders", headers,
                "body", Base64.getEncoder().encodeToString(given.body().getBytes(StandardCharsets.UTF_8))));
    }

    private JsonNode call(String session, String method, Map<String, Object> params) {
        try {
            return callAsync(session, method, params).get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("DevTools " + method + " failed: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<JsonNode> callAsync(String session, String method, Map<String, Object> params) {
        long id = ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        calls.put(id, result);
        try {
            String text = json.writeValueAsString(message);
            synchronized (socket) {
                socket.sendText(text, true).join();
            }
        } catch (IOException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void received(String text) throws IOException {
        JsonNode message = json.readTree(text);
        if (message.has("id")) {
            CompletableFuture<JsonNode> call = calls.remove(message.path("id").asLong());
            if (call != null) {
                if (message.has("error")) {
                    call.completeExceptionally(new IllegalStateException(message.path("error").toString()));
                } else {
                    call.complete(message.path("result"));
                }
            }
            return;
        }
        String method = message.path("method").asText();
        JsonNode params = message.path("params");
        String session = message.path("sessionId").asText(null);
        switch (method) {
            case "Target.attachedToTarget" -> events.execute(() -> attached(params));
            case "Target.detachedFromTarget" -> sessions.remove(params.path("sessionId").asText());
            case "Fetch.requestPaused" -> events.execute(() -> paused(session, params));
            default -> {
                // other events are not needed here
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                try {
                    received(text);
                } catch (IOException e) {
                    System.err.println("Unreadable DevTools message: " + e.getMessage());
                }
            }
            webSocket.request(1);
            return null;
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
