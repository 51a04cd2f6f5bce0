package dev.weave4j.it.harness;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The OS's headless Chromium driven through the OS's chromedriver (Selenium WebDriver), at
 * 1280×800, with downloads going to a folder of its own. Waits are for conditions (never sleeps),
 * bounded generously for a loaded machine.
 *
 * <p>Needs {@code chromium} and {@code chromedriver} on the PATH ({@code apt-get install chromium
 * chromium-driver}); without them a test is skipped, unless {@code WEAVE4J_IT_BROWSER=required} (as
 * {@code .ci/run} sets it), then it fails.
 */
public final class Browser implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(45);

  private final ChromeDriver driver;
  private final Path downloads;
  private final Path screenshots;

  private Browser(ChromeDriver driver, Path downloads) {
    this.driver = driver;
    this.downloads = downloads;
    this.screenshots = ItEnv.runsDir().getParent().resolve("viewer-screenshots");
  }

  /** Starts the browser, or skips (fails under {@code WEAVE4J_IT_BROWSER=required}) without it. */
  public static Browser start(Path workDir) {
    Optional<Path> chromium = onPath("chromium", "chromium-browser", "google-chrome");
    Optional<Path> chromedriver = onPath("chromedriver");
    if (chromium.isEmpty() || chromedriver.isEmpty()) {
      if ("required".equals(System.getenv("WEAVE4J_IT_BROWSER"))) {
        fail(
            "chromium and chromedriver must be on the PATH (apt-get install chromium chromium-driver)");
      }
      Assumptions.abort("chromium or chromedriver is not on the PATH: the viewer is not rendered");
    }
    Path downloads = workDir.resolve("downloads");
    try {
      Files.createDirectories(downloads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.get().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--hide-scrollbars",
        "--user-data-dir=" + workDir.resolve("chromium-profile"));
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(chromedriver.get().toFile())
            .usingAnyFreePort()
            .withLogFile(workDir.resolve("chromedriver.log").toFile())
            .build();
    Browser browser = new Browser(new ChromeDriver(service, options), downloads);
    browser.viewport(1280, 800);
    return browser;
  }

  public WebDriver driver() {
    return driver;
  }

  /** Where the browser saves downloads. */
  public Path downloads() {
    return downloads;
  }

  /** Opens {@code url} (a new document, even when only the hash differs). */
  public void open(String url) {
    driver.get("about:blank");
    driver.get(url);
  }

  /** Waits for {@code condition} to give a non-null, non-false value, and returns it. */
  public <T> T waitFor(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .withMessage(() -> what + "; the page shows:\n" + bodyText())
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition);
  }

  /** Waits until the elements {@code css} finds have exactly {@code texts} (trimmed), in order. */
  public void waitForTexts(String css, List<String> texts) {
    waitFor("elements " + css + " reading " + texts, d -> texts.equals(texts(css)) ? true : null);
  }

  /** The trimmed texts of the elements {@code css} finds. */
  public List<String> texts(String css) {
    return driver.findElements(By.cssSelector(css)).stream().map(e -> e.getText().trim()).toList();
  }

  public WebElement find(String css) {
    return waitFor("an element " + css, d -> d.findElement(By.cssSelector(css)));
  }

  public String bodyText() {
    try {
      return driver.findElement(By.tagName("body")).getText();
    } catch (RuntimeException e) {
      return "(no page: " + e.getMessage() + ")";
    }
  }

  public String hash() {
    return String.valueOf(driver.executeScript("return location.hash"));
  }

  /** Saves what the window shows as {@code target/viewer-screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path to = screenshots.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          to,
          StandardCopyOption.REPLACE_EXISTING);
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Emulates the system's colour scheme ({@code dark} or {@code light}). */
  public void colorScheme(String scheme) {
    driver.executeCdpCommand(
        "Emulation.setEmulatedMedia",
        Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
  }

  /** Sets the page's viewport to {@code width}×{@code height} CSS pixels (a phone below 800). */
  public void viewport(int width, int height) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 800));
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static Optional<Path> onPath(String... names) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .flatMap(dir -> Stream.of(names).map(name -> Path.of(dir, name)))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
