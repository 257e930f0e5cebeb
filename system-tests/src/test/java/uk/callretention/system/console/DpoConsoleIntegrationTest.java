package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The council's data protection officer in the console, in headless Chromium against the local runtime: signs in
 * locally, holds a recording and releases the hold, answers a subject access request by the caller's number, reads a
 * recording's audit trail, erases a recording behind its confirmation, and sees a quarantined upload with its reason.
 * axe-core checks every page and state reached, at full width and at 320 px.
 */
@ExtendWith(ConsoleExtension.class)
class DpoConsoleIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final String COUNCIL = "newark-sherwood";
    private static final String TEAM = "housing-services";
    private static final String DPO_NAME = "newark-sherwood.all.dpo";
    private static final DateTimeFormatter UK_DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void navigation_forADpo_linksTheirThreePagesEachAccessibleAt320Pixels() {
        browser.signIn(COUNCIL, null, "dpo");

        for (Map.Entry<String, String> link : Map.of("Subject access", "Subject access", "Holds", "Holds", "Quarantine", "Quarantined uploads").entrySet()) {
            String page = link.getKey();
            browser.await("the navigation's " + page + " link", d -> d.findElements(By.linkText(page)).stream().findFirst().orElse(null)).click();
            // Read in one go in the page: the router draws each view afresh, so an element found a moment ago may be gone.
            browser.await("the " + page + " page", d -> (Boolean) browser.script("const h1 = document.querySelector('main h1');"
                    + " return h1 !== null && h1.textContent === arguments[0] && document.querySelector('main p') !== null;", link.getValue()));
            checkEverywhere("the DPO's " + page + " page", "dpo-page-" + page.toLowerCase(Locale.UK).replace(' ', '-'));
        }
        browser.assertNoCspViolations();
    }

    @Test
    void holds_whenTheDpoHoldsARecording_listItWithItsReviewDateAndReleaseItFromItsPage() {
        String recordingId = upload(TEAM, Instant.now().minus(1, ChronoUnit.MINUTES), caller());
        LocalDate reviewOn = LocalDate.now(UK).plusDays(30);
        String reference = "CMP-" + shortId();
        browser.signIn(COUNCIL, null, "dpo");
        openRecording(recordingId);

        browser.choose("Reason for the hold", "complaint-or-dispute");
        browser.fill("Reference", reference);
        fillDate("Review date", reviewOn);
        browser.press("Place hold");
        browser.await("the hold to be shown", d -> !d.findElements(By.cssSelector("[data-test=recording-holds] tr[data-hold-id]")).isEmpty());

        browser.open("#/holds");
        WebElement row = browser.await("the hold on #/holds", d -> d.findElements(By.cssSelector("[data-test=holds] tr[data-recording-id='" + recordingId + "']"))
                .stream().findFirst().orElse(null));
        assertThat(row.getText()).contains(UK_DAY.format(reviewOn), "Complaint or dispute", reference, "Housing services");
        checkEverywhere("the holds page with a hold", "dpo-holds");

        row.findElement(By.tagName("a")).click();
        browser.await("the recording's page", d -> !d.findElements(By.cssSelector("[data-test=recording-holds]")).isEmpty());
        browser.press("Release hold");
        WebElement confirmation = browser.await("the release's confirmation",
                d -> d.findElements(By.cssSelector("[data-test=release-hold-confirmation]")).stream().findFirst().orElse(null));
        assertThat(confirmation.getText()).contains("last hold", "deleted on its expiry date", "next nightly sweep");
        checkEverywhere("a hold's release confirmation", "dpo-release-hold-confirmation");
        browser.press("Yes, release hold");

        browser.await("the release to be confirmed", d -> d.findElement(By.cssSelector("section[aria-labelledby=holds-heading]")).getText().contains("Hold released"));
        assertThat(browser.driver().findElements(By.cssSelector("[data-test=recording-holds] tr[data-hold-id]"))).isEmpty();
        browser.assertAccessible("a hold just released");
        browser.open("#/holds");
        browser.await("the holds page to be read again", d -> !d.findElements(By.cssSelector("main p")).isEmpty());
        assertThat(browser.driver().findElements(By.cssSelector("tr[data-recording-id='" + recordingId + "']"))).isEmpty();
        browser.assertNoCspViolations();
    }

    @Test
    void subjectAccess_byTheCallersNumber_findsExactlyThatCallersRecordingsInTheRange() {
        String caller = caller();
        Instant now = Instant.now().minus(1, ChronoUnit.MINUTES);
        String today = upload(TEAM, now, caller);
        String twoDaysAgo = upload("customer-services", now.minus(2, ChronoUnit.DAYS), caller);
        String beforeTheRange = upload(TEAM, now.minus(20, ChronoUnit.DAYS), caller);
        String anotherCaller = upload(TEAM, now, caller());
        browser.signIn(COUNCIL, null, "dpo");
        browser.open("#/subject-access");
        browser.await("the search form", d -> !d.findElements(By.cssSelector("form")).isEmpty());

        browser.press("Search");
        browser.await("the error summary", d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary")).getText()).contains("Enter the caller’s phone number");
        browser.assertAccessible("subject access with an error");

        browser.fill("Caller’s phone number", caller);
        fillDate("From", LocalDate.now(UK).minusDays(5));
        fillDate("To", LocalDate.now(UK));
        browser.press("Search");

        WebElement table = browser.await("the recordings found", d -> d.findElements(By.cssSelector("table[data-test=recordings]")).stream().findFirst().orElse(null));
        assertThat(table.findElements(By.cssSelector("tr[data-recording-id]")).stream().map(r -> r.getAttribute("data-recording-id")))
                .containsExactlyInAnyOrder(today, twoDaysAgo)
                .doesNotContain(beforeTheRange, anotherCaller);
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("never stored", "audited").doesNotContain(caller);
        checkEverywhere("subject access results", "dpo-subject-access");
        browser.assertNoCspViolations();
    }

    @Test
    void auditTrail_afterTheDpoPlaysAndHolds_showsWhoRolePurposeAndOutcomeInUkTime() {
        Instant recordedAt = Instant.now().minus(1, ChronoUnit.MINUTES);
        String recordingId = upload(TEAM, recordedAt, caller());
        browser.signIn(COUNCIL, null, "dpo");
        openRecording(recordingId);

        browser.choose("Why are you playing this recording?", "complaint");
        browser.fill("Reference (optional)", "AUD-1");
        browser.press("Play recording");
        browser.await("the player", d -> !d.findElements(By.cssSelector("audio[data-test=player]")).isEmpty());
        browser.choose("Reason for the hold", "subject-access");
        browser.fill("Reference", "SAR-1");
        fillDate("Review date", LocalDate.now(UK).plusDays(10));
        browser.press("Place hold");
        browser.await("the hold to be shown", d -> !d.findElements(By.cssSelector("[data-test=recording-holds] tr[data-hold-id]")).isEmpty());

        WebElement trail = browser.await("the audit trail with the hold", d -> d.findElements(By.cssSelector("[data-test=audit-trail]")).stream()
                .filter(t -> !t.findElements(By.cssSelector("tr[data-action=HOLD_PLACED]")).isEmpty()).findFirst().orElse(null));
        List<String> playback = cells(trail, "PLAYBACK_URL_ISSUED");
        assertThat(playback.get(0)).contains(UK_DAY.format(LocalDate.now(UK)));
        assertThat(playback.subList(1, 7)).containsExactly(DPO_NAME, "Data protection officer", "Playback link issued", "Complaint", "AUD-1", "Done");
        assertThat(cells(trail, "HOLD_PLACED").subList(1, 7))
                .containsExactly(DPO_NAME, "Data protection officer", "Hold placed: subject access", "None", "SAR-1", "Done");
        assertThat(trail.findElement(By.tagName("caption")).getText()).contains("most recent first", "UK time");
        assertThat(trail.findElement(By.cssSelector("tbody tr")).getText()).as("the newest row is the reading that shows it").contains("Audit trail read", "This reading");
        List<String> actions = trail.findElements(By.cssSelector("tbody tr")).stream().map(r -> r.getAttribute("data-action")).toList();
        assertThat(actions.indexOf("HOLD_PLACED")).isLessThan(actions.indexOf("PLAYBACK_URL_ISSUED"));
        checkEverywhere("a recording's audit trail", "dpo-audit-trail");
        browser.assertNoCspViolations();
    }

    @Test
    void erasure_whenCancelledLeavesTheRecording_andWhenConfirmedDeletesEveryVersion() throws Exception {
        String recordingId = signedInOnANewRecording();

        browser.press("Erase recording");
        WebElement section = browser.await("the erasure's confirmation", d -> {
            WebElement erase = d.findElement(By.cssSelector("section[aria-labelledby=erase-heading]"));
            return erase.getText().contains("Are you sure") ? erase : null;
        });
        assertThat(section.getText()).contains(recordingId, "Every version of the recording is deleted now", "cannot be undone", "tombstone",
                "refused while a recording is held");
        checkEverywhere("the erasure's confirmation", "dpo-erasure-confirmation");
        browser.press("Cancel");
        browser.await("the erasure to be called off", d -> !d.findElements(By.xpath("//button[normalize-space(.)='Erase recording']")).isEmpty());
        assertThat(playbackStatus(recordingId)).as("the recording after a cancelled erasure").isEqualTo(200);

        browser.press("Erase recording");
        browser.press("Erase recording now");
        browser.await("the error summary", d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary")).getText()).contains("Enter the erasure request’s reference");
        browser.assertAccessible("the erasure's confirmation with an error");
        browser.fill("Erasure request reference", "ER-" + shortId());
        browser.press("Erase recording now");

        WebElement panel = browser.await("the erasure's confirmation panel", d -> d.findElements(By.cssSelector("[data-test=erased]")).stream().findFirst().orElse(null));
        assertThat(panel.getText()).contains("Recording erased").containsPattern("\\d+ versions? deleted on");
        checkEverywhere("a recording just erased", "dpo-erased");
        assertThat(playbackStatus(recordingId)).as("the recording after its erasure").isEqualTo(410);
        browser.open("#/holds");
        openRecording(recordingId);
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).containsIgnoringCase("deleted");
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space(.)='Play recording']"))).isEmpty();
        assertThat(browser.driver().findElements(By.xpath("//button[normalize-space(.)='Erase recording']"))).isEmpty();
        browser.assertNoCspViolations();
    }

    @Test
    void quarantine_whenAnUploadsDateIsNotItsKeys_listsItWithTheReasonInWords() {
        Instant recordedAt = Instant.now().minus(1, ChronoUnit.MINUTES);
        // Its key names the day before it was recorded: the tagger quarantines it as date-mismatch.
        String key = key(TEAM, LocalDate.ofInstant(recordedAt, UK).minusDays(1), "wav");
        String recordingId = stack.upload(key, Wavs.tone(1, 440), Map.of("recorded-at", recordedAt.toString(), "caller", caller()));
        browser.signIn(COUNCIL, null, "dpo");
        browser.open("#/quarantine");

        WebElement row = browser.await("the quarantined upload", d -> d.findElements(By.cssSelector("tr[data-recording-id='" + recordingId + "']"))
                .stream().findFirst().orElse(null));
        assertThat(row.findElement(By.cssSelector("[data-test=reason]")).getText()).contains("falls on another UK date than the one in its file name");
        checkEverywhere("the quarantine page", "dpo-quarantine");
        browser.assertNoCspViolations();
    }

    @Test
    void release_toThePolice_offersTheLinkOnlyAsADownloadButtonAfterItsConfirmation() throws Exception {
        String recordingId = signedInOnANewRecording();

        browser.press("Release recording");
        browser.press("Continue");
        browser.await("the error summary", d -> !d.findElements(By.cssSelector(".govuk-error-summary")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".govuk-error-summary")).getText())
                .contains("Select who the recording is released to", "Enter their reference");
        browser.assertAccessible("the release form with errors");
        browser.choose("Who is it released to?", "police");
        browser.fill("Their reference", "CRIME-" + shortId());
        browser.press("Continue");
        browser.await("the release's check page", d -> d.findElement(By.cssSelector("section[aria-labelledby=release-heading]")).getText()
                .contains("Check before you release"));
        assertThat(browser.driver().findElement(By.cssSelector("section[aria-labelledby=release-heading]")).getText())
                .contains("Police", "works for 5 minutes", "send the file only to the police", "audit trail");
        checkEverywhere("the release's check page", "dpo-release-check");
        browser.press("Create download link");

        WebElement download = browser.await("the download button", d -> d.findElements(By.cssSelector("a[data-test=release-download]")).stream().findFirst().orElse(null));
        String url = download.getAttribute("href");
        assertThat(download.getAttribute("download")).isEqualTo(recordingId + ".wav");
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).doesNotContain(url);
        HttpResponse<byte[]> file = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).hasSize(Wavs.tone(1, 440).length);
        assertThat(URLDecoder.decode(url, StandardCharsets.UTF_8)).as("what the link asks S3 to answer with").contains("response-content-disposition=attachment");
        checkEverywhere("a release's download link", "dpo-release-download");

        download.click();
        browser.await("the link to be taken off the page", d -> d.findElements(By.cssSelector("a[data-test=release-download]")).isEmpty());
        assertThat(browser.driver().getPageSource()).doesNotContain(url);
        browser.assertNoCspViolations();
    }

    /** axe at full width and at 320 px (WCAG 1.4.10: only a table scrolls sideways, in its own region), with a screenshot of each. */
    private static void checkEverywhere(String state, String screenshot) {
        browser.assertAccessible(state);
        browser.screenshot(screenshot);
        browser.atWidth(320, () -> {
            browser.assertAccessible(state + " at 320 px");
            browser.assertNoSidewaysScrolling();
            browser.screenshot(screenshot + "-320px");
        });
    }

    /** A new recording of the DPO's council, on its page, the DPO signed in. */
    private static String signedInOnANewRecording() {
        String recordingId = upload(TEAM, Instant.now().minus(1, ChronoUnit.MINUTES), caller());
        browser.signIn(COUNCIL, null, "dpo");
        openRecording(recordingId);
        return recordingId;
    }

    private static String upload(String team, Instant recordedAt, String caller) {
        return stack.upload(key(team, LocalDate.ofInstant(recordedAt, UK), "wav"), Wavs.tone(1, 440),
                Map.of("recorded-at", recordedAt.toString(), "caller", caller, "agent", "agent-7", "direction", "inbound"));
    }

    private static String key(String team, LocalDate day, String extension) {
        return String.format("%s/%s/phone/%04d/%02d/%02d/dpo-%s.%s", COUNCIL, team, day.getYear(), day.getMonthValue(), day.getDayOfMonth(), shortId(),
                extension);
    }

    /** A UK mobile number in Ofcom's drama range, unique to the test so that other tests' uploads never match it. */
    private static String caller() {
        return String.format("07700 9%05d", ThreadLocalRandom.current().nextInt(100_000));
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void openRecording(String recordingId) {
        browser.open("#/recordings/" + recordingId);
        browser.await("the recording's page with its audit trail", d -> !d.findElements(By.cssSelector("[data-test=audit-trail]")).isEmpty()
                || d.findElement(By.tagName("main")).getText().toLowerCase(Locale.UK).contains("deleted"));
    }

    /** Types a date into the GOV.UK date input whose legend is given, finding Day, Month and Year by their labels. */
    private static void fillDate(String legend, LocalDate date) {
        WebElement fieldset = browser.driver().findElement(By.xpath("//fieldset[legend[normalize-space(.)='" + legend + "']]"));
        for (Map.Entry<String, Integer> part : Map.of("Day", date.getDayOfMonth(), "Month", date.getMonthValue(), "Year", date.getYear()).entrySet()) {
            WebElement label = fieldset.findElement(By.xpath(".//label[normalize-space(.)='" + part.getKey() + "']"));
            WebElement input = browser.driver().findElement(By.id(label.getAttribute("for")));
            input.clear();
            input.sendKeys(Integer.toString(part.getValue()));
        }
    }

    /** The cells of the trail's most recent row for an action, as the user reads them. */
    private static List<String> cells(WebElement trail, String action) {
        return trail.findElement(By.cssSelector("tr[data-action=" + action + "]")).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
    }

    /** What the API answers the DPO who asks to play the recording: 200, or 410 once it is erased. */
    private static int playbackStatus(String recordingId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(stack.api("/recordings/" + recordingId + "/playback-url"))
                .header("authorization", "Bearer " + stack.token(COUNCIL, null, "dpo")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"purpose\": \"complaint\"}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
