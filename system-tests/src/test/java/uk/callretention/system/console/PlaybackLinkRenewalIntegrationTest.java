package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.system.console.StandInConsole.form;
import static uk.callretention.system.console.StandInConsole.json;
import static uk.callretention.system.console.StandInConsole.jsonBody;
import static uk.callretention.system.console.StandInConsole.send;
import static uk.callretention.system.console.StandInConsole.unsignedToken;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A playback link lasts minutes; a call can last longer than that. When the manager seeks to a part the browser has
 * not fetched after the link's expiry, or the store refuses the old link, the page asks for a new link for the same
 * purpose and carries on where it was. The stand-in API issues links whose expiry the test chooses, and serves a
 * three-hour recording in ranges as S3 does, refusing an expired link as S3 does; nothing waits for a clock.
 */
class PlaybackLinkRenewalIntegrationTest {
    private static final String RECORDING = "rec-0123456789abcdef0123456789abcdef";
    private static final int SECONDS = 3 * 60 * 60;
    private static final int DATA_BYTES = SECONDS * 8000 * 2;

    private static StandInConsole site;
    private static Browser browser;
    private static final List<Map<String, Object>> linkRequests = new CopyOnWriteArrayList<>();
    private static final AtomicInteger links = new AtomicInteger();
    /** How the first link behaves: already past its expiry as the page is told, or refused by the store mid-play. */
    private static volatile boolean firstLinkRefusedBeyondItsStart;

    @BeforeAll
    static void start() {
        site = StandInConsole.start()
                .route("/config.json", exchange -> json(exchange, 200, Map.of("apiUrl", "", "signIn", "local",
                        "councils", List.of(Map.of("council", "rutland", "name", "Rutland County Council", "teams", List.of("customer-services"))))))
                .route("/_local/sign-in", exchange -> json(exchange, 200, Map.of("expiresIn", 3600, "username", "rutland.customer-services.manager",
                        "accessToken", unsignedToken(Map.of("sub", "manager", "exp", Instant.now().plusSeconds(3600).getEpochSecond())))))
                .route("/me", exchange -> json(exchange, 200, Map.of("username", "rutland.customer-services.manager", "councils", List.of(Map.of(
                        "council", "rutland", "name", "Rutland County Council", "dpo", false,
                        "teams", List.of(Map.of("team", "customer-services", "name", "Customer Services", "role", "manager")),
                        "purposes", List.of("complaint", "quality-assurance"), "holdReasons", List.of("complaint-or-dispute"),
                        "accessRequestsRequired", false, "maxUrlsPerUserPerHour", 20, "urlLifetimeSeconds", 300, "maxHoldReviewInterval", "P12M")))))
                .route("/recordings/", PlaybackLinkRenewalIntegrationTest::recording)
                .route("/media/call.wav", PlaybackLinkRenewalIntegrationTest::media);
        browser = site.browser();
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @BeforeEach
    void forget() {
        linkRequests.clear();
        links.set(0);
    }

    @Test
    void seekingPastAnExpiredLink_asksForANewOneForTheSamePurposeAndCarriesOnThere() {
        firstLinkRefusedBeyondItsStart = false;

        play();
        browser.script("document.querySelector('audio[data-test=player]').currentTime = 5400");

        assertRenewedAndPlayingFrom(5400, "90:00");
    }

    @Test
    void aLinkTheStoreRefuses_isRenewedForTheSamePurposeAndPlayCarriesOnWhereItWas() {
        firstLinkRefusedBeyondItsStart = true;

        play();
        browser.script("document.querySelector('audio[data-test=player]').currentTime = 7200");

        assertRenewedAndPlayingFrom(7200, "120:00");
    }

    private static void play() {
        browser.signIn("rutland", "customer-services", "manager");
        browser.open("#/recordings/" + RECORDING);
        browser.await("the recording", driver -> !driver.findElements(By.id("play-heading")).isEmpty());
        browser.choose("Why are you playing this recording?", "complaint");
        browser.fill("Reference (optional)", "CMP-2026-0300");
        browser.press("Play recording");
        browser.await("the recording's length", driver -> Long.valueOf(SECONDS).equals(
                browser.script("const a = document.querySelector('audio[data-test=player]'); return a && a.readyState >= 1 ? Math.round(a.duration) : null")));
    }

    private static void assertRenewedAndPlayingFrom(int seconds, String said) {
        browser.await("play to carry on from " + seconds + " s with a new link", driver -> Boolean.TRUE.equals(browser.script(
                "const a = document.querySelector('audio[data-test=player]'); return a.src.endsWith('link=2') && a.currentTime >= arguments[0] && a.readyState >= 3",
                seconds)));
        assertThat(linkRequests).hasSize(2).allSatisfy(body -> assertThat(body).isEqualTo(Map.of("purpose", "complaint", "reference", "CMP-2026-0300")));
        assertThat(String.valueOf(browser.script("return document.querySelector('.app-player [role=status]').textContent")))
                .isEqualTo("The link to the recording had expired, so we asked for a new one. Carrying on from " + said + ".");
        browser.assertAccessible("the player after a renewed link");
        browser.assertNoCspViolations();
    }

    /** GET /recordings/{id} and POST /recordings/{id}/playback-url. */
    private static void recording(HttpExchange exchange) throws IOException {
        if (exchange.getRequestURI().getPath().endsWith("/playback-url")) {
            linkRequests.add(jsonBody(exchange));
            int link = links.incrementAndGet();
            // The first link: past its expiry as far as the page is told, or (the store's view) refused beyond its start.
            Instant expiresAt = link == 1 && !firstLinkRefusedBeyondItsStart ? Instant.now().minusSeconds(1) : Instant.now().plusSeconds(300);
            json(exchange, 200, Map.of("recordingId", RECORDING, "url", "/media/call.wav?link=" + link, "expiresAt", expiresAt.toString(),
                    "contentType", "audio/wav"));
            return;
        }
        json(exchange, 200, Map.of("recordingId", RECORDING, "council", "rutland", "team", "customer-services", "channel", "phone",
                "recordedAt", "2026-12-01T10:00:00Z", "state", "active", "agent", "agent-7", "direction", "inbound",
                "durationSeconds", SECONDS, "holds", List.of()));
    }

    /** A silent 8 kHz 16-bit mono WAV, served in byte ranges as S3 serves a presigned GET. */
    private static void media(HttpExchange exchange) throws IOException {
        String link = form(exchange.getRequestURI().getRawQuery()).get("link");
        long total = 44L + DATA_BYTES;
        String range = exchange.getRequestHeaders().getFirst("range");
        long first = range == null ? 0 : Long.parseLong(range.replaceAll("bytes=(\\d+)-.*", "$1"));
        if ("1".equals(link) && firstLinkRefusedBeyondItsStart && first > 1_000_000) {
            send(exchange, 403, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>".getBytes(StandardCharsets.UTF_8));
            return;
        }
        long last = Math.min(total - 1, first + 1_000_000);
        byte[] body = new byte[(int) (last - first + 1)];
        byte[] header = header();
        for (long at = first; at <= last && at < header.length; at++) {
            body[(int) (at - first)] = header[(int) at];
        }
        exchange.getResponseHeaders().set("accept-ranges", "bytes");
        exchange.getResponseHeaders().set("content-range", "bytes " + first + "-" + last + "/" + total);
        send(exchange, 206, "audio/wav", body);
    }

    private static byte[] header() {
        ByteBuffer wav = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + DATA_BYTES).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16);
        wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(DATA_BYTES);
        return wav.array();
    }
}
