package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;

/**
 * The console on the local runtime running template.yaml, as a newcomer meets it after {@code ./local/run}: the site
 * with its security headers, the config it reads, its first page in a real browser, and the local sign-in whose
 * token the API accepts.
 */
@ExtendWith(ConsoleExtension.class)
class ConsoleSmokeIntegrationTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ZoneId UK = ZoneId.of("Europe/London");

    static ConsoleStack stack;
    static Browser browser;

    @Test
    void index_whenRequested_isTheConsoleWithTheSecurityHeaders() throws Exception {
        HttpResponse<String> index = HTTP.send(HttpRequest.newBuilder(stack.url()).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<main").contains("id=\"main-content\"");
        assertThat(index.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
        String moto = stack.runtime().endpoints().aws().toString();
        assertThat(index.headers().firstValue("content-security-policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "frame-ancestors 'none'", "base-uri 'none'", "object-src 'none'",
                        "connect-src 'self' " + moto + ";", "media-src " + moto + ";", "form-action 'self';")
                .doesNotContain("unsafe"));
        assertThat(index.headers().firstValue("x-frame-options")).hasValue("DENY");
        assertThat(index.headers().firstValue("referrer-policy")).hasValue("no-referrer");
        assertThat(index.headers().firstValue("x-content-type-options")).hasValue("nosniff");
        assertThat(index.headers().firstValue("cache-control")).hasValue("no-cache");
    }

    @ParameterizedTest
    @CsvSource({"/govuk/govuk-frontend.min.css, 200, text/css; charset=utf-8",
            "/govuk/govuk-frontend.min.js, 200, text/javascript; charset=utf-8",
            "/assets/fonts/light-94a07e06a1-v2.woff2, 200, font/woff2",
            "/assets/%2e%2e/index.html, 404, application/json",
            "/app/..%2f..%2fpom.xml, 404, application/json",
            "/assets/images/, 404, application/json"})
    void sitePath_whenRequested_isTheFileOrNotFoundStillWithTheHeaders(String path, int status, String contentType) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.runtime().apiEndpoint() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("content-type")).hasValue(contentType);
        assertThat(response.headers().firstValue("content-security-policy")).isPresent();
        assertThat(response.headers().firstValue("x-content-type-options")).hasValue("nosniff");
    }

    @Test
    @SuppressWarnings("unchecked")
    void config_whenRead_isSameOriginLocalSignInWithEveryCouncilAndItsTeams() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(stack.url().resolve("/config.json")).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, Object> config = JSON.std.mapFrom(response.body());

        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(config).containsEntry("apiUrl", "").containsEntry("signIn", "local");
        assertThat((List<Object>) config.get("councils")).hasSize(5)
                .contains(Map.of("council", "rutland", "name", "Rutland County Council", "teams", List.of("customer-services")));
    }

    @Test
    void startup_whenDone_namesTheConsoleInEndpointsJson() throws Exception {
        Map<String, Object> endpoints = JSON.std.mapFrom(Files.readString(stack.runtime().endpointsFile()));

        assertThat(endpoints).containsEntry("console", stack.url().toString());
        assertThat(stack.url().toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
    }

    @Test
    void firstPage_inABrowser_passesAxeAtFullWidthAnd320PixelsWithNoCspViolation() {
        browser.openConsole();
        browser.await("the console's page", driver -> !driver.findElements(By.tagName("h1")).isEmpty()
                && !driver.findElement(By.tagName("h1")).getText().isBlank());

        browser.assertAccessible("the console's first page");
        browser.screenshot("first-page");
        browser.atWidth(320, () -> {
            browser.assertAccessible("the console's first page at 320 px");
            browser.assertNoSidewaysScrolling();
            browser.screenshot("first-page-320px");
        });
        browser.assertNoCspViolations();
    }

    /** The harness's own checks catch what they are for: the browser enforces the console's CSP, and axe sees a fault. */
    @Test
    void harnessChecks_whenThePageBreaksTheRules_fail() {
        browser.openConsole();
        browser.await("the console's page", driver -> !driver.findElements(By.tagName("h1")).isEmpty());
        browser.assertNoCspViolations();

        browser.script("document.body.setAttribute('style', 'color: red'); setTimeout(() => { window.harnessCheckThrown = true; throw new Error('harness check'); });"
                + " const image = document.createElement('img'); image.src = '/assets/images/govuk-icon-180.png'; document.body.append(image);");
        browser.await("the page's uncaught error", driver -> Boolean.TRUE.equals(browser.script("return window.harnessCheckThrown === true")));

        assertThatThrownBy(browser::assertNoCspViolations).hasMessageContaining("Content Security Policy").hasMessageContaining("Uncaught Error: harness check");
        assertThatThrownBy(() -> browser.assertAccessible("a page with an image without alt text")).hasMessageContaining("image-alt (critical)")
                .hasMessageContaining("at [img]");
        browser.openConsole();
    }

    @Test
    void localSignIn_whenTheChoiceIsInThePolicy_givesATokenTheApiAccepts() throws Exception {
        HttpResponse<String> signedIn = signIn("{\"council\": \"rutland\", \"team\": \"customer-services\", \"role\": \"manager\"}");

        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("cache-control")).hasValue("no-store");
        Map<String, Object> body = JSON.std.mapFrom(signedIn.body());
        assertThat(body).containsEntry("username", "rutland.customer-services.manager").containsKey("accessToken");
        assertThat(((Number) body.get("expiresIn")).intValue()).isPositive();

        HttpResponse<String> listing = HTTP.send(HttpRequest.newBuilder(stack.api("/recordings?council=rutland&team=customer-services"))
                .header("authorization", "Bearer " + body.get("accessToken")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    }

    @Test
    void upload_whenCatalogued_isListedByTheApiUnderTheIdItReturns() throws Exception {
        LocalDate yesterday = LocalDate.now(UK).minusDays(1);
        String key = "rutland/customer-services/phone/" + yesterday.toString().replace('-', '/') + "/smoke-" + UUID.randomUUID() + ".wav";

        String recordingId = stack.upload(key, Wavs.tone(1.5, 440), Map.of("recorded-at", yesterday.atTime(10, 15).atZone(UK).toInstant().toString()));

        HttpResponse<String> listing = HTTP.send(HttpRequest.newBuilder(stack.api("/recordings?council=rutland&team=customer-services&from=" + yesterday
                + "&to=" + yesterday)).header("authorization", "Bearer " + stack.token("rutland", "customer-services", "manager")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
        assertThat(listing.body()).contains("\"" + recordingId + "\"");
    }

    @Test
    void localSignIn_asADpo_needsNoTeamAndGetsEveryTeam() throws Exception {
        HttpResponse<String> signedIn = signIn("{\"council\": \"newark-sherwood\", \"role\": \"dpo\"}");

        assertThat(signedIn.statusCode()).isEqualTo(200);
        Map<String, Object> body = JSON.std.mapFrom(signedIn.body());
        assertThat(body).containsEntry("username", "newark-sherwood.all.dpo");
        HttpResponse<String> listing = HTTP.send(HttpRequest.newBuilder(stack.api("/recordings?council=newark-sherwood&team=housing-services"))
                .header("authorization", "Bearer " + body.get("accessToken")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listing.statusCode()).as(listing.body()).isEqualTo(200);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"council\": \"rutland\", \"role\": \"manager\"} | a manager signs in to a team",
            "{\"council\": \"rutland\", \"team\": \"housing-services\", \"role\": \"staff\"} | team must be one of Rutland County Council's: customer-services",
            "{\"council\": \"atlantis\", \"team\": \"customer-services\", \"role\": \"manager\"} | council must be one of",
            "{\"council\": \"rutland\", \"team\": \"customer-services\", \"role\": \"admin\"} | role must be one of manager, staff, dpo",
            "council=rutland&role=dpo | the body must be JSON",
            "'' | the body must be JSON",
            "[1, 2] | send a JSON object"})
    void localSignIn_whenTheChoiceIsBad_isRefusedWith400SayingWhatToChoose(String body, String message) throws Exception {
        HttpResponse<String> refused = signIn(body);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.std.mapFrom(refused.body())).containsEntry("error", "local-sign-in-refused")
                .hasEntrySatisfying("message", text -> assertThat(text.toString()).startsWith(message));
    }

    @Test
    void localSignIn_whenAskedWithGet_isRefusedWith405() throws Exception {
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(stack.url().resolve("/_local/sign-in")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(405);
        assertThat(refused.headers().firstValue("allow")).hasValue("POST");
    }

    /** A page on another site whose name it rebound to 127.0.0.1 sends its own host name: no token for it. */
    @Test
    void localSignIn_whenTheHostIsNotALoopbackName_isRefusedWith403() throws Exception {
        String body = "{\"council\": \"rutland\", \"role\": \"dpo\"}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), stack.url().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /_local/sign-in HTTP/1.1\r\nHost: rebound.example:" + stack.url().getPort() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("accessToken");
        }
    }

    private static HttpResponse<String> signIn(String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(stack.url().resolve("/_local/sign-in")).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
