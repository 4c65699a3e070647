package nl.alarmcentral.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs) sized
 * like a phone. Where Chromium is missing, a browser test reports itself skipped with the reason,
 * unless {@code alarmcentral.require-browser} is true (CI), where it fails.
 */
final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    /** Checks that Chromium is installed, skipping (or in CI failing) the test when it is not. */
    static void requireChromium() {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String reason = "Chromium is not installed: apt-get install -y chromium chromium-driver (.ci/run does this)";
        RequiredTool.require(present, reason, "alarmcentral.require-browser");
    }

    /** A phone-sized headless Chromium speaking the given language. */
    static ChromeDriver phone(String language) throws Exception {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--lang=" + language, "--user-data-dir=" + Files.createTempDirectory("chromium-"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(412, 915));
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        return driver;
    }

    /**
     * Signs in the way a person does on our pages: opens the page, presses its "Sign in" link
     * ({@code #sign-in}, to {@code /app/login}) and fills in Keycloak's form. The caller then waits
     * for what its page shows once signed in.
     */
    static void signIn(WebDriver browser, String pageUrl, String user, String password) {
        browser.get(pageUrl + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("sign-in"))).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("kc-login")).click();
    }

    /** How many CSS pixels the page is wider than the window (more than 0 means sideways scrolling). */
    static int sidewaysOverflow(WebDriver browser) {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")).intValue();
    }

    /** The ids (or tag names) of visible controls and links without a name a screen reader can read out. */
    static List<String> unnamedControls(WebDriver browser) {
        return browser.findElements(By.cssSelector("input, select, textarea, button, a")).stream()
                .filter(control -> control.isDisplayed() && control.getAccessibleName().isBlank())
                .map(control -> control.getAttribute("id") != null && !control.getAttribute("id").isEmpty()
                        ? control.getAttribute("id") : control.getTagName())
                .toList();
    }
}
