package uk.callretention.system.console;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.callretention.system.console.StandInConsole.form;
import static uk.callretention.system.console.StandInConsole.json;
import static uk.callretention.system.console.StandInConsole.redirect;
import static uk.callretention.system.console.StandInConsole.send;
import static uk.callretention.system.console.StandInConsole.unsignedToken;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
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
 * document, as with the Cognito hosted UI or a council's own provider. The console's real files are served (by
 * {@link StandInConsole}) beside a stand-in provider that checks what a provider checks (the verifier against the challenge, the redirect URI), and a
 * stand-in GET /me that records the bearer token it was called with.
 */
class OidcSignInIntegrationTest {
    private static final String CLIENT_ID = "console-client";
    private static final String CODE = "code-from-the-provider";

    private static StandInConsole site;
    private static URI origin;
    private static Browser browser;
    private static final List<Map<String, String>> authorizations = new CopyOnWriteArrayList<>();
    private static final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    private static final List<String> bearers = new CopyOnWriteArrayList<>();
    private static final List<Map<String, String>> logouts = new CopyOnWriteArrayList<>();
    private static volatile String accessToken;
    private static volatile boolean apiRejectsTokens;

    @BeforeAll
    static void start() {
        site = StandInConsole.start();
        origin = site.origin();
        site.route("/config.json", exchange -> json(exchange, 200, Map.of("apiUrl", "", "signIn", "oidc", "clientId", CLIENT_ID,
                "scope", "openid email profile", "issuer", origin + "/idp")));
        site.route("/idp/.well-known/openid-configuration", exchange -> json(exchange, 200, Map.of("issuer", origin + "/idp",
                "authorization_endpoint", origin + "/idp/authorize", "token_endpoint", origin + "/idp/token",
                "end_session_endpoint", origin + "/idp/logout")));
        site.route("/idp/authorize", exchange -> {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            authorizations.add(query);
            redirect(exchange, query.get("redirect_uri") + "?code=" + CODE + "&state=" + query.get("state"));
        });
        site.route("/idp/token", exchange -> {
            Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokenRequests.add(body);
            boolean proven = CODE.equals(body.get("code")) && !authorizations.isEmpty()
                    && authorizations.get(authorizations.size() - 1).get("code_challenge").equals(s256(body.get("code_verifier")));
            json(exchange, proven ? 200 : 400, proven ? Map.of("access_token", accessToken, "id_token", "unused", "expires_in", 3600, "token_type", "Bearer")
                    : Map.of("error", "invalid_grant"));
        });
        site.route("/idp/logout", exchange -> {
            logouts.add(form(exchange.getRequestURI().getRawQuery()));
            send(exchange, 200, "text/html; charset=utf-8", "<!DOCTYPE html><title>Signed out</title>".getBytes(StandardCharsets.UTF_8));
        });
        site.route("/me", exchange -> {
            bearers.add(exchange.getRequestHeaders().getFirst("authorization"));
            if (apiRejectsTokens) {
                json(exchange, 401, Map.of("message", "Unauthorized")); // as API Gateway's JWT authorizer answers
            } else {
                json(exchange, 200, Map.of("username", "alex.manager", "councils", List.of()));
            }
        });
        browser = site.browser();
    }

    @AfterAll
    static void stop() {
        site.close();
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
        return unsignedToken(Map.of("sub", "0d6f-sub", "username", "alex.manager", "cognito:groups", List.of(),
                "exp", Instant.now().plusSeconds(seconds).getEpochSecond()));
    }

    /** The h1 as it is now, read in one step: the page may be between views, or between documents. */
    private static String heading() {
        Object text = browser.script("return document.querySelector('h1')?.textContent.trim() ?? ''");
        return String.valueOf(text);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
