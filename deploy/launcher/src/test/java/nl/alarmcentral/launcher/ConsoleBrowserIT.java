package nl.alarmcentral.launcher;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * The dispatcher console (issue 5's "done when") in real headless Chromium against the local stack
 * with two dispatch-service instances ({@code --extra-dispatch-port}) on one database and Kafka, the
 * real Keycloak and the real registry: a dispatcher is signed in to both consoles; a worker's alarm
 * raised through the API shows on both screens within 2 s with her working name; she is
 * acknowledged by keyboard and resolved with an outcome and categories in the first console, and
 * leaves the open list of both. Also: Dutch and English, a narrow screen (200% zoom on a phone),
 * named controls, the CSRF refusal, and the supervisors' acknowledge times.
 */
@ExtendWith(SharedStack.class)
class ConsoleBrowserIT {

    /** The limit: from the 202 to the incident with her card on the console's screen. */
    private static final Duration ALARM_TO_SCREEN = Duration.ofSeconds(2);

    private static RunningStack stack;
    private static KeycloakAdmin keycloak;
    private static SkeletonScenario api;

    @BeforeAll
    static void useStack(RunningStack shared) throws Exception {
        Browser.requireChromium();
        stack = shared;
        keycloak = new KeycloakAdmin(stack.keycloakUrl());
        // No allowRedirectsTo for dispatch-console: the realm lets the console return to any localhost port.
        api = new SkeletonScenario(stack.keycloakUrl(), stack.alarmUrl(), stack.dispatchUrl(), stack.registryUrl());
    }

    @Test
    void anAlarmShowsOnBothConsolesWithHerCardIsTakenByKeyboardResolvedAndLeavesBoth() throws Exception {
        ChromeDriver first = Browser.phone("en");
        ChromeDriver second = Browser.phone("en");
        try {
            first.manage().window().setSize(new Dimension(1280, 900));
            logIn(first, stack.dispatchUrl(), "dispatcher1", "dispatcher1-demo");
            logIn(second, stack.dispatch2Url(), "dispatcher1", "dispatcher1-demo");

            // The first alarms after start-up warm the path (class loading, connections, the
            // service account's token); this one is resolved through the API and leaves both lists.
            Worker warmUp = newWorker("Warm");
            api.raise(warmUp.token(), UUID.randomUUID());
            String warmId = awaitIncident(first, warmUp.workingName(), Duration.ofSeconds(30));
            awaitIncident(second, warmUp.workingName(), Duration.ofSeconds(30));
            resolveThroughApi(warmId);
            awaitGone(first, warmId);
            awaitGone(second, warmId);

            Worker worker = newWorker("Roxy");
            api.raise(worker.token(), UUID.randomUUID());
            long accepted = System.nanoTime();
            String id = awaitIncident(first, worker.workingName(), ALARM_TO_SCREEN);
            Duration onFirst = Duration.ofNanos(System.nanoTime() - accepted);
            awaitIncident(second, worker.workingName(), ALARM_TO_SCREEN.minus(onFirst));
            Duration onBoth = Duration.ofNanos(System.nanoTime() - accepted);
            System.out.printf("Console: alarm on the first console with her card after %d ms, on both after %d ms%n",
                    onFirst.toMillis(), onBoth.toMillis());
            assertThat(onBoth).isLessThanOrEqualTo(ALARM_TO_SCREEN);
            assertThat(first.findElement(By.id("announcer")).getAttribute("textContent")).as("announced to a screen reader")
                    .startsWith("New incident: Alarm");
            new WebDriverWait(first, Duration.ofSeconds(2)).until(ExpectedConditions.textToBe(By.id("alert-banner"),
                    "New incident: Alarm, " + worker.workingName()));

            // Keyboard only: down the list to her incident, then "a".
            selectByKeyboard(first, id);
            new Actions(first).sendKeys("a").perform();
            awaitText(first, id, "Acknowledged by dispatcher1");
            awaitText(second, id, "Acknowledged by dispatcher1");

            // Enter opens it: her card, then resolve with an outcome, categories and her follow-up.
            new Actions(first).sendKeys(Keys.ENTER).perform();
            WebDriverWait wait = new WebDriverWait(first, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-body"), worker.workingName()));
            assertThat(first.findElement(By.id("card-body")).getText()).contains(worker.note());
            assertThat(first.findElement(By.id("detail-title")).getText()).isEqualTo(worker.workingName());
            assertThat(first.findElement(By.id("timeline-list")).getText()).contains("Acknowledged").contains("dispatcher1");

            new Select(first.findElement(By.id("resolve-outcome"))).selectByValue("HELP_GIVEN");
            first.findElement(By.cssSelector("#resolve-categories input[value=PHYSICAL]")).click();
            first.findElement(By.cssSelector("#resolve-categories input[value=EMOTIONAL]")).click();
            new Select(first.findElement(By.id("resolve-follow-up"))).selectByValue("CARE");
            first.findElement(By.cssSelector("#resolve-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("action-status"), "Resolved. It has left the list."));

            awaitGone(first, id);
            awaitGone(second, id);

            JsonPath view = given().auth().oauth2(dispatcherToken()).when().get(stack.dispatchUrl() + "/api/incidents/" + id)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(view.getString("status")).isEqualTo("RESOLVED");
            assertThat(view.getString("acknowledgedBy")).isEqualTo("dispatcher1");
            assertThat(view.getString("outcome")).isEqualTo("HELP_GIVEN");
            assertThat(view.getList("categories", String.class)).containsExactlyInAnyOrder("PHYSICAL", "EMOTIONAL");
            assertThat(view.getString("followUp")).isEqualTo("CARE");
        } finally {
            first.quit();
            second.quit();
        }
    }

    @Test
    void itSpeaksDutchAndEnglishFitsANarrowScreenAndNamesEveryControl() throws Exception {
        ChromeDriver browser = Browser.phone("nl");
        try {
            logIn(browser, stack.dispatchUrl(), "dispatcher1", "dispatcher1-demo");
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("nl");
            assertThat(browser.getTitle()).as("neutral, whatever the language").contains("Console");
            assertThat(browser.findElement(By.cssSelector("#incidents-title [data-i18n]")).getText()).isEqualTo("Incidenten");

            Worker worker = newWorker("Lola");
            api.raise(worker.token(), UUID.randomUUID());
            String id = awaitIncident(browser, worker.workingName(), Duration.ofSeconds(10));
            new WebDriverWait(browser, Duration.ofSeconds(2)).until(ExpectedConditions.textToBe(By.id("alert-banner"),
                    "Nieuw incident: Alarm, " + worker.workingName()));
            browser.findElement(By.cssSelector("#incidents li[data-id='" + id + "'] button")).click();
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("card-body"), worker.workingName()));
            assertThat(browser.findElement(By.id("ack")).getText()).isEqualTo("Aannemen (a)");
            assertThat(browser.findElement(By.cssSelector("#resolve-form legend")).getText()).isEqualTo("Afhandelen");
            assertThat(browser.findElement(By.cssSelector("label[for=resolve-follow-up]")).getText()).isEqualTo("Vervolg dat zij koos");

            // 200% zoom on a 412-pixel phone leaves 206 CSS pixels: nothing may need sideways scrolling,
            // with the incident open and with the list; every visible control has a name.
            browser.manage().window().setSize(new Dimension(206, 915));
            assertThat(Browser.sidewaysOverflow(browser)).as("incident").isLessThanOrEqualTo(0);
            assertThat(Browser.unnamedControls(browser)).as("incident").isEmpty();
            new Actions(browser).sendKeys(Keys.ESCAPE).perform();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("incidents")));
            assertThat(Browser.sidewaysOverflow(browser)).as("list").isLessThanOrEqualTo(0);
            assertThat(Browser.unnamedControls(browser)).as("list").isEmpty();

            new Select(browser.findElement(By.id("language"))).selectByValue("en");
            wait.until(ExpectedConditions.textToBe(By.cssSelector("#incidents-title [data-i18n]"), "Incidents"));
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
            assertThat(browser.findElement(By.id("ack")).getAttribute("textContent")).isEqualTo("Acknowledge (a)");
            assertThat(browser.findElement(By.id("announcer")).getAttribute("aria-live")).isEqualTo("assertive");

            resolveThroughApi(id);
            awaitGone(browser, id);
        } finally {
            browser.quit();
        }
    }

    @Test
    void anActionWithoutTheCsrfTokenIsRefusedAndTheIncidentIsUnchanged() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, stack.dispatch2Url(), "dispatcher1", "dispatcher1-demo");
            Worker worker = newWorker("Mia");
            api.raise(worker.token(), UUID.randomUUID());
            String id = awaitIncident(browser, worker.workingName(), Duration.ofSeconds(10));
            Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/api/incidents/" + id + "/acknowledge', {method: 'POST', credentials: 'same-origin',"
                            + " headers: {'Content-Type': 'application/json'}, body: '{}'})"
                            + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(status).isEqualTo(403L);
            assertThat(given().auth().oauth2(dispatcherToken()).when().get(stack.dispatchUrl() + "/api/incidents/" + id)
                    .then().statusCode(200).extract().<String>path("acknowledgedAt")).isNull();
            resolveThroughApi(id);
        } finally {
            browser.quit();
        }
    }

    @Test
    void supervisorsSeeAcknowledgeTimesAgainstTheTargets() throws Exception {
        Worker worker = newWorker("Nora");
        api.raise(worker.token(), UUID.randomUUID());
        String id = awaitOpenThroughApi(worker.workingName());
        given().auth().oauth2(dispatcherToken()).contentType(ContentType.JSON).body("{}")
                .when().post(stack.dispatchUrl() + "/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, stack.dispatchUrl(), "supervisor1", "supervisor1-demo");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("supervision-body"), "target 80%"));
            String panel = browser.findElement(By.id("supervision-body")).getText();
            assertThat(panel).contains("Within 30 s").contains("Within 60 s").contains("target 98.5%");

            ChromeDriver dispatcher = Browser.phone("en");
            try {
                logIn(dispatcher, stack.dispatchUrl(), "dispatcher1", "dispatcher1-demo");
                assertThat(dispatcher.findElement(By.id("supervision")).isDisplayed()).as("dispatchers do not see it").isFalse();
            } finally {
                dispatcher.quit();
            }
            resolveThroughApi(id);
        } finally {
            browser.quit();
        }
    }

    /** A new worker with a registration: her working name and note, shared with the dispatcher. */
    private record Worker(String token, String workingName, String note) {
    }

    private static Worker newWorker(String name) {
        String suffix = UUID.randomUUID().toString().substring(0, 6);
        String username = "console-" + name.toLowerCase() + "-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        keycloak.createWorker(username, password);
        String token = api.token(username, password);
        Worker worker = new Worker(token, name + " " + suffix, "Ring twice " + suffix);
        api.saveProfile(token, worker.workingName(), worker.note());
        return worker;
    }

    private static String dispatcherToken() {
        return api.token("dispatcher1", "dispatcher1-demo");
    }

    private static void logIn(WebDriver browser, String console, String user, String password) {
        Browser.signIn(browser, console, user, password);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.attributeToBe(By.id("live"), "data-state", "live"));
    }

    /** Waits until the list shows an incident with this working name (her card is there); answers its id. */
    private static String awaitIncident(WebDriver browser, String workingName, Duration timeout) {
        By item = By.xpath("//ul[@id='incidents']/li[.//span[@class='name' and text()='" + workingName + "']]");
        WebElement found = new WebDriverWait(browser, timeout.isNegative() ? Duration.ZERO : timeout, Duration.ofMillis(20))
                .until(ExpectedConditions.presenceOfElementLocated(item));
        return found.getAttribute("data-id");
    }

    private static void awaitText(WebDriver browser, String id, String text) {
        new WebDriverWait(browser, Duration.ofSeconds(5))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#incidents li[data-id='" + id + "']"), text));
    }

    private static void awaitGone(WebDriver browser, String id) {
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#incidents li[data-id='" + id + "']"), 0));
    }

    /** Presses the down arrow until her incident has the focus (other tests' incidents may be above it). */
    private static void selectByKeyboard(WebDriver browser, String id) {
        for (int i = 0; i < 20; i++) {
            new Actions(browser).sendKeys(Keys.ARROW_DOWN).perform();
            WebElement focused = browser.switchTo().activeElement();
            String focusedId = (String) ((JavascriptExecutor) browser).executeScript(
                    "const li = arguments[0].closest('#incidents li'); return li ? li.dataset.id : null;", focused);
            if (id.equals(focusedId)) {
                return;
            }
        }
        throw new AssertionError("The arrow keys never reached incident " + id);
    }

    /** Polls the dispatcher API until her incident is open with her card; answers its id. */
    private static String awaitOpenThroughApi(String workingName) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> summaries = given().auth().oauth2(dispatcherToken())
                    .when().get(stack.dispatchUrl() + "/api/incidents/summaries").then().statusCode(200).extract().jsonPath().getList("");
            for (Map<String, Object> summary : summaries) {
                if (workingName.equals(summary.get("workingName"))) {
                    return (String) summary.get("id");
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No open incident with her card in the API");
    }

    private static void resolveThroughApi(String id) {
        given().auth().oauth2(dispatcherToken()).contentType(ContentType.JSON)
                .body("{\"outcome\":\"FALSE_ALARM\",\"categories\":[],\"followUp\":\"NONE\"}")
                .when().post(stack.dispatchUrl() + "/api/incidents/" + id + "/resolve").then().statusCode(200);
    }
}
