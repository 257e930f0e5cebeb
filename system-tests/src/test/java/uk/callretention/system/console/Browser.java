package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven by Selenium, one per test class (see {@link ConsoleExtension}), with what the
 * console's tests check on every page: axe-core's WCAG 2.2 A/AA rules, no Content-Security-Policy violation or
 * uncaught error in the browser's log, and a screenshot as a test artefact. Controls are found by their visible
 * label, as a person finds them.
 */
public final class Browser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    /** axe-core 4.11's tags for WCAG 2.0, 2.1 and 2.2 levels A and AA (2.2 adds AA rules only, so there is no wcag22a). */
    static final List<String> WCAG_22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    /** How long a page may take to get where a test waits for it on a loaded machine; passing tests never wait it out. */
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final Map<String, String> ROLE_LABELS = Map.of("manager", "Manager", "staff", "Staff", "dpo", "Data protection officer");

    private final ChromeDriver driver;
    private final Path profile;
    private final URI console;

    private Browser(ChromeDriver driver, Path profile, URI console) {
        this.driver = driver;
        this.profile = profile;
        this.console = console;
    }

    /** @throws IllegalStateException naming {@code local/test} when Chromium or chromedriver is not installed: never a skip */
    static Browser start(URI console) {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(needed)) {
                throw new IllegalStateException(needed + " is missing: the console's browser tests need Debian's chromium and chromium-driver;"
                        + " run the tests with local/test, which installs them (apt-get install chromium chromium-driver)");
            }
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("console-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                "--window-size=1280,900", "--autoplay-policy=no-user-gesture-required");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(PATIENCE).scriptTimeout(PATIENCE);
        return new Browser(driver, profile, console);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Loads the console afresh, which forgets any sign-in (tokens live in the page's memory only). */
    public void openConsole() {
        driver.get(console.toString());
    }

    /** Goes to a view of the signed-in console, keeping the page (and its token): {@code open("#/recordings")}. */
    public void open(String hash) {
        driver.executeScript("location.hash = arguments[0]", hash);
        await("the address to end in " + hash, d -> hash.equals(d.getCurrentUrl().replaceFirst("^[^#]*", "")));
    }

    /**
     * Signs in through the local sign-in page as a person would: Council, Team (not for a DPO), Role, "Sign in"; then
     * waits until the page has left the sign-in form.
     *
     * @param team null for a DPO
     */
    public void signIn(String council, String team, String role) {
        openConsole();
        await("the sign-in page", d -> !buttons("Sign in").isEmpty());
        choose("Council", council);
        choose("Role", role);
        if (team != null) {
            choose("Team", team);
        }
        press("Sign in");
        await("the sign-in to finish", d -> buttons("Sign in").isEmpty());
    }

    /**
     * Chooses a value in the control a label names: a select (by option value, else its text), or radios whose
     * legend is the label (by value, else the radio's own label).
     */
    public void choose(String label, String value) {
        awaitLabelled(label);
        List<WebElement> labels = driver.findElements(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
        if (!labels.isEmpty()) {
            WebElement control = driver.findElement(By.id(labels.get(0).getAttribute("for")));
            if (control.getTagName().equals("select")) {
                Select select = new Select(control);
                boolean byValue = select.getOptions().stream().anyMatch(option -> value.equals(option.getAttribute("value")));
                if (byValue) {
                    select.selectByValue(value);
                } else {
                    select.selectByVisibleText(value);
                }
                return;
            }
        }
        WebElement fieldset = driver.findElement(By.xpath("//fieldset[legend[normalize-space(.)=" + literal(label) + "]]"));
        List<WebElement> radios = fieldset.findElements(By.cssSelector("input[type=radio], input[type=checkbox]"));
        WebElement radio = radios.stream().filter(r -> value.equals(r.getAttribute("value"))).findFirst()
                .or(() -> radios.stream().filter(r -> labelOf(r).equals(ROLE_LABELS.getOrDefault(value, value))).findFirst())
                .orElseThrow(() -> new AssertionError("no choice " + value + " under \"" + label + "\"; there are "
                        + radios.stream().map(r -> r.getAttribute("value") + " (" + labelOf(r) + ")").toList()));
        // GOV.UK draws its own radio over the input, so a person (and Selenium) clicks the label
        driver.findElement(By.cssSelector("label[for='" + radio.getAttribute("id") + "']")).click();
    }

    /** Types into the field a label names, replacing what was there. */
    public void fill(String label, String text) {
        WebElement field = field(label);
        field.clear();
        field.sendKeys(text);
    }

    /** The form control a visible label names. */
    public WebElement field(String label) {
        awaitLabelled(label);
        WebElement found = driver.findElement(By.xpath("//label[normalize-space(.)=" + literal(label) + "]"));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    /** Pages render after their API calls answer: wait for the control a person would look for, never a fixed time. */
    private void awaitLabelled(String label) {
        String text = literal(label);
        await("a field labelled \"" + label + "\"",
                d -> !d.findElements(By.xpath("//label[normalize-space(.)=" + text + "] | //legend[normalize-space(.)=" + text + "]")).isEmpty());
    }

    /** Clicks the button (or link styled as one) with this text, once the page has rendered it. */
    public void press(String text) {
        await("a button \"" + text + "\"", d -> {
            List<WebElement> buttons = buttons(text);
            if (buttons.isEmpty()) {
                return false;
            }
            buttons.get(0).click();
            return true;
        });
    }

    /**
     * Waits until the condition gives something other than null or false; fails naming what it waited for. A page that
     * re-renders between finding an element and reading it makes the element stale: that is a reason to look again.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, PATIENCE).withMessage("waited for " + what)
                .ignoring(StaleElementReferenceException.class).until(condition::apply);
    }

    /** The page's one h1, as the user reads it. */
    public String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    /** Fails listing every WCAG 2.2 A/AA violation axe-core finds on the page as it is now: rule, impact, where. */
    public void assertAccessible(String state) {
        Results results = new AxeBuilder().withTags(WCAG_22_AA).analyze(driver);
        assertThat(results.isErrored()).as("axe-core ran on %s: %s", state, results.getErrorMessage()).isFalse();
        List<Rule> violations = results.getViolations();
        if (!violations.isEmpty()) {
            screenshot("axe-violations-" + state.replaceAll("[^A-Za-z0-9-]+", "-"));
        }
        assertThat(violations).as("WCAG 2.2 AA violations on %s:%n%s", state, describe(violations)).isEmpty();
    }

    /**
     * Fails on any Content-Security-Policy violation or uncaught script error the browser has logged since the last
     * call (reading the log empties it).
     */
    public void assertNoCspViolations() {
        List<String> problems = driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy") || message.contains("Content-Security-Policy")
                        || message.contains("Uncaught"))
                .toList();
        assertThat(problems).as("CSP violations and uncaught errors in the browser's log").isEmpty();
    }

    /** Writes the whole page, not just the window, to {@code target/console-screenshots/<name>.png}. */
    public Path screenshot(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> size = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        Map<String, Object> clip = Map.of("x", 0, "y", 0, "width", ((Number) size.get("width")).intValue(),
                "height", ((Number) size.get("height")).intValue(), "scale", 1);
        String png = (String) driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            Files.createDirectories(SCREENSHOTS);
            return Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode(png));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the checks with the page laid out for a viewport this many CSS pixels wide (320 for WCAG's reflow), then
     * restores the window's width.
     */
    public void atWidth(int cssPixels, Runnable checks) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", cssPixels, "height", 900, "deviceScaleFactor", 1, "mobile", false));
        try {
            await("the page to lay out at " + cssPixels + " px", d -> ((Number) driver.executeScript("return document.documentElement.clientWidth")).intValue() <= cssPixels);
            checks.run();
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    /** WCAG 1.4.10: the page itself does not scroll sideways (a wide table may, inside its own scrolling region). */
    public void assertNoSidewaysScrolling() {
        Number page = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) driver.executeScript("return document.documentElement.clientWidth");
        assertThat(page.intValue()).as("page width at a viewport of %s px", viewport).isLessThanOrEqualTo(viewport.intValue());
    }

    /** Runs script in the page (WebDriver's, outside the page's CSP), e.g. to read an audio element's state. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a temporary profile left behind is harmless
            }
        }
    }

    private List<WebElement> buttons(String text) {
        return driver.findElements(By.xpath("//button[normalize-space(.)=" + literal(text) + "] | //a[contains(@class,'govuk-button') and normalize-space(.)="
                + literal(text) + "] | //input[(@type='submit' or @type='button') and @value=" + literal(text) + "]"));
    }

    private String labelOf(WebElement input) {
        List<WebElement> labels = driver.findElements(By.cssSelector("label[for='" + input.getAttribute("id") + "']"));
        return labels.isEmpty() ? "" : labels.get(0).getText().trim();
    }

    private static String describe(List<Rule> violations) {
        List<String> lines = new ArrayList<>();
        for (Rule rule : violations) {
            lines.add("- " + rule.getId() + " (" + rule.getImpact() + "): " + rule.getHelp());
            for (CheckedNode node : rule.getNodes()) {
                lines.add("    at " + node.getTarget() + (node.getFailureSummary() == null ? "" : ": " + node.getFailureSummary().replace('\n', ' ')));
            }
        }
        return String.join("\n", lines);
    }

    /** An XPath string literal for any text, quotes included. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
