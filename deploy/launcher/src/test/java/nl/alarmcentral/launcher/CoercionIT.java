package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import nl.alarmcentral.alarm.service.AlarmIds;

/**
 * Issue 13's coercion suite: a duress PIN and a stolen phone reveal nothing to the person holding
 * them. Someone stands next to her and makes her cancel; from then on he holds her phone, watches
 * its screen and tries its API.
 *
 * <p>Each flow (a countdown, a sent alarm, a safety timer's check-in) runs twice at the same time,
 * for two new workers set up alike: one enters her cancel PIN, the other her duress PIN. Everything
 * the phone can observe afterwards is recorded for each: the answer to the PIN itself, the answers
 * to a fixed list of calls the app or a script with her session can make (statuses, headers, bodies,
 * with her own ids, times and tokens replaced by placeholders), and the worker app's page text in
 * Chromium (home, and "Who saw my data"). Both records must be equal, while the dispatcher's API shows
 * the duress of the second worker as a duress incident.
 *
 * <p>The stack runs with a short window for a fresh login ({@link #FRESH_LOGIN}), so the suite sees her
 * sessions outlive it: with the session alone, no sensitive action succeeds
 * ({@link #aValidSessionAloneDoesNoSensitiveAction()}).
 */
class CoercionIT {

    static final String CANCEL_PIN = "2468";
    static final String DURESS_PIN = "13579";
    /** Neither of her PINs. */
    static final String WRONG_PIN = "9753";
    static final String PASSWORD = "coercion-demo-pw";
    /** How long a login counts as fresh in this stack ({@code alarm.step-up.max-age}; 5 minutes by default). */
    static final Duration FRESH_LOGIN = Duration.ofSeconds(15);
    /**
     * What "timing within the noise" (issue 13) allows between the answers to the two PINs, as the
     * phone measures them. Only the PIN request is timed: the test's own wait for dispatch to open
     * the incident is nothing the phone sees. On two loaded cores one answer may take a few hundred
     * ms more than another whichever PIN it carries; the tell this guards against is work done only
     * for a duress before answering (a publish awaited: seconds while the broker is slow).
     */
    static final Duration SAME_TIME_WITHIN = Duration.ofMillis(1000);
    /** The dispatcher's side must show a duress within this. */
    static final Duration DURESS_SHOWN = Duration.ofSeconds(20);

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern CLOCK = Pattern.compile("\\b\\d{1,2}:\\d{2}(:\\d{2})?\\b");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern CSRF = Pattern.compile("\"csrfToken\"\\s*:\\s*\"[^\"]+\"");
    /** Headers that differ between any two answers (when, how long, which session cookie value). */
    private static final List<String> VARYING_HEADERS = List.of("date", "content-length");

    private static RunningStack stack;
    private static KeycloakAdmin admin;
    private static SkeletonScenario api;
    private static int workers;

    @BeforeAll
    static void startStack() throws Exception {
        Browser.requireChromium();
        stack = RunningStack.start("coercion-stack", Map.of("ALARM_STEP_UP_MAX_AGE", FRESH_LOGIN.toSeconds() + "s"));
        admin = new KeycloakAdmin(stack.keycloakUrl());
        admin.allowRedirectsTo("worker-app", stack.alarmUrl());
        api = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void aCountdownCancelledWithTheDuressPinLooksLikeOneCancelledWithTheCancelPin() throws Exception {
        comparePhones("countdown", (phone, pin) -> {
            phone.clientRef = phone.mine(UUID.randomUUID(), "clientRef");
            phone.alarmId = phone.mine(AlarmIds.of(phone.workerId, phone.clientRef), "alarmId");
            phone.observePin("the countdown cancel", "POST", "/api/alarms/countdown-cancel",
                    "{\"clientRef\":\"" + phone.clientRef + "\",\"kind\":\"PANIC\",\"pin\":\"" + pin + "\"}");
        });
    }

    @Test
    void aSentAlarmCancelledWithTheDuressPinLooksLikeOneCancelledWithTheCancelPin() throws Exception {
        comparePhones("sent alarm", (phone, pin) -> {
            phone.clientRef = phone.mine(UUID.randomUUID(), "clientRef");
            phone.alarmId = phone.mine(AlarmIds.of(phone.workerId, phone.clientRef), "alarmId");
            HttpResponse<String> press = phone.app.call("POST", "/api/alarms",
                    "{\"kind\":\"PANIC\",\"clientRef\":\"" + phone.clientRef + "\"}");
            assertThat(press.statusCode()).as("the press").isEqualTo(202);
            phone.observe("the press", press);
            // Dispatch opens the incident and fetches her card before she is made to cancel.
            awaitIncident(phone.alarmId, false);
            phone.observePin("the cancel", "POST", "/api/alarms/" + phone.alarmId + "/cancel", "{\"pin\":\"" + pin + "\"}");
        });
    }

    @Test
    void aCheckInConfirmedWithTheDuressPinLooksLikeOneConfirmedWithTheCancelPin() throws Exception {
        comparePhones("timer check-in", (phone, pin) -> {
            HttpResponse<String> started = phone.startTimer("{\"minutes\":30,\"graceMinutes\":5,\"note\":\"Room 12, client says Mark\"}");
            assertThat(started.statusCode()).as("the timer starts").isEqualTo(201);
            phone.timerId = phone.mine(UUID.fromString(jsonField(started.body(), "id")), "timerId");
            phone.alarmId = phone.mine(AlarmIds.of(phone.workerId, phone.timerId), "alarmId");
            phone.observe("the timer started", started);
            phone.observePin("the check-in", "POST", "/api/me/timers/" + phone.timerId + "/confirm", "{\"pin\":\"" + pin + "\"}");
        });
    }

    /**
     * Her session alone (her login older than the fresh-login window, no PIN with the request) does
     * none of the sensitive actions, and changes nothing by trying.
     */
    @Test
    void aValidSessionAloneDoesNoSensitiveAction() throws Exception {
        Phone phone = Phone.create("session");
        phone.setUp();
        HttpResponse<String> started = phone.startTimer("{\"minutes\":30,\"note\":\"Room 7\"}");
        assertThat(started.statusCode()).isEqualTo(201);
        String timerId = jsonField(started.body(), "id");
        String timerBefore = phone.app.call("GET", "/api/me/timers/" + timerId, null).body();
        phone.awaitStaleLogin();

        Map<String, HttpResponse<String>> tried = new LinkedHashMap<>();
        tried.put("set new PINs", phone.app.call("PUT", "/api/me/pins", "{\"cancelPin\":\"8642\",\"duressPin\":\"97531\"}"));
        tried.put("extend the timer", phone.app.call("POST", "/api/me/timers/" + timerId + "/extend", "{\"minutes\":60}"));
        for (String section : List.of("notes", "contacts", "addresses", "export")) {
            tried.put("read " + section, phone.app.call("GET", "/app/registry/me/" + section, null));
        }
        tried.put("replace the notes", phone.app.call("PUT", "/app/registry/me/notes", "{\"safetyNote\":\"changed by someone else\"}"));
        tried.put("replace the contacts", phone.app.call("PUT", "/app/registry/me/contacts", "{\"contacts\":[]}"));
        tried.put("unbind a device", phone.app.call("DELETE", "/app/registry/me/devices/button-of-hers", null));
        tried.put("withdraw", phone.app.call("DELETE", "/app/registry/me", null));
        tried.forEach((action, answer) -> assertThat(answer.statusCode())
                .as("%s with her session alone: %s", action, answer.body()).isIn(401, 403));

        assertThat(admin.userExists(phone.workerId)).as("she is still registered").isTrue();
        assertThat(phone.app.call("GET", "/api/me/timers/" + timerId, null).body()).as("the timer is unchanged")
                .isEqualTo(timerBefore);
        HttpResponse<String> withOldPin = phone.app.call("POST", "/api/me/timers/" + timerId + "/confirm",
                "{\"pin\":\"" + CANCEL_PIN + "\"}");
        assertThat(withOldPin.statusCode()).as("her PINs are unchanged: %s", withOldPin.body()).isEqualTo(200);
    }

    /** One flow, run by two workers set up alike: one with her cancel PIN, one with her duress PIN. */
    @FunctionalInterface
    private interface Flow {
        void run(Phone phone, String pin) throws Exception;
    }

    private static void comparePhones(String name, Flow flow) throws Exception {
        Phone cancelled = Phone.create(name.replace(' ', '-') + "-c");
        Phone duressed = Phone.create(name.replace(' ', '-') + "-d");
        cancelled.setUp();
        duressed.setUp();

        flow.run(cancelled, CANCEL_PIN);
        flow.run(duressed, DURESS_PIN);
        System.out.printf("[coercion] %s: the answer to the cancel PIN took %d ms, to the duress PIN %d ms%n", name,
                cancelled.pinAnswer.toMillis(), duressed.pinAnswer.toMillis());

        Map<String, Object> incident = awaitIncident(duressed.alarmId, true);
        assertThat(incident.get("duress")).as("the dispatcher sees the duress").isEqualTo(true);
        assertThat(incidentOf(cancelled.alarmId)).as("the cancel PIN raised no duress")
                .noneMatch(i -> Boolean.TRUE.equals(i.get("duress")));

        for (Phone phone : List.of(cancelled, duressed)) {
            phone.awaitStaleLogin();
            phone.observePages();
            phone.observeAfterwards();
        }
        assertThat(duressed.record).as("what the phone shows after the duress PIN, against the cancel PIN (" + name + ")")
                .containsExactlyElementsOf(cancelled.record);
        assertThat(duressed.pinAnswer.minus(cancelled.pinAnswer).abs())
                .as("the answer to the duress PIN takes about as long as to the cancel PIN").isLessThan(SAME_TIME_WITHIN);
    }

    /** A worker's phone: her account, the app's session on it, and everything it showed. */
    private static final class Phone {
        final String username;
        final String workerId;
        final WorkerAppSession app;
        /** Her own values (ids, names) and the placeholder each becomes in the record. */
        final Map<String, String> hers = new LinkedHashMap<>();
        final List<String> record = new ArrayList<>();
        UUID clientRef;
        UUID alarmId;
        UUID timerId;
        /** How long the answer to her PIN took, as the phone measures it. */
        Duration pinAnswer;

        private Phone(String username, String workerId, WorkerAppSession app) {
            this.username = username;
            this.workerId = workerId;
            this.app = app;
            hers.put(workerId, "<worker>");
            hers.put(username, "<username>");
        }

        static Phone create(String role) throws Exception {
            String username = "coerce-" + role + "-" + (++workers) + "-" + UUID.randomUUID().toString().substring(0, 6);
            String workerId = admin.createWorker(username, PASSWORD);
            return new Phone(username, workerId, WorkerAppSession.signIn(stack.alarmUrl(), username, PASSWORD));
        }

        /** What every worker does first: her working name, her consents, her PINs (all just after signing in). */
        void setUp() throws Exception {
            String workingName = "Nova" + UUID.randomUUID().toString().substring(0, 6);
            hers.put(workingName, "<workingName>");
            expect(200, app.call("PUT", "/app/registry/me/profile", "{\"workingName\":\"" + workingName + "\"}"), "her profile");
            for (String consent : List.of("ALARM_SERVICE", "SHARE_NOTES")) {
                expect(200, app.call("PUT", "/app/registry/me/consents/" + consent, "{\"granted\":true,\"textVersion\":\"v1\"}"),
                        "her consent " + consent);
            }
            HttpResponse<String> pins = app.call("PUT", "/api/me/pins",
                    "{\"cancelPin\":\"" + CANCEL_PIN + "\",\"duressPin\":\"" + DURESS_PIN + "\"}");
            assertThat(pins.statusCode()).as("her PINs: %s", pins.body()).isBetween(200, 204);
        }

        /**
         * Starts a safety timer with a note. The note is sealed to her key, which alarm-service learns
         * from her registration on worker.registrations moments after setUp saved it; until then the
         * note is refused (409) and nothing is stored, so she tries again, as the app tells her to.
         */
        HttpResponse<String> startTimer(String body) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            HttpResponse<String> started = app.call("POST", "/api/me/timers", body);
            while (started.statusCode() == 409 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                started = app.call("POST", "/api/me/timers", body);
            }
            return started;
        }

        UUID mine(UUID value, String placeholder) {
            hers.put(value.toString(), "<" + placeholder + ">");
            return value;
        }

        /** Waits until her login is older than the stack's fresh-login window. */
        void awaitStaleLogin() throws InterruptedException {
            long staleAt = app.signedInAt() + FRESH_LOGIN.plusSeconds(2).toNanos();
            long wait = staleAt - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000 + 1);
            }
        }

        /**
         * A fixed list of calls the app or a script with her session can make, each answer recorded:
         * first everything that only reads, then what could change something, the retried press last
         * (after a cancelled countdown it must not raise anything, but if it did, it must not hide an
         * earlier difference).
         */
        void observeAfterwards() throws Exception {
            observe("session", app.call("GET", "/app/session", null));
            observe("PINs set?", app.call("GET", "/api/me/pins", null));
            observe("timers", app.call("GET", "/api/me/timers", null));
            if (timerId != null) {
                observe("the timer", app.call("GET", "/api/me/timers/" + timerId, null));
            }
            for (String section : List.of("profile", "notes", "addresses", "procedure", "contacts", "consents", "export",
                    "disclosures", "devices")) {
                observe("registry " + section, app.call("GET", "/app/registry/me/" + section, null));
            }
            if (alarmId != null) {
                observe("cancel the alarm", app.call("POST", "/api/alarms/" + alarmId + "/cancel", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
                observe("a wrong PIN", app.call("POST", "/api/alarms/" + alarmId + "/cancel", "{\"pin\":\"" + WRONG_PIN + "\"}"));
            }
            if (timerId != null) {
                observe("confirm again", app.call("POST", "/api/me/timers/" + timerId + "/confirm", "{\"pin\":\"" + CANCEL_PIN + "\"}"));
                observe("extend", app.call("POST", "/api/me/timers/" + timerId + "/extend", "{\"minutes\":60}"));
            }
            if (clientRef != null) {
                observe("countdown cancel again", app.call("POST", "/api/alarms/countdown-cancel",
                        "{\"clientRef\":\"" + clientRef + "\",\"kind\":\"PANIC\",\"pin\":\"" + CANCEL_PIN + "\"}"));
            }
            observe("set new PINs", app.call("PUT", "/api/me/pins", "{\"cancelPin\":\"8642\",\"duressPin\":\"97531\"}"));
            if (clientRef != null) {
                observe("the press again", app.call("POST", "/api/alarms", "{\"kind\":\"PANIC\",\"clientRef\":\"" + clientRef + "\"}"));
            }
        }

        /** The worker app in Chromium, as he would open it on her phone: the home screen and "Who saw my data". */
        void observePages() throws Exception {
            ChromeDriver browser = Browser.phone("en");
            try {
                Browser.signIn(browser, stack.alarmUrl(), username, PASSWORD);
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
                Thread.sleep(2500); // the timer list and the rest of the screen settle
                record.add("page: home\n" + normalise(visibleText(browser)));
                browser.get(stack.alarmUrl() + "/#disclosures");
                wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("view-disclosures")));
                Thread.sleep(1500);
                record.add("page: who saw my data\n" + normalise(visibleText(browser)));
            } finally {
                browser.quit();
            }
        }

        /** Sends her PIN as the app does, times the answer and records it. */
        void observePin(String label, String method, String path, String json) throws Exception {
            long start = System.nanoTime();
            HttpResponse<String> answer = app.call(method, path, json);
            pinAnswer = Duration.ofNanos(System.nanoTime() - start);
            observe(label, answer);
        }

        void observe(String label, HttpResponse<String> answer) {
            Map<String, String> headers = new TreeMap<>();
            answer.headers().map().forEach((name, values) -> {
                String lower = name.toLowerCase();
                if (!VARYING_HEADERS.contains(lower)) {
                    headers.put(lower, lower.equals("set-cookie") ? values.stream().map(Phone::cookieShape).toList().toString()
                            : String.join(", ", values));
                }
            });
            record.add(label + ": HTTP " + answer.statusCode() + "\n" + normalise(headers.toString()) + "\n"
                    + normalise(CSRF.matcher(answer.body()).replaceAll("\"csrfToken\":\"<csrf>\"")));
        }

        /** A Set-Cookie without its value: which cookie, with which attributes. */
        private static String cookieShape(String setCookie) {
            int equals = setCookie.indexOf('=');
            int end = setCookie.indexOf(';');
            return equals < 0 ? setCookie
                    : setCookie.substring(0, equals) + "=<value>" + (end < 0 ? "" : setCookie.substring(end))
                            .replaceAll("(?i)expires=[^;]+", "Expires=<time>");
        }

        String normalise(String text) {
            String result = text;
            for (Map.Entry<String, String> own : hers.entrySet()) {
                result = result.replace(own.getKey(), own.getValue());
            }
            result = INSTANT.matcher(result).replaceAll("<time>");
            result = CLOCK.matcher(result).replaceAll("<clock>");
            return UUID_TEXT.matcher(result).replaceAll("<uuid>");
        }

        private static String visibleText(ChromeDriver browser) {
            return (String) ((JavascriptExecutor) browser).executeScript("return document.body.innerText;");
        }

        private static void expect(int status, HttpResponse<String> answer, String what) {
            assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(status);
        }
    }

    /** Waits until the dispatcher's API shows an active incident with this alarm (and, if asked, its duress). */
    private static Map<String, Object> awaitIncident(UUID alarmId, boolean duress) throws InterruptedException {
        long deadline = System.nanoTime() + DURESS_SHOWN.toNanos();
        List<Map<String, Object>> found = List.of();
        while (System.nanoTime() < deadline) {
            found = incidentOf(alarmId);
            for (Map<String, Object> incident : found) {
                if (!duress || Boolean.TRUE.equals(incident.get("duress"))) {
                    return incident;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No " + (duress ? "duress " : "") + "incident with alarm " + alarmId + " within "
                + DURESS_SHOWN + "; found " + found);
    }

    /** The dispatcher's active incidents that hold this alarm. */
    private static List<Map<String, Object>> incidentOf(UUID alarmId) {
        String dispatcher = api.token("dispatcher1", "dispatcher1-demo");
        List<Map<String, Object>> active = given().auth().oauth2(dispatcher).when().get(stack.dispatchUrl() + "/api/incidents")
                .then().statusCode(200).extract().jsonPath().getList("");
        return active.stream().filter(i -> ((List<?>) i.get("alarms")).stream()
                .anyMatch(a -> alarmId.toString().equals(String.valueOf(((Map<?, ?>) a).get("alarmId"))))).toList();
    }

    private static String jsonField(String json, String field) {
        java.util.regex.Matcher value = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new AssertionError("No " + field + " in " + json);
        }
        return value.group(1);
    }
}
