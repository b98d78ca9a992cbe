package io.panelx.it.dashboard;

import static io.panelx.it.PanelX.ADMIN_PASSWORD;
import static io.panelx.it.PanelX.ADMIN_USER;
import static io.panelx.it.PanelX.BASE;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver. Paths are given explicitly so
 * Selenium Manager never tries to download a browser or driver (there is no internet here).
 */
public final class Browser implements AutoCloseable {

    static final String CHROMIUM = System.getProperty("panelx.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER =
            System.getProperty("panelx.chromedriver", "/usr/bin/chromedriver");

    public final WebDriver driver;
    private final Path profile;

    /** The panel it opens: the test server, or a cluster node. */
    private final String base;

    Browser(int width, int height) {
        this(width, height, BASE);
    }

    /** A browser of another panel on this machine (a cluster node). */
    public Browser(String base) {
        this(1280, 800, base);
    }

    private Browser(int width, int height, String base) {
        this.base = base;
        try {
            profile = Files.createTempDirectory("panelx-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile);
        var service =
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(new File(CHROMEDRIVER))
                        .usingAnyFreePort()
                        .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
    }

    Browser() {
        this(1280, 800);
    }

    public WebDriverWait waitUpTo(Duration timeout) {
        var wait = new WebDriverWait(driver, timeout);
        wait.pollingEvery(Duration.ofMillis(100));
        return wait;
    }

    /**
     * Clicks the enabled element {@code css} names, finding it again when a re-render of the live
     * tables replaced it meanwhile (they re-render on every snapshot).
     */
    void clickFresh(String css) {
        waitUpTo(Duration.ofSeconds(10))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .until(
                        d -> {
                            var button = d.findElement(By.cssSelector(css));
                            if (!button.isEnabled()) {
                                return false;
                            }
                            ((org.openqa.selenium.JavascriptExecutor) d)
                                    .executeScript(
                                            "arguments[0].scrollIntoView({block: 'center'});",
                                            button);
                            button.click();
                            return true;
                        });
    }

    void open(String path) {
        driver.get(base + path);
    }

    /** Signs in through the login page the panel redirects to, and waits for the dashboard. */
    public void login() {
        open("/admin/");
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login.html"));
        driver.findElement(By.id("username")).sendKeys(ADMIN_USER);
        driver.findElement(By.id("password")).sendKeys(ADMIN_PASSWORD);
        driver.findElement(By.id("sign-in")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe(base + "/admin/"));
        waitForLiveFeed();
    }

    /** The dashboard's WebSocket is open and has delivered its first snapshot. */
    void waitForLiveFeed() {
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBe(By.id("live"), "Live"));
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    void screenshot(Path target) {
        try {
            Files.createDirectories(target.getParent());
            File shot =
                    ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .map(Path::toFile)
                        .forEach(File::delete);
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
