package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The deployed sign-in: authorization code with PKCE (S256) against an OIDC provider found through its discovery
 * document, as with the Cognito hosted UI or a council's own provider. The console's real files are served beside a
 * stand-in provider that checks what a provider checks (the verifier against the challenge, the redirect URI), and a
 * stand-in GET /me that records the bearer token it was called with.
 */
class OidcSignInIntegrationTest {
    private static final String CLIENT_ID = "console-client";
    private static final String CODE = "code-from-the-provider";

    private static HttpServer server;
    private static URI origin;
    private static Browser browser;
    private static final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private static final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private static final List<String> bearers = new CopyOnWriteArrayList<>();
    private static final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();
    private static volatile String accessToken;
    private static volatile boolean apiRejectsTokens;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext("/", OidcSignInIntegrationTest::site);
        server.createContext("/config.json", exchange -> json(exchange, 200, Map.of("apiUrl", "", "signIn", "oidc", "clientId", CLIENT_ID,
                "scope", "openid email profile", "issuer", origin + "/idp")));
        server.createContext("/idp/.well-known/openid-configuration", exchange -> json(exchange, 200, Map.of("issuer", origin + "/idp",
                "authorization_endpoint", origin + "/idp/authorize", "token_endpoint", origin + "/idp/token",
                "end_session_endpoint", origin + "/idp/logout")));
        server.createContext("/idp/authorize", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            authorizations.add(query);
            redirect(exchange, query.get("redirect_uri") + "?code=" + CODE + "&state=" + query.get("state"));
        });
        server.createContext("/idp/token", exchange -> {
            Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(body);
            boolean proven = CODE.equals(body.get("code")) && !authorizations.isEmpty()
                    && authorizations.get(authorizations.size() - 1).get("code_challenge").equals(s256(body.get("code_verifier")));
            json(exchange, proven ? 200 : 400, proven ? Map.of("access_token", accessToken, "id_token", "unused", "expires_in", 3600, "token_type", "Bearer")
                    : Map.of("error", "invalid_grant"));
        });
        server.createContext("/idp/logout", exchange -> {
            logouts.add(form(exchange.getRequestURI().getRawQuery()));
            send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><title>Signed out</title>".getBytes(StandardCharsets.UTF_8));
        });
        server.createContext("/me", exchange -> {
            bearers.add(exchange.getRequestHeaders().getFirst("authorization"));
            if (apiRejectsTokens) {
                json(exchange, 401, Map.of("message", "Unauthorized")); // as API Gateway's JWT authorizer answers
            } else {
                json(exchange, 200, Map.of("username", "alex.manager", "councils", List.of()));
            }
        });
        server.start();
        browser = Browser.start(origin.resolve("/"));
    }

    @AfterAll
    static void stop() {
        try {
            browser.close();
        } finally {
            server.stop(0);
        }
    }

    @BeforeEach
    void forget() {
        accessToken = tokenExpiringIn(3600);
        apiRejectsTokens = false;
        authorizations.clear();
        tokenRequests.clear();
        bearers.clear();
        logouts.clear();
    }

    @Test
    void signIn_withPkce_callsTheApiWithTheTokenAndKeepsNothingInStorageOrTheAddress() {
        browser.openConsole();
        browser.await("the sign-in page", driver -> heading().equals("Sign in"));
        browser.assertAccessible("the OIDC sign-in page");
        browser.press("Sign in");
        browser.await("the return to the console", driver -> heading().equals("Recordings"));

        Map<String, String> authorization = authorizations.get(0);
        assertThat(authorization).containsEntry("response_type", "code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", origin + "/").containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "openid email profile");
        assertThat(authorization.get("state")).hasSizeGreaterThanOrEqualTo(20);
        assertThat(tokenRequests).singleElement().satisfies(request -> assertThat(request)
                .containsEntry("grant_type", "authorization_code").containsEntry("client_id", CLIENT_ID)
                .containsEntry("redirect_uri", origin + "/").containsKey("code_verifier"));
        assertThat(bearers).isNotEmpty().allMatch(("Bearer " + accessToken)::equals);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(origin + "/#/recordings");
        assertThat(browser.script("return sessionStorage.length + localStorage.length")).isEqualTo(0L);
        assertThat(browser.script("return document.cookie")).isEqualTo("");
        browser.assertNoCspViolations();
    }

    @Test
    void signIn_whenTheStateDoesNotMatch_isRefusedWithoutAskingForATokenAndSaysSo() {
        browser.driver().get(origin + "/?code=" + CODE + "&state=forged");

        String summary = browser.await("the refusal", driver -> driver.findElements(By.cssSelector(".govuk-error-summary")).stream()
                .findFirst().map(element -> element.getText()).orElse(null));
        assertThat(summary).contains("The sign-in could not be checked");
        assertThat(tokenRequests).isEmpty();
        assertThat(bearers).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("code=");
        browser.assertAccessible("the OIDC sign-in refused");
    }

    @Test
    void signOut_forgetsTheTokenAndGoesToTheProvidersLogout() {
        browser.openConsole();
        browser.await("the sign-in page", driver -> heading().equals("Sign in"));
        browser.press("Sign in");
        browser.await("the return to the console", driver -> heading().equals("Recordings"));

        browser.driver().findElement(By.linkText("Sign out")).click();
        browser.await("the provider's logout", driver -> !logouts.isEmpty());

        assertThat(logouts.get(0)).containsEntry("client_id", CLIENT_ID).containsEntry("logout_uri", origin + "/");
        browser.driver().navigate().back();
        browser.await("the sign-in page again", driver -> heading().equals("Sign in"));
    }

    @Test
    void aTokenTheApiRejects_sendsTheUserToSignInAgainSayingWhy() {
        apiRejectsTokens = true;

        signInThroughTheProvider();

        browser.await("the sign-in page", driver -> heading().equals("Sign in"));
        assertThat(browser.driver().findElement(By.tagName("main")).getText()).contains("Your sign-in is no longer accepted");
        assertThat(bearers).isNotEmpty();
        browser.assertAccessible("sign-in after the API refused the token");
    }

    @Test
    void anExpiredToken_isNotSentAndTheUserIsAskedToSignInAgainSayingWhy() {
        accessToken = tokenExpiringIn(-60);

        signInThroughTheProvider();

        browser.await("the sign-in page", driver -> heading().equals("Sign in")
                && browser.driver().findElement(By.tagName("main")).getText().contains("Your sign-in has ended"));
        assertThat(tokenRequests).hasSize(1);
        assertThat(bearers).isEmpty();
    }

    private static void signInThroughTheProvider() {
        browser.openConsole();
        browser.await("the sign-in page", driver -> heading().equals("Sign in"));
        browser.press("Sign in");
        browser.await("the provider's answer", driver -> !tokenRequests.isEmpty());
    }

    private static String tokenExpiringIn(int seconds) {
        return jwt(Map.of("sub", "0d6f-sub", "username", "alex.manager", "cognito:groups", List.of(),
                "exp", Instant.now().plusSeconds(seconds).getEpochSecond()));
    }

    /** The h1 as it is now, read in one step: the page may be between views, or between documents. */
    private static String heading() {
        Object text = browser.script("return document.querySelector('h1')?.textContent.trim() ?? ''");
        return String.valueOf(text);
    }

    /** The console's own files, from the console module's jar on the class path. */
    private static void site(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = path.equals("/") ? "index.html" : path.substring(1);
        try (InputStream in = file.contains("..") ? null : OidcSignInIntegrationTest.class.getClassLoader().getResourceAsStream("console-site/" + file)) {
            if (in == null) {
                send(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".css") ? "text/css" : file.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
            send(exchange, 200, type, in.readAllBytes());
        }
    }

    private static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", JSON.std.asBytes(body));
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("location", location);
        send(exchange, 302, "text/plain", new byte[0]);
    }

    /** With the console's CSP, so a violation on these pages fails as it would when deployed. */
    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                + "font-src 'self'; manifest-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded == null ? new String[0] : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token of a JWT's shape: the console only reads its claims to label the page; the API checks tokens. */
    private static String jwt(Map<String, Object> claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        try {
            return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(JSON.std.asBytes(claims)) + ".sig";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
