package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The DPO's statistics page in headless Chromium against the local runtime: yesterday's uploads counted by the count
 * function the runtime serves, then drawn as bar charts (CSS classes, no style attributes, as the CSP demands) and as a
 * table, a small figure shown as fewer than 5; accessible at full width and at 320 px.
 */
@ExtendWith(ConsoleExtension.class)
class StatisticsConsoleIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId UK = ZoneId.of("Europe/London");
    /** No other browser test uses South Hams, so its figures are this test's alone. */
    private static final String COUNCIL = "south-hams";

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void statistics_forTheDpo_drawYesterdaysUploadsAsChartsAndATableWithSmallFiguresSuppressed() throws Exception {
        LocalDate yesterday = LocalDate.now(UK).minusDays(1);
        for (int i = 0; i < 6; i++) {
            upload(yesterday, "contact-centre");
        }
        HttpResponse<String> counted = HTTP.send(HttpRequest.newBuilder(stack.api("/_local/functions/CountStatisticsFunction/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"day\":\"" + yesterday + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);

        browser.signIn(COUNCIL, null, "dpo");
        browser.await("the navigation's Statistics link", d -> d.findElements(By.linkText("Statistics")).stream().findFirst().orElse(null)).click();
        WebElement table = browser.await("the statistics table",
                d -> d.findElements(By.cssSelector("table[data-test=statistics]")).stream().findFirst().orElse(null));

        List<String> rows = table.findElements(By.cssSelector("tbody tr")).stream().map(WebElement::getText).toList();
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("Recordings received, by team", "Contact centre", "6"));
        assertThat(rows).anySatisfy(row -> assertThat(row).contains("Recordings received, by channel", "Phone", "6"));
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=charts] [data-measure=received-by-team] .app-chart__bar--20"))).hasSize(1);
        assertThat(browser.driver().findElements(By.cssSelector("main [style]"))).isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space()='Download as CSV']"))).hasSize(1);
        browser.assertAccessible("the statistics page");
        browser.screenshot("dpo-statistics");
        browser.atWidth(320, () -> {
            browser.assertAccessible("the statistics page at 320 px");
            browser.assertNoSidewaysScrolling();
            browser.screenshot("dpo-statistics-320px");
        });

        browser.fill("From month", "2026-13");
        browser.press("Show");
        browser.await("the error summary", d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary")).getText()).contains("Enter the from month");
        browser.assertNoCspViolations();
    }

    private static void upload(LocalDate day, String team) {
        String key = String.format("%s/%s/phone/%04d/%02d/%02d/stats-%s.wav", COUNCIL, team, day.getYear(), day.getMonthValue(), day.getDayOfMonth(),
                UUID.randomUUID().toString().substring(0, 8));
        stack.upload(key, Wavs.tone(1, 440), Map.of("recorded-at", day.atTime(LocalTime.of(11, 0)).atZone(UK).toInstant().toString(),
                "caller", "07700 900" + String.format("%03d", (int) (Math.random() * 1000)), "agent", "agent-7", "direction", "inbound"));
    }
}
