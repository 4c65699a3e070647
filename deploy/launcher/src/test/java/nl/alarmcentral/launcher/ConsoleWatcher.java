package nl.alarmcentral.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What the dispatchers see: one dispatcher's live list on every dispatch console of the stack
 * ({@code /ws/incidents}, docs/console-api.md, with a bearer token as tools connect), recording per
 * alarm id when a console first showed it. An alarm shows when a frame of an incident that is not
 * finished names it as its latest alarm; when a frame counts more alarms than the watcher has seen
 * of that incident (several alarms of one worker changed it at once), the incident's alarms are
 * read through the dispatcher API and the ones not seen yet count as shown when that answer
 * arrives (a little later than the frame, never earlier).
 *
 * <p>A console that loses its connection (its instance was killed or restarted) connects again
 * every {@link #RECONNECT_EVERY}, and its token is renewed with an overlapping connection before the
 * server would close it. On two instances both consoles are watched; the first to show an alarm
 * counts.
 */
final class ConsoleWatcher implements AutoCloseable {

    /** How soon a lost console connects again (the console page's first step). */
    static final Duration RECONNECT_EVERY = Duration.ofMillis(500);
    /** A console connection is replaced with one on a fresh token this often (tokens live five minutes). */
    private static final Duration RENEW_EVERY = Duration.ofMinutes(2);
    private static final Set<String> FINISHED = Set.of("RESOLVED", "CLOSED");

    /** One alarm seen on a console: when, which incident, on which console. */
    record Sighting(long at, UUID incident, String console) {
    }

    private final List<Console> consoles;
    private final Supplier<String> dispatcherToken;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "console-watcher");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<UUID, Sighting> shown = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> alarmsOf = new ConcurrentHashMap<>();
    /** Incidents whose latest frame counted more alarms than seen, with the console that said so. */
    private final Map<UUID, String> toRead = new ConcurrentHashMap<>();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile boolean closed;

    ConsoleWatcher(List<String> consoleUrls, Supplier<String> dispatcherToken) {
        this.consoles = consoleUrls.stream().map(Console::new).toList();
        this.dispatcherToken = dispatcherToken;
    }

    /** Connects every console and waits (bounded) until each has its first snapshot. */
    void start(Duration timeout) throws InterruptedException {
        consoles.forEach(this::connect);
        timer.scheduleWithFixedDelay(AlarmDriver.keepGoing(this::readCountedIncidents), 200, 200, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(AlarmDriver.keepGoing(this::renewAll), RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consoles.stream().anyMatch(c -> !c.live) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (consoles.stream().anyMatch(c -> !c.live)) {
            throw new AssertionError("A console did not connect within " + timeout.toSeconds() + " s");
        }
    }

    /** When and where the alarm first showed, or null. */
    Sighting sighting(UUID alarmId) {
        return shown.get(alarmId);
    }

    boolean shown(UUID alarmId) {
        return shown.containsKey(alarmId);
    }

    /** How often a console lost its connection and connected again. */
    int reconnects() {
        return reconnects.get();
    }

    private final class Console {
        final String url;
        volatile WebSocket current;
        volatile boolean live;

        Console(String url) {
            this.url = url;
        }
    }

    private void connect(Console console) {
        if (closed) {
            return;
        }
        URI uri = URI.create(console.url.replaceFirst("^http", "ws") + "/ws/incidents");
        CompletableFuture<WebSocket> opening;
        try {
            opening = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(3))
                    .header("Authorization", "Bearer " + dispatcherToken.get()).buildAsync(uri, new Listener(console));
        } catch (RuntimeException e) {
            reconnectLater(console);
            return;
        }
        opening.whenComplete((socket, failure) -> {
            if (failure != null) {
                reconnectLater(console);
                return;
            }
            WebSocket previous = console.current;
            console.current = socket;
            console.live = true;
            if (previous != null) {
                previous.sendClose(WebSocket.NORMAL_CLOSURE, "renewed").exceptionally(gone -> null);
            }
        });
    }

    private void reconnectLater(Console console) {
        if (!closed) {
            timer.schedule(AlarmDriver.keepGoing(() -> connect(console)), RECONNECT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A fresh connection (fresh token) per console, opened before the old one is closed. */
    private void renewAll() {
        consoles.stream().filter(c -> c.live).forEach(this::connect);
    }

    private final class Listener implements WebSocket.Listener {
        private final Console console;
        private final StringBuilder frame = new StringBuilder();

        Listener(Console console) {
            this.console = console;
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            frame.append(data);
            if (last) {
                long at = System.nanoTime();
                String text = frame.toString();
                frame.setLength(0);
                onFrame(text, at, console.url);
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            lost(socket);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            lost(socket);
        }

        private void lost(WebSocket socket) {
            // A replaced connection closes on purpose; only the current one is reconnected.
            if (socket == console.current || console.current == null) {
                console.live = false;
                console.current = null;
                reconnects.incrementAndGet();
                reconnectLater(console);
            }
        }
    }

    private void onFrame(String text, long at, String console) {
        try {
            JsonNode frame = json.readTree(text);
            switch (frame.path("type").asText()) {
                case "snapshot" -> frame.path("incidents").forEach(summary -> onSummary(summary, at, console));
                case "incident" -> onSummary(frame.path("incident"), at, console);
                default -> {
                    // other frames (a banner, say) name no alarm
                }
            }
        } catch (Exception e) {
            System.out.println("[console] unreadable frame: " + e.getMessage());
        }
    }

    private void onSummary(JsonNode summary, long at, String console) {
        if (FINISHED.contains(summary.path("status").asText())) {
            return; // a finished incident leaves the list: nobody sees its alarms there
        }
        UUID incident = UUID.fromString(summary.path("id").asText());
        if (summary.hasNonNull("lastAlarmId")) {
            seen(UUID.fromString(summary.path("lastAlarmId").asText()), incident, at, console);
        }
        if (summary.path("alarmCount").asInt() > alarmsOf.getOrDefault(incident, Set.of()).size()) {
            toRead.put(incident, console);
        }
    }

    private void seen(UUID alarm, UUID incident, long at, String console) {
        alarmsOf.computeIfAbsent(incident, i -> ConcurrentHashMap.newKeySet()).add(alarm);
        shown.putIfAbsent(alarm, new Sighting(at, incident, console));
    }

    /** Reads the alarms of incidents whose frames counted alarms not seen yet. */
    private void readCountedIncidents() {
        for (Map.Entry<UUID, String> entry : Map.copyOf(toRead).entrySet()) {
            UUID incident = entry.getKey();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(entry.getValue() + "/api/incidents/" + incident))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + dispatcherToken.get()).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    continue; // read again next round
                }
                long at = System.nanoTime();
                toRead.remove(incident, entry.getValue());
                JsonNode view = json.readTree(response.body());
                if (!FINISHED.contains(view.path("status").asText())) {
                    view.path("alarms").forEach(a -> seen(UUID.fromString(a.path("alarmId").asText()), incident, at, entry.getValue()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // the instance is away; read again next round
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        timer.shutdownNow();
        for (Console console : consoles) {
            WebSocket socket = console.current;
            if (socket != null) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(gone -> null);
            }
        }
    }
}
