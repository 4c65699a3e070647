package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import nl.alarmcentral.alarm.service.AlarmIds;

/**
 * The worker app in a real headless Chromium against the local stack with the real Keycloak: she
 * logs in, holds the button, the countdown runs out, she sees "sent", and the alarm is on the
 * topic. Also: it speaks Dutch, English and Spanish, reflows on a narrow screen (what 200% zoom
 * does to a phone), names its controls for a screen reader, and refuses a session request without
 * the CSRF token.
 *
 * <p>No press is dropped (issue 12): the network of the page and of its service worker is taken
 * offline, or the central's answers are replaced by 503s, through the DevTools protocol
 * ({@link ChromeDevTools}); the press stays on the phone (IndexedDB) through a reload, is sent by
 * the service worker after the app is closed, waits for a new sign-in when her session has ended,
 * and reaches the dispatcher exactly once.
 */
@ExtendWith(SharedStack.class)
class WorkerAppBrowserIT {

    private static final String WORKER1 = "3fb648d7-7729-4083-b4ce-d68411edcb17";
    private static final String WORKER2 = "0fae09f1-a131-4b11-90f1-8051a61e0a6d";

    private static final String PENDING = "Not sent yet, retrying. Call 112 if you can.";
    private static final String PENDING_SILENT = "Not saved yet. Trying again.";
    private static final String SIGN_IN_TO_SEND = "Not sent yet. Sign in again to send it. Call 112 if you can.";
    private static final Pattern RECEIVED = Pattern.compile("Received at .+");
    private static final Pattern TRYING = Pattern.compile("Trying for \\d+ s \\(since .+\\)\\.");
    private static final Pattern CLIENT_REF = Pattern.compile("\"clientRef\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    /** What the central answers while it cannot make a press durable (see docs/worker-app.md). */
    private static final ChromeDevTools.Answer UNAVAILABLE = new ChromeDevTools.Answer(503,
            Map.of("Retry-After", "2", "Content-Type", "application/problem+json"),
            "{\"type\":\"urn:alarmcentral:problem:unavailable\",\"title\":\"Unavailable\",\"status\":503}");

    /** What alarm-service answers a sensitive call without a fresh proof (docs/pins-and-timers.md). */
    private static final ChromeDevTools.Answer STEP_UP_REQUIRED = new ChromeDevTools.Answer(403,
            Map.of("Content-Type", "application/problem+json"),
            "{\"type\":\"urn:alarmcentral:problem:step-up-required\",\"title\":\"Confirm it is you\",\"status\":403}");

    private static RunningStack stack;

    @BeforeAll
    static void useTheSharedStack(RunningStack shared) throws Exception {
        Browser.requireChromium();
        stack = shared;
        new KeycloakAdmin(stack.keycloakUrl()).allowRedirectsTo("worker-app", stack.alarmUrl());
    }

    @Test
    void sheLogsInHoldsTheButtonAndTheAlarmIsSent() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "worker1", "worker1-demo");
            assertThat(browser.getTitle()).isEqualTo("Agenda");

            assertThat(browser.findElement(By.id("hold")).getAccessibleName()).isEqualTo("Hold for help");
            hold(browser);

            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("Sent at .+")));
            assertThat(browser.findElement(By.id("status")).getText()).contains("Help is coming");

            List<ConsumerRecord<String, String>> events = alarmEventsOf(WORKER1);
            assertThat(events).isNotEmpty();
            assertThat(events.get(events.size() - 1).value()).contains("\"kind\":\"PANIC\"").contains("\"channel\":\"APP\"");
        } finally {
            browser.quit();
        }
    }

    @Test
    void sheSetsHerPinsCancelsInTheCountdownAndStartsACheckIn() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "worker2", "worker2-demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            browser.findElement(By.cssSelector("#settings summary")).click();
            browser.findElement(By.id("cancel-pin")).sendKeys("2468");
            browser.findElement(By.id("duress-pin")).sendKeys("13579");
            browser.findElement(By.cssSelector("#pins button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "PINs saved."));
            wait.until(ExpectedConditions.textToBe(By.id("pins-state"), "PINs are set."));
            browser.findElement(By.cssSelector("#settings summary")).click();

            int before = alarmEventsOf(WORKER2).size();
            hold(browser);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("countdown-pin"))).sendKeys("2468");
            browser.findElement(By.cssSelector("#countdown button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Cancelled."));
            Thread.sleep(Duration.ofSeconds(12).toMillis()); // past the end of the countdown
            assertThat(alarmEventsOf(WORKER2)).as("a cancelled countdown sends nothing").hasSize(before);

            // A note is sealed to her own key, which alarm-service learns from her registration: she
            // has saved one (here through the registry's API; the registry's pages have their own test).
            SkeletonScenario api = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(),
                    stack.registryUrl());
            api.saveProfile(api.token("worker2", "worker2-demo"), "Wren", null);
            browser.findElement(By.id("timer-minutes")).clear();
            browser.findElement(By.id("timer-minutes")).sendKeys("45");
            browser.findElement(By.id("timer-note")).sendKeys("Hotel room 12");
            java.util.regex.Pattern started = java.util.regex.Pattern.compile("Check-in at .+");
            // Her registration reaches alarm-service through worker.registrations within moments; until
            // then the app says the note cannot be stored yet, and she tries again.
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            do {
                browser.findElement(By.cssSelector("#timer-form button[type=submit]")).click();
                Thread.sleep(1_000);
            } while (!started.matcher(browser.findElement(By.id("status")).getText()).matches() && System.nanoTime() < deadline);
            wait.until(ExpectedConditions.textMatches(By.id("status"), started));
            wait.until(ExpectedConditions.textMatches(By.id("timer-list"), java.util.regex.Pattern.compile("Check in by .+")));
            assertThat(browser.findElement(By.id("timer-list")).getText()).doesNotContain("Hotel room 12");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSessionRequestWithoutTheCsrfTokenIsRefused() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "worker2", "worker2-demo");
            Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/alarms', {method: 'POST', credentials: 'same-origin', headers: {'Content-Type': 'application/json'},"
                            + " body: JSON.stringify({kind: 'PANIC', clientRef: '" + UUID.randomUUID() + "'})})"
                            + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(status).isEqualTo(403L);
        } finally {
            browser.quit();
        }
    }

    @Test
    void itSpeaksDutchEnglishAndSpanishAndFitsANarrowScreen() throws Exception {
        ChromeDriver browser = Browser.phone("nl");
        try {
            logIn(browser, "worker1", "worker1-demo");
            WebElement hold = browser.findElement(By.id("hold"));
            assertThat(hold.getText()).isEqualTo("Vasthouden voor hulp");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");

            browser.findElement(By.cssSelector("#settings summary")).click();
            new Select(browser.findElement(By.id("language"))).selectByValue("es");
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.textToBe(By.cssSelector("#hold .hold-label"), "Mantén pulsado para pedir ayuda"));

            // 200% zoom on a 412-pixel phone leaves 206 CSS pixels: nothing may need sideways scrolling.
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(206, 915));
            assertThat(Browser.sidewaysOverflow(browser)).isLessThanOrEqualTo(0);
            assertThat(browser.findElement(By.id("hold")).isDisplayed()).isTrue();

            // Every control and link has a name a screen reader can read out.
            assertThat(Browser.unnamedControls(browser)).isEmpty();
            assertThat(browser.findElement(By.id("status")).getAttribute("aria-live")).isEqualTo("assertive");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPressWhileOfflineSurvivesAReloadAndIsReceivedOnceWhenOnline() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try (ChromeDevTools devTools = ChromeDevTools.connect(browser)) {
            logIn(browser, "worker1", "worker1-demo");
            awaitServiceWorker(browser, devTools);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));

            devTools.offline(true);
            hold(browser);
            wait.until(ExpectedConditions.textToBe(By.id("status"), PENDING));
            assertThat(browser.findElement(By.id("pending-text")).getText()).isEqualTo(PENDING);
            assertThat(browser.findElement(By.id("pending-since")).getText()).matches(TRYING);
            assertThat(browser.findElement(By.id("pending-call")).getAttribute("href")).isEqualTo("tel:112");
            List<String> kept = keptPresses(browser);
            assertThat(kept).as("the press is kept on the phone").hasSize(1);

            // Still offline: the page comes from the service worker's cache, the press from IndexedDB.
            browser.navigate().refresh();
            wait.until(ExpectedConditions.textToBe(By.id("status"), PENDING));
            assertThat(keptPresses(browser)).isEqualTo(kept);
            assertThat(browser.findElement(By.id("hold")).isDisplayed()).as("she can press again while offline").isTrue();
            browser.manage().window().setSize(new Dimension(206, 915)); // 200% zoom on a phone
            assertThat(Browser.sidewaysOverflow(browser)).isLessThanOrEqualTo(0);
            assertThat(Browser.unnamedControls(browser)).isEmpty();
            browser.manage().window().setSize(new Dimension(412, 915));

            devTools.offline(false);
            wait.until(ExpectedConditions.textMatches(By.id("status"), RECEIVED));
            assertThat(browser.findElement(By.id("pending")).isDisplayed()).isFalse();
            assertThat(keptPresses(browser)).as("removed once the central has it").isEmpty();
            assertThat(alarmsAtDispatcher(WORKER1, kept.get(0))).as("one alarm for the press").isEqualTo(1);
        } finally {
            browser.quit();
        }
    }

    @Test
    void a503IsRetriedWithTheSameClientRefAfterItsRetryAfterUntilTheCentralHasThePress() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try (ChromeDevTools devTools = ChromeDevTools.connect(browser)) {
            logIn(browser, "worker1", "worker1-demo");
            awaitServiceWorker(browser, devTools);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
            int refused = 3;
            List<Long> attempts = new CopyOnWriteArrayList<>(); // when each arrived (ms)
            List<String> clientRefs = new CopyOnWriteArrayList<>();
            devTools.intercept("*/api/alarms", request -> {
                if (!"POST".equals(request.method())) {
                    return null;
                }
                Matcher ref = CLIENT_REF.matcher(String.valueOf(request.body()));
                clientRefs.add(ref.find() ? ref.group(1) : "none");
                attempts.add(System.nanoTime() / 1_000_000);
                return attempts.size() <= refused ? UNAVAILABLE : null;
            });

            hold(browser);
            wait.until(ExpectedConditions.textToBe(By.id("status"), PENDING));
            wait.until(ExpectedConditions.textMatches(By.id("status"), RECEIVED));
            Thread.sleep(2000); // nothing more may be sent once it has arrived

            assertThat(clientRefs).as("every attempt carries the same clientRef").hasSize(refused + 1)
                    .containsOnly(clientRefs.get(0));
            for (int i = 1; i <= refused; i++) {
                assertThat(attempts.get(i) - attempts.get(i - 1)).as("waited for Retry-After: 2 before attempt %d", i + 1)
                        .isGreaterThanOrEqualTo(1900);
            }
            assertThat(keptPresses(browser)).isEmpty();
            assertThat(alarmsAtDispatcher(WORKER1, clientRefs.get(0))).as("one alarm for the press").isEqualTo(1);
        } finally {
            browser.quit();
        }
    }

    @Test
    void theServiceWorkerSendsASilentPressWhenThePhoneIsOnlineAgainAfterTheAppWasClosed() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try (ChromeDevTools devTools = ChromeDevTools.connect(browser)) {
            logIn(browser, "worker2", "worker2-demo");
            awaitServiceWorker(browser, devTools);
            devTools.offline(true);
            browser.findElement(By.id("silent")).click(); // a client in the room: only neutral words
            hold(browser);
            new WebDriverWait(browser, Duration.ofSeconds(40)).until(ExpectedConditions.textToBe(By.id("status"), PENDING_SILENT));
            assertThat(browser.findElement(By.id("pending")).getAttribute("class")).doesNotContain("alert");
            assertThat(browser.findElement(By.id("pending-call")).getAttribute("class")).doesNotContain("danger");
            List<String> kept = keptPresses(browser);
            assertThat(kept).hasSize(1);

            // She closes the app (its only tab), then the phone is online again: only the service
            // worker is left to send it (Background Sync).
            String app = browser.getWindowHandle();
            browser.switchTo().newWindow(WindowType.TAB);
            String other = browser.getWindowHandle();
            browser.switchTo().window(app).close();
            browser.switchTo().window(other);
            devTools.offline(false);
            assertThat(alarmsAtDispatcher(WORKER2, kept.get(0))).as("one alarm for the press").isEqualTo(1);

            browser.get(stack.alarmUrl() + "/");
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
            assertThat(keptPresses(browser)).isEmpty();
            assertThat(browser.findElement(By.id("pending")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aPressAfterHerSessionEndedIsKeptAndSentAsSoonAsSheSignsInAgain() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "worker2", "worker2-demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(40));
            // Her session ends here (as when it expires): the app's session cookies go, Keycloak's stay.
            for (Cookie cookie : browser.manage().getCookies()) {
                if (cookie.getName().startsWith("q_session_web")) {
                    browser.manage().deleteCookie(cookie);
                }
            }
            hold(browser);
            wait.until(ExpectedConditions.textToBe(By.id("status"), SIGN_IN_TO_SEND));
            assertThat(browser.findElement(By.id("pending-text")).getText()).isEqualTo(SIGN_IN_TO_SEND);
            List<String> kept = keptPresses(browser);
            assertThat(kept).as("kept while she is signed out").hasSize(1);

            // Keycloak still knows her, so the sign-in comes straight back to the app, which sends at once.
            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
            wait.until(driver -> !driver.findElements(By.id("username")).isEmpty()
                    || RECEIVED.matcher(driver.findElement(By.id("status")).getText()).matches());
            if (!browser.findElements(By.id("username")).isEmpty()) {
                browser.findElement(By.id("username")).sendKeys("worker2");
                browser.findElement(By.id("password")).sendKeys("worker2-demo");
                browser.findElement(By.id("kc-login")).click();
            }
            wait.until(ExpectedConditions.textMatches(By.id("status"), RECEIVED));
            assertThat(keptPresses(browser)).isEmpty();
            assertThat(alarmsAtDispatcher(WORKER2, kept.get(0))).as("one alarm for the press").isEqualTo(1);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aSensitivePageAsksForHerPinInADialogAndThePinStaysOutOfStorage() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try (ChromeDevTools devTools = ChromeDevTools.connect(browser)) {
            logIn(browser, "worker1", "worker1-demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            // Right after signing in, setting PINs needs no old PIN: the new sign-in is the proof.
            browser.findElement(By.cssSelector("#settings summary")).click();
            browser.findElement(By.id("cancel-pin")).sendKeys("3579");
            browser.findElement(By.id("duress-pin")).sendKeys("86420");
            browser.findElement(By.cssSelector("#pins button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "PINs saved."));
            browser.findElement(By.cssSelector("#settings summary")).click();

            // Her sign-in counts as old: the first answer for her contacts is what alarm-service
            // answers after alarm.step-up.max-age (5 minutes; this test does not wait for it).
            List<String> calls = new CopyOnWriteArrayList<>();
            devTools.intercept("*/app/registry/me/contacts", request -> {
                calls.add(request.method());
                return calls.size() == 1 ? STEP_UP_REQUIRED : null;
            });
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#menu a[href='#contacts']"))).click();

            WebElement dialog = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("step-up")));
            assertThat(browser.findElement(By.id("step-up-title")).getText()).isEqualTo("Enter your PIN to continue");
            assertThat(browser.switchTo().activeElement().getAttribute("id")).as("focus is on the PIN").isEqualTo("step-up-pin");
            assertThat(browser.findElement(By.cssSelector("label[for=step-up-pin]")).getText()).isEqualTo("PIN");
            assertThat(browser.findElement(By.id("step-up-sign-in")).getText()).isEqualTo("Sign in again instead");
            assertThat(browser.findElement(By.id("step-up-sign-in")).getAttribute("href")).endsWith("/app/logout");

            // A wrong PIN is checked by the service (it counts toward the lock) and asked again.
            browser.findElement(By.id("step-up-pin")).sendKeys("1111");
            browser.findElement(By.cssSelector("#step-up-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("step-up-problem"), "Wrong PIN. 4 tries left."));
            assertThat(dialog.isDisplayed()).isTrue();

            browser.findElement(By.id("step-up-pin")).sendKeys("3579");
            browser.findElement(By.cssSelector("#step-up-form button[type=submit]")).click();
            wait.until(ExpectedConditions.attributeToBe(By.id("view-contacts"), "data-loaded", "true"));
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("step-up")));
            assertThat(calls).as("asked, wrong PIN, right PIN").hasSize(3);
            devTools.stopIntercepting();

            String stored = String.valueOf(((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                    + "const all = [JSON.stringify(localStorage), JSON.stringify(sessionStorage)];"
                    + "const open = indexedDB.open('outbox');"
                    + "open.onupgradeneeded = () => open.transaction.abort();"
                    + "open.onerror = () => done(all.join());"
                    + "open.onsuccess = () => { const db = open.result; const names = [...db.objectStoreNames];"
                    + "  if (names.length === 0) return done(all.join());"
                    + "  const tx = db.transaction(names); let left = names.length;"
                    + "  names.forEach((n) => { const q = tx.objectStore(n).getAll();"
                    + "    q.onsuccess = () => { all.push(JSON.stringify(q.result)); if (--left === 0) done(all.join()); }; }); };"));
            assertThat(stored).as("the PIN is kept in the page's memory only").doesNotContain("3579");
        } finally {
            browser.quit();
        }
    }

    private static void logIn(WebDriver browser, String user, String password) {
        Browser.signIn(browser, stack.alarmUrl(), user, password);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
    }

    /** Holds the button as she does (2.5 s, past the 2 s hold); the 10-second countdown starts. */
    private static void hold(WebDriver browser) {
        new Actions(browser).clickAndHold(browser.findElement(By.id("hold"))).pause(Duration.ofMillis(2500)).release().perform();
    }

    /** Waits until the app's service worker runs and the DevTools connection controls its network. */
    private static void awaitServiceWorker(ChromeDriver browser, ChromeDevTools devTools) {
        Object state = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "navigator.serviceWorker.ready.then(r => done(r.active.state), e => done(String(e)));");
        assertThat(state).isIn("activating", "activated");
        devTools.awaitServiceWorker();
    }

    /** The clientRefs of the presses the app keeps on the phone, read straight from IndexedDB. */
    @SuppressWarnings("unchecked")
    private static List<String> keptPresses(WebDriver browser) {
        Object refs = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const open = indexedDB.open('outbox');"
                + "open.onupgradeneeded = () => open.transaction.abort();" // no outbox yet: create nothing
                + "open.onerror = () => done([]);"
                + "open.onsuccess = () => { const db = open.result;"
                + "  const all = db.transaction('presses').objectStore('presses').getAll();"
                + "  all.onsuccess = () => { db.close(); done(all.result.map(p => p.clientRef)); };"
                + "  all.onerror = () => done('unreadable: ' + all.error); };");
        assertThat(refs).isInstanceOf(List.class);
        return (List<String>) refs;
    }

    /**
     * How many alarms with this press's id (derived from the worker and the clientRef, as
     * alarm-service does) the dispatcher API shows, once it shows one (and 2 s later, so that a
     * late repeat would be counted too).
     */
    private static int alarmsAtDispatcher(String workerId, String clientRef) throws InterruptedException {
        String alarmId = AlarmIds.of(workerId, UUID.fromString(clientRef)).toString();
        String dispatcher = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl())
                .token("dispatcher1", "dispatcher1-demo");
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (alarmCount(dispatcher, alarmId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(250);
        }
        Thread.sleep(2000);
        return alarmCount(dispatcher, alarmId);
    }

    private static int alarmCount(String dispatcher, String alarmId) {
        List<Map<String, Object>> incidents = given().auth().oauth2(dispatcher).when().get(stack.dispatchUrl() + "/api/incidents")
                .then().statusCode(200).extract().jsonPath().getList("");
        return (int) incidents.stream()
                .flatMap(incident -> ((List<?>) incident.get("alarms")).stream())
                .filter(alarm -> alarmId.equals(String.valueOf(((Map<?, ?>) alarm).get("alarmId"))))
                .count();
    }

    /** Every event on alarm.events keyed by this worker (read for five seconds from the beginning). */
    private static List<ConsumerRecord<String, String>> alarmEventsOf(String workerId) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.kafkaBootstrap());
        props.put("group.id", "browser-test-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("alarm.events"));
            List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (workerId.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
            return found;
        }
    }
}
