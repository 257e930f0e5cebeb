package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/** A manager makes a training copy from a call's page, and lands on the copy's page, which names the call it came from. */
@ExtendWith(ConsoleExtension.class)
class TrainingCopyConsoleIntegrationTest {
    private static final ZoneId UK = ZoneId.of("Europe/London");

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void trainingCopy_madeByAManagerFromTheCallsPage_opensTheCopyNamingItsSource() {
        Instant recordedAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        String key = "rutland/customer-services/phone/%s/training-%s.wav".formatted(
                DateTimeFormatter.ofPattern("yyyy/MM/dd").format(recordedAt.atZone(UK)), UUID.randomUUID().toString().substring(0, 8));
        String recordingId = stack.upload(key, Wavs.tone(2.0, 440), Map.of("recorded-at", recordedAt.toString(), "caller", "01572 722577"));

        browser.signIn("rutland", "customer-services", "manager");
        browser.open("#/recordings/" + recordingId);
        browser.await("the training copy form", driver -> !driver.findElements(By.id("training-heading")).isEmpty());
        browser.fill("Parts to cut out", "0.5 to 1");
        browser.press("Make training copy");
        browser.await("the error summary", driver -> !driver.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        browser.assertAccessible("training copy refused");

        browser.fill("Parts to cut out", "0.5-1, 1.25-1.5");
        browser.fill("Training reference", "TRN-CONSOLE");
        browser.press("Make training copy");
        browser.await("the copy's page", driver -> driver.getPageSource().contains("Training copy made"));

        String page = browser.driver().findElement(By.tagName("main")).getText();
        assertThat(page).contains("Training copy of", recordingId).doesNotContain("01572");
        browser.assertAccessible("training copy made");
        browser.screenshot("manager-training-copy-made");
        browser.assertNoCspViolations();
    }
}
