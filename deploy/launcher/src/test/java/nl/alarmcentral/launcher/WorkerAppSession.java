package nl.alarmcentral.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The worker app's browser session without a browser: signs in as the app does (its
 * {@code /app/login} through Keycloak's login form, an HTTP client keeping the cookies), learns
 * the CSRF token from {@code /app/session}, and raises alarms the way the page does (session
 * cookie, {@code X-CSRF-Token}, same {@code Origin}). Used where a suite needs a signed-in app while
 * Keycloak is away, without depending on Chromium.
 *
 * <p>The cookie jar is this class's own: Keycloak marks its cookies {@code Secure} even on
 * http://localhost (a browser's "potentially trustworthy" origin), which the JDK's cookie manager
 * would then never send over http.
 */
final class WorkerAppSession {

    private static final Pattern LOGIN_FORM = Pattern.compile("<form[^>]*id=\"kc-form-login\"[^>]*>");
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

    private final String app;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(3)).build();
    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private String csrf;
    /** When the sign-in completed ({@link System#nanoTime()}). */
    private long signedInAt;

    private WorkerAppSession(String app) {
        this.app = app;
    }

    /** Signs in to the worker app at this base URL through Keycloak's login form. */
    static WorkerAppSession signIn(String app, String username, String password) throws IOException, InterruptedException {
        WorkerAppSession session = new WorkerAppSession(app);
        HttpResponse<String> page = session.follow(session.get(app + "/app/login"));
        Matcher form = LOGIN_FORM.matcher(page.body());
        if (!form.find()) {
            throw new AssertionError("No Keycloak login form at " + page.uri() + " (HTTP " + page.statusCode() + ")");
        }
        Matcher action = ACTION.matcher(form.group());
        if (!action.find()) {
            throw new AssertionError("Keycloak's login form has no action");
        }
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> landed = session.follow(session.send(HttpRequest.newBuilder(URI.create(action.group(1).replace("&amp;", "&")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))));
        if (landed.statusCode() != 200 || !landed.uri().toString().startsWith(app)) {
            throw new AssertionError("Signing in ended at " + landed.uri() + " with HTTP " + landed.statusCode());
        }
        HttpResponse<String> state = session.get(app + "/app/session");
        Matcher csrf = CSRF.matcher(state.body());
        if (state.statusCode() != 200 || !csrf.find()) {
            throw new AssertionError("The app's session is not signed in: HTTP " + state.statusCode());
        }
        session.csrf = csrf.group(1);
        session.signedInAt = System.nanoTime();
        return session;
    }

    /** When the sign-in completed ({@link System#nanoTime()}). */
    long signedInAt() {
        return signedInAt;
    }

    /** The request the app's page sends for a press: session cookie, CSRF token, its own origin. */
    HttpRequest alarmRequest(UUID clientRef) {
        return HttpRequest.newBuilder(URI.create(app + "/api/alarms")).timeout(AlarmDriver.REQUEST_TIMEOUT)
                .header("Cookie", cookieHeader()).header("X-CSRF-Token", csrf).header("Origin", app)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}")).build();
    }

    /**
     * A call as the app's page makes it (session cookie, CSRF token, its own origin), with a JSON body
     * or none, and extra headers (name, value, ...); cookies the answer sets are kept.
     */
    HttpResponse<String> call(String method, String path, String json, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(app + path)).header("X-CSRF-Token", csrf)
                .header("Origin", app).method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request);
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookieHeader());
        }
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("Set-Cookie")) {
            keep(setCookie);
        }
        return response;
    }

    /** Follows redirects (a few at most), keeping cookies on the way. */
    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            String location = response.headers().firstValue("Location").orElseThrow();
            response = get(response.uri().resolve(location).toString());
        }
        return response;
    }

    private void keep(String setCookie) {
        String[] parts = setCookie.split(";");
        int equals = parts[0].indexOf('=');
        if (equals <= 0) {
            return;
        }
        String name = parts[0].substring(0, equals).trim();
        String value = parts[0].substring(equals + 1).trim();
        boolean expired = value.isEmpty();
        for (int i = 1; i < parts.length; i++) {
            String attribute = parts[i].trim().toLowerCase();
            if (attribute.equals("max-age=0") || attribute.startsWith("expires=thu, 01 jan 1970")) {
                expired = true;
            }
        }
        if (expired) {
            cookies.remove(name);
        } else {
            cookies.put(name, value);
        }
    }

    private String cookieHeader() {
        return cookies.entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }
}
