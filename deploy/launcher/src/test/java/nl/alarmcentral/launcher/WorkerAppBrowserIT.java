package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The worker app in a real headless Chromium against the local stack with the real Keycloak: she
 * logs in, holds the button, the countdown runs out, she sees "sent", and the alarm is on the
 * topic. Also: it speaks Dutch, English and Spanish, reflows on a narrow screen (what 200% zoom
 * does to a phone), names its controls for a screen reader, and refuses a session request without
 * the CSRF token.
 */
class WorkerAppBrowserIT {

    private static final String WORKER1 = "3fb648d7-7729-4083-b4ce-d68411edcb17";
    private static final String WORKER2 = "0fae09f1-a131-4b11-90f1-8051a61e0a6d";

    private static RunningStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        Browser.requireChromium();
        stack = RunningStack.start("browser-stack");
        new KeycloakAdmin(stack.keycloakUrl()).allowRedirectsTo("worker-app", stack.alarmUrl());
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void sheLogsInHoldsTheButtonAndTheAlarmIsSent() throws Exception {
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "worker1", "worker1-demo");
            assertThat(browser.getTitle()).isEqualTo("Agenda");

            WebElement hold = browser.findElement(By.id("hold"));
            assertThat(hold.getAccessibleName()).isEqualTo("Hold for help");
            new Actions(browser).clickAndHold(hold).pause(Duration.ofMillis(2500)).release().perform();

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
            WebElement hold = browser.findElement(By.id("hold"));
            new Actions(browser).clickAndHold(hold).pause(Duration.ofMillis(2500)).release().perform();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("countdown-pin"))).sendKeys("2468");
            browser.findElement(By.cssSelector("#countdown button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Cancelled."));
            Thread.sleep(Duration.ofSeconds(12).toMillis()); // past the end of the countdown
            assertThat(alarmEventsOf(WORKER2)).as("a cancelled countdown sends nothing").hasSize(before);

            browser.findElement(By.id("timer-minutes")).clear();
            browser.findElement(By.id("timer-minutes")).sendKeys("45");
            browser.findElement(By.id("timer-note")).sendKeys("Hotel room 12");
            browser.findElement(By.cssSelector("#timer-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textMatches(By.id("status"), java.util.regex.Pattern.compile("Check-in at .+")));
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

    private static void logIn(WebDriver browser, String user, String password) {
        Browser.signIn(browser, stack.alarmUrl(), user, password);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
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
