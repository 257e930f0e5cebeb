package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.jr.ob.JSON;
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
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A contact-centre manager's console on the local runtime with the real API and real tokens: sign in, find a call,
 * say why, and listen; read a web chat; hold; and the written access request that Rotherham's staff file and its
 * managers decide. Every page and state reached is checked with axe-core (WCAG 2.2 AA), also at 320 px wide.
 */
@ExtendWith(ConsoleExtension.class)
class ManagerConsoleIntegrationTest {
    private static final ZoneId UK = ZoneId.of("Europe/London");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String NOT_FOUND = "We could not find that recording. It may not exist, or it may belong to a team you do not manage.";

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void recordings_asAManager_listsTodaysCallsNewestFirstWithTheirDetails() {
        String earlier = upload("rutland", "customer-services", 2.0, "agent-list-1", "inbound", 20);
        String later = upload("rutland", "customer-services", 3.0, "agent-list-2", "outbound", 10);

        browser.signIn("rutland", "customer-services", "manager");
        browser.open("#/recordings");
        List<String> ids = listedIds();

        assertThat(browser.heading()).isEqualTo("Recordings");
        assertThat(ids).contains(earlier, later);
        assertThat(ids.indexOf(later)).as("newest first").isLessThan(ids.indexOf(earlier));
        assertThat(cells(later)).containsSubsequence("3 sec", "agent-list-2", "Outbound", "Phone", "Active");
        checkPage("recordings");
    }

    @Test
    void recordings_filteredByAgentOrFoundByCallId_showOnlyThatCall() {
        String callId = "filter-" + unique();
        String wanted = upload("rutland", "customer-services", callId, 2.0, "agent-" + callId, "inbound", 5);
        String other = upload("rutland", "customer-services", 2.0, "agent-someone-else", "inbound", 6);

        browser.signIn("rutland", "customer-services", "manager");
        browser.open("#/recordings");
        listedIds();
        browser.fill("Agent", "agent-" + callId);
        browser.await("the filter to apply", driver -> listedIds().equals(List.of(wanted)));
        checkPage("recordings-filtered");

        browser.fill("Call id", callId);
        browser.press("Find call");
        browser.await("the call's recordings", driver -> driver.findElements(By.cssSelector("table[data-test=recordings] caption")).stream()
                .anyMatch(caption -> caption.getText().equals("Recordings with call id " + callId)));
        assertThat(listedIds()).containsExactly(wanted).doesNotContain(other);
        checkPage("recordings-by-call-id");
    }

    @Test
    void play_withAPurpose_playsTheWholeRecordingAtTheChosenSpeed() {
        String recordingId = upload("rutland", "customer-services", 2.5, "agent-play", "inbound", 4);

        openRecordingAs("rutland", "customer-services", "manager", recordingId, "play-heading");
        checkPage("recording");
        browser.choose("Why are you playing this recording?", "complaint");
        browser.fill("Reference (optional)", "CMP-2026-0117");
        browser.press("Play recording");

        awaitEnoughDataToPlay();
        double duration = ((Number) browser.script("return document.querySelector('audio[data-test=player]').duration")).doubleValue();
        assertThat(duration).isCloseTo(2.5, within(0.1));
        assertThat(browser.script("""
                const link = document.querySelector('audio[data-test=player]').src;
                return document.body.textContent.includes(link) || [...document.querySelectorAll('a')].some(a => a.href === link)""")
        ).as("the link shown as text or as a link").isEqualTo(false);
        browser.choose("Playback speed", "1.5");
        assertThat(((Number) browser.script("return document.querySelector('audio[data-test=player]').playbackRate")).doubleValue()).isEqualTo(1.5);
        checkPage("recording-playing");
    }

    @Test
    void play_withoutAPurpose_isRefusedOnThePageAndNoLinkIsAskedFor() throws Exception {
        String recordingId = upload("rutland", "customer-services", 2.0, "agent-no-purpose", "inbound", 3);

        openRecordingAs("rutland", "customer-services", "manager", recordingId, "play-heading");
        browser.press("Play recording");

        assertThat(errorSummary()).contains("Choose why you are playing this recording");
        assertThat(browser.script("return document.activeElement.classList.contains('govuk-error-summary')")).isEqualTo(true);
        assertThat(browser.driver().findElements(By.cssSelector("audio[data-test=player]"))).isEmpty();
        checkPage("recording-play-without-purpose");
        // The audit trail records every playback-url request, refused or not: there is none for this recording...
        assertThat(trailActions(recordingId)).doesNotContain("PLAYBACK_URL_ISSUED", "PLAYBACK_REFUSED");

        browser.choose("Why are you playing this recording?", "quality-assurance");
        browser.press("Play recording");
        awaitEnoughDataToPlay();
        // ...and there is one once a purpose is given, so the check above could have seen one.
        assertThat(trailActions(recordingId)).contains("PLAYBACK_URL_ISSUED");
    }

    @Test
    void anotherTeamsRecording_answersExactlyLikeAMissingOne() {
        String housing = upload("newark-sherwood", "housing-services", 2.0, "agent-elsewhere", "inbound", 3);
        String missing = "rec-" + UUID.randomUUID().toString().replace("-", "");

        browser.signIn("newark-sherwood", "customer-services", "manager");
        String outOfScope = pageOf("#/recordings/" + housing);
        String notThere = pageOf("#/recordings/" + missing);

        assertThat(outOfScope).isEqualTo(notThere).contains("Recording not found", NOT_FOUND);
        checkPage("recording-not-found");
    }

    @Test
    void webChat_isShownAsAConversationNeverAsHtml() {
        Instant customerWrote = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);
        String transcript = """
                {"messages": [
                  {"from": "customer", "at": "%1$s", "text": "My bin was not collected <b>again</b>"},
                  {"from": "agent", "at": "%2$s", "text": "Sorry to hear that. Which street?"}]}"""
                .formatted(customerWrote, customerWrote.plusSeconds(30));
        String recordingId = uploadChat("newark-sherwood", "customer-services", transcript);

        openRecordingAs("newark-sherwood", "customer-services", "manager", recordingId, "play-heading");
        browser.choose("Why are you reading this conversation?", "complaint");
        browser.press("Open conversation");

        List<WebElement> messages = browser.await("the conversation",
                driver -> driver.findElements(By.cssSelector(".app-conversation li")).size() == 2 ? driver.findElements(By.cssSelector(".app-conversation li")) : null);
        assertThat(messages.get(0).getText()).contains("Customer", ukTime(customerWrote), "My bin was not collected <b>again</b>");
        assertThat(messages.get(1).getText()).contains("Agent", "Sorry to hear that. Which street?");
        assertThat(browser.driver().findElements(By.cssSelector(".app-conversation b"))).isEmpty();
        checkPage("web-chat");
    }

    @Test
    void hold_withAReviewDateTooFarAhead_isRefusedAtTheDateThenPlaced() {
        String recordingId = upload("rutland", "customer-services", 2.0, "agent-hold", "inbound", 3);
        LocalDate today = LocalDate.now(UK);

        openRecordingAs("rutland", "customer-services", "manager", recordingId, "hold-heading");
        browser.choose("Reason for the hold", "complaint-or-dispute");
        browser.fill("Reference", "CMP-2026-0200");
        reviewDate(today.plusYears(2));
        browser.press("Place hold");
        assertThat(errorSummary()).contains("The review date must be within 12 months of today");
        checkPage("hold-refused");

        reviewDate(today.plusMonths(3));
        browser.press("Place hold");
        browser.await("the hold", driver -> driver.getPageSource().contains("The recording is on hold"));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Complaint or dispute, reference CMP-2026-0200").contains("On hold");
        checkPage("hold-placed");
    }

    @Test
    void accessRequest_filedByRotherhamStaffAndApprovedByItsManager_letsTheStaffMemberPlay() {
        String recordingId = upload("rotherham", "contact-centre", 2.0, "agent-request", "inbound", 3);

        openRecordingAs("rotherham", "contact-centre", "staff", recordingId, "request-heading");
        checkPage("recording-as-staff");
        browser.choose("Purpose", "complaint");
        browser.fill("Why you need to play it", "The caller complained about what the agent said.");
        browser.press("Send request");
        browser.await("the request to be filed", driver -> driver.getPageSource().contains("Your request is waiting for a manager"));
        checkPage("access-request-filed");

        browser.signIn("rotherham", "contact-centre", "manager");
        browser.open("#/access-requests");
        WebElement request = browser.await("the pending request", driver -> driver.findElements(By.cssSelector("[data-access-request-id]")).stream()
                .filter(card -> card.getText().contains(recordingId)).findFirst().orElse(null));
        checkPage("access-requests");
        assertThat(request.getText()).as("the approver sees who asked, by name").contains("Request from rotherham.contact-centre.staff");
        request.findElement(By.xpath(".//button[normalize-space(.)='Approve']")).click();
        browser.await("the approval", driver -> driver.getPageSource().contains("You approved"));
        checkPage("access-request-approved");

        openRecordingAs("rotherham", "contact-centre", "staff", recordingId, "play-heading");
        browser.choose("Why are you playing this recording?", "complaint");
        browser.press("Play recording");
        awaitEnoughDataToPlay();
    }

    @Test
    void signIn_withNothingChosen_saysWhatIsMissing() {
        browser.openConsole();
        browser.await("the sign-in page", driver -> browser.heading().equals("Sign in"));
        checkPage("sign-in");
        browser.press("Sign in");

        assertThat(errorSummary()).contains("Choose a council", "Choose a role");
        checkPage("sign-in-errors");
    }

    /** Signs in afresh and opens a recording's page, waiting for the section (by its heading's id) the test needs. */
    private static void openRecordingAs(String council, String team, String role, String recordingId, String sectionHeadingId) {
        browser.signIn(council, team, role);
        browser.open("#/recordings/" + recordingId);
        browser.await("the recording's " + sectionHeadingId, driver -> !driver.findElements(By.id(sectionHeadingId)).isEmpty());
    }

    /** HTMLMediaElement.HAVE_ENOUGH_DATA: the browser has fetched and decoded enough to play through. */
    private static void awaitEnoughDataToPlay() {
        browser.await("the recording to load", driver -> Long.valueOf(4).equals(browser.script("return document.querySelector('audio[data-test=player]')?.readyState")));
    }

    /** The error summary's text, read as soon as the page shows one. */
    private static String errorSummary() {
        return browser.await("an error summary", driver -> driver.findElements(By.cssSelector(".govuk-error-summary")).stream().findFirst().map(WebElement::getText).orElse(null));
    }

    /** axe at full width and at 320 px, no sideways scrolling, no CSP violation, and a screenshot of each. */
    private static void checkPage(String name) {
        browser.assertAccessible(name);
        browser.screenshot("manager-" + name);
        browser.atWidth(320, () -> {
            browser.assertAccessible(name + " at 320 px");
            browser.assertNoSidewaysScrolling();
            browser.screenshot("manager-" + name + "-320px");
        });
        browser.assertNoCspViolations();
    }

    private static List<String> listedIds() {
        browser.await("the recordings table", driver -> !driver.findElements(By.cssSelector("table[data-test=recordings]")).isEmpty());
        return browser.driver().findElements(By.cssSelector("table[data-test=recordings] tr[data-recording-id]")).stream()
                .map(row -> row.getAttribute("data-recording-id")).toList();
    }

    private static List<String> cells(String recordingId) {
        return browser.driver().findElements(By.cssSelector("tr[data-recording-id='" + recordingId + "'] > *")).stream().map(WebElement::getText).toList();
    }

    /** The text of a view once it has answered, starting from the recordings page so no earlier view is read by mistake. */
    private static String pageOf(String hash) {
        browser.open("#/recordings");
        browser.await("the recordings page", driver -> browser.heading().equals("Recordings"));
        browser.open(hash);
        browser.await("the page at " + hash, driver -> !browser.heading().isBlank() && !browser.heading().equals("Recordings"));
        return browser.driver().findElement(By.tagName("main")).getText();
    }

    private static void reviewDate(LocalDate date) {
        browser.fill("Day", String.valueOf(date.getDayOfMonth()));
        browser.fill("Month", String.valueOf(date.getMonthValue()));
        browser.fill("Year", String.valueOf(date.getYear()));
    }

    private static String upload(String council, String team, double seconds, String agent, String direction, int minutesAgo) {
        return upload(council, team, "call-" + unique(), seconds, agent, direction, minutesAgo);
    }

    /** A phone call recorded today (UK), minutesAgo minutes ago, or at the start of today if that was yesterday. */
    private static String upload(String council, String team, String callId, double seconds, String agent, String direction, int minutesAgo) {
        Instant recordedAt = recordedToday(minutesAgo);
        return stack.upload(key(council, team, "phone", recordedAt, callId + ".wav"), Wavs.tone(seconds, 440),
                Map.of("recorded-at", recordedAt.toString(), "agent", agent, "direction", direction, "caller", "01572 722577"));
    }

    private static String uploadChat(String council, String team, String transcript) {
        Instant recordedAt = recordedToday(2);
        return stack.upload(key(council, team, "webchat", recordedAt, "chat-" + unique() + ".json"), transcript.getBytes(StandardCharsets.UTF_8),
                Map.of("recorded-at", recordedAt.toString(), "agent", "agent-chat", "direction", "inbound"));
    }

    private static Instant recordedToday(int minutesAgo) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant startOfToday = LocalDate.now(UK).atStartOfDay(UK).toInstant();
        Instant wanted = now.minus(minutesAgo, ChronoUnit.MINUTES);
        return wanted.isBefore(startOfToday) ? startOfToday.plusSeconds(60 - minutesAgo) : wanted;
    }

    private static String key(String council, String team, String channel, Instant recordedAt, String file) {
        return "%s/%s/%s/%s/%s".formatted(council, team, channel, DateTimeFormatter.ofPattern("yyyy/MM/dd").format(recordedAt.atZone(UK)), file);
    }

    private static String ukTime(Instant instant) {
        return DateTimeFormatter.ofPattern("HH:mm:ss").format(instant.atZone(UK));
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** The recording's audit trail as its council's DPO reads it through the API. */
    @SuppressWarnings("unchecked")
    private static List<String> trailActions(String recordingId) throws Exception {
        String council = stack.catalogued(recordingId).orElseThrow().council();
        HttpResponse<String> trail = HTTP.send(HttpRequest.newBuilder(stack.api("/recordings/" + recordingId + "/audit"))
                .header("authorization", "Bearer " + stack.token(council, null, "dpo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(trail.statusCode()).as(trail.body()).isEqualTo(200);
        return ((List<Map<String, Object>>) JSON.std.mapFrom(trail.body()).get("events")).stream().map(event -> (String) event.get("action")).toList();
    }
}
