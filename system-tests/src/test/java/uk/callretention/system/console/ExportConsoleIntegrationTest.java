package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import uk.callretention.testsupport.Zips;

/**
 * The DPO exports a subject access search's recordings from the console and downloads the zip by the link it shows:
 * the real HTTP API and authorizer of the local runtime, the export built by BuildExportFunction from the stack's queue
 * as the runtime's SQS event source delivers it, and the link the API signs.
 */
@ExtendWith(ConsoleExtension.class)
class ExportConsoleIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId UK = ZoneId.of("Europe/London");

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void export_fromTheSubjectAccessResults_isBuiltAndOffersTheZip() throws Exception {
        String caller = "07700 8" + String.format("%05d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000));
        Instant recordedAt = Instant.now().minus(1, ChronoUnit.MINUTES);
        LocalDate day = LocalDate.ofInstant(recordedAt, UK);
        byte[] audio = Wavs.tone(1, 440);
        String recordingId = stack.upload(String.format("newark-sherwood/housing-services/phone/%04d/%02d/%02d/export-%s.wav", day.getYear(),
                day.getMonthValue(), day.getDayOfMonth(), UUID.randomUUID().toString().substring(0, 8)), audio,
                Map.of("recorded-at", recordedAt.toString(), "caller", caller));
        browser.signIn("newark-sherwood", null, "dpo");
        browser.open("#/subject-access");
        browser.await("the search form", d -> !d.findElements(By.cssSelector("form")).isEmpty());
        browser.fill("Caller’s phone number", caller);
        browser.press("Search");
        browser.await("the recordings found", d -> !d.findElements(By.cssSelector("tr[data-recording-id='" + recordingId + "']")).isEmpty());

        browser.press("Export for the data subject");
        browser.await("the missing reference", d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        browser.fill("Subject access request reference", "SAR-CONSOLE-1");
        browser.press("Export for the data subject");

        WebElement download = browser.await("the download link", d -> d.findElements(By.cssSelector("a[data-test=export-download]")).stream()
                .findFirst().orElse(null));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("ready", "release to the data subject").doesNotContain(caller);
        HttpResponse<byte[]> zip = HTTP.send(HttpRequest.newBuilder(URI.create(download.getAttribute("href"))).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(zip.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = Zips.entries(zip.body());
        assertThat(files.get("recordings/" + recordingId + ".wav")).isEqualTo(audio);
        assertThat(new String(files.get("manifest.json"), StandardCharsets.UTF_8)).contains(recordingId, "SAR-CONSOLE-1")
                .doesNotContain(caller, caller.replace(" ", ""), stack.catalogued(recordingId).orElseThrow().callerHash());
        browser.assertAccessible("subject access export ready");
        browser.assertNoCspViolations();
    }
}
