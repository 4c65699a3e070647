package nl.alarmcentral.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Her registration in the worker app, in a real headless Chromium against the local stack with the
 * real Keycloak and registry-service (through alarm-service's proxy, with her session's token): a
 * new worker registers, sets her notes and consents and finds them in her export; she withdraws and
 * her account is gone. Also: the pages reflow on a narrow screen and name every control.
 */
@ExtendWith(SharedStack.class)
class RegistryPagesBrowserIT {

    private static RunningStack stack;
    private static KeycloakAdmin keycloak;

    @BeforeAll
    static void useTheSharedStack(RunningStack shared) throws Exception {
        Browser.requireChromium();
        stack = shared;
        keycloak = new KeycloakAdmin(stack.keycloakUrl());
        keycloak.allowRedirectsTo("worker-app", stack.alarmUrl());
    }

    @Test
    void aNewWorkerRegistersSetsNotesAndConsentsAndSeesHerExport() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "new-worker-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        keycloak.createWorker(username, password);
        String workingName = "Scarlett " + suffix;
        String note = "Look through the glass door first " + suffix;
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, username, password);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

            open(browser, "profile");
            browser.findElement(By.id("profile-workingName")).sendKeys(workingName);
            browser.findElement(By.cssSelector("#profile-languages input[value=es]")).click();
            browser.findElement(By.id("profile-callBackNumber")).sendKeys("+31 6 1234 5678");
            browser.findElement(By.cssSelector("#profile-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Saved."));

            open(browser, "notes");
            browser.findElement(By.id("notes-safetyNote")).sendKeys(note);
            browser.findElement(By.id("notes-codeWord")).sendKeys("pineapple");
            browser.findElement(By.cssSelector("#notes-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Saved."));

            open(browser, "consents");
            grant(browser, "ALARM_SERVICE");
            grant(browser, "SHARE_NOTES");

            open(browser, "export");
            WebElement export = browser.findElement(By.id("export-data"));
            assertThat(export.getText()).contains(workingName).contains(note).contains("pineapple");
            assertThat(browser.findElement(By.id("export-download")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("export-download")).getAttribute("href")).startsWith("blob:");

            // 200% zoom on a 412-pixel phone: nothing needs sideways scrolling, every control has a name.
            browser.manage().window().setSize(new Dimension(206, 915));
            for (String view : new String[] {"export", "consents", "profile", "withdraw"}) {
                open(browser, view);
                assertThat(Browser.sidewaysOverflow(browser)).as(view).isLessThanOrEqualTo(0);
                assertThat(Browser.unnamedControls(browser)).as(view).isEmpty();
            }
        } finally {
            browser.quit();
        }
    }

    @Test
    void aFieldTheRegistryRefusesIsMarkedNextToItAndAnnounced() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        keycloak.createWorker("refused-" + suffix, password);
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "refused-" + suffix, password);
            open(browser, "profile");
            browser.findElement(By.id("profile-workingName")).sendKeys("Lola");
            browser.findElement(By.id("profile-callBackNumber")).sendKeys("call me maybe");
            browser.findElement(By.cssSelector("#profile-form button[type=submit]")).click();

            new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(ExpectedConditions.textToBe(By.id("status"), "Some answers need your attention."));
            WebElement number = browser.findElement(By.id("profile-callBackNumber"));
            assertThat(number.getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(number.getAttribute("aria-describedby")).contains("profile-callBackNumber-error");
            assertThat(browser.findElement(By.id("profile-callBackNumber-error")).getText()).contains("Please check this.");
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("profile-callBackNumber");
            assertThat(browser.findElement(By.id("status")).getAttribute("aria-live")).isEqualTo("assertive");
        } finally {
            browser.quit();
        }
    }

    @Test
    void sheWithdrawsIsSignedOutAndHerAccountIsGone() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String username = "leaving-" + suffix;
        String password = "pw-" + UUID.randomUUID();
        String id = keycloak.createWorker(username, password);
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, username, password);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            open(browser, "profile");
            browser.findElement(By.id("profile-workingName")).sendKeys("Mia " + suffix);
            browser.findElement(By.cssSelector("#profile-form button[type=submit]")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Saved."));

            open(browser, "withdraw");
            assertThat(browser.findElement(By.id("view-withdraw")).getText())
                    .contains("unreadable at once").contains("buttons stop working").contains("signed out").contains("112");
            browser.findElement(By.id("withdraw-word")).sendKeys("yes");
            browser.findElement(By.id("withdraw-submit")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Type the word exactly as shown."));

            browser.findElement(By.id("withdraw-word")).clear();
            browser.findElement(By.id("withdraw-word")).sendKeys("DELETE");
            browser.findElement(By.id("withdraw-submit")).click();
            wait.until(ExpectedConditions.textToBe(By.id("status"), "Everything is deleted. You are being signed out."));

            wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in")));
            assertThat(keycloak.userExists(id)).as("her account is removed").isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    void aRegistryWriteWithoutTheCsrfTokenIsRefused() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        keycloak.createWorker("csrf-" + suffix, password);
        ChromeDriver browser = Browser.phone("en");
        try {
            logIn(browser, "csrf-" + suffix, password);
            Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                    "const done = arguments[arguments.length - 1];"
                            + "fetch('/app/registry/me/profile', {method: 'PUT', credentials: 'same-origin',"
                            + " headers: {'Content-Type': 'application/json'}, body: JSON.stringify({workingName: 'X'})})"
                            + ".then(r => done(r.status), e => done(String(e)));");
            assertThat(status).isEqualTo(403L);
        } finally {
            browser.quit();
        }
    }

    /** Opens a view from the menu (as she would: back to the alarm, then the menu) and waits until its data is there. */
    private static void open(ChromeDriver browser, String view) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        if (!browser.findElement(By.id("home")).isDisplayed()) {
            browser.findElement(By.cssSelector("section.view:not([hidden]) a.back")).click();
        }
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#menu a[href='#" + view + "']"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("view-" + view), "data-loaded", "true"));
    }

    private static void grant(ChromeDriver browser, String type) {
        browser.findElement(By.id("consent-" + type + "-toggle")).click();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textMatches(
                By.id("consent-" + type + "-state"), Pattern.compile("Allowed since .+")));
    }

    private static void logIn(WebDriver browser, String user, String password) {
        Browser.signIn(browser, stack.alarmUrl(), user, password);
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold")));
    }
}
