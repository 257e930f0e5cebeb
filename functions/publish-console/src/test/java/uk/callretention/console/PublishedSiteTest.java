package uk.callretention.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PublishedSiteTest {
    private static final Map<String, Object> COGNITO = Map.of(
            "ServiceToken", "arn:aws:lambda:eu-west-2:123456789012:function:publish",
            "Bucket", "console-bucket",
            "SiteVersion", "3",
            "ApiUrl", "https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com",
            "ClientId", "client-1",
            "Scope", "openid email profile",
            "AuthorizationEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/oauth2/authorize",
            "TokenEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/oauth2/token",
            "LogoutEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/logout",
            "RecordingsOrigin", "https://rutland-recordings-111122223333.s3.eu-west-2.amazonaws.com");
    private static final Map<String, byte[]> BUNDLED = Map.of(
            "index.html", bytes("<!doctype html>\n<html lang=\"en\">\n<head>\n  <meta charset=\"utf-8\">\n  <script type=\"module\" src=\"/app/main.js\"></script>\n</head>"),
            "app/main.js", bytes("import './auth.js';"),
            "govuk/govuk-frontend.min.css", bytes("body{}"),
            "assets/fonts/bold-b542beb274-v2.woff2", new byte[] {1, 2});

    @Test
    void files_whenCognito_publishesEveryBundledFileAndAConfigForTheHostedUi() throws IOException {
        List<SiteFile> files = new PublishedSite(BUNDLED).files(COGNITO);

        assertThat(files).extracting(SiteFile::key).containsExactlyInAnyOrder("index.html", "app/main.js", "govuk/govuk-frontend.min.css",
                "assets/fonts/bold-b542beb274-v2.woff2", "config.json");
        Map<String, SiteFile> byKey = files.stream().collect(Collectors.toMap(SiteFile::key, Function.identity()));
        assertThat(byKey.get("app/main.js").body()).isEqualTo(BUNDLED.get("app/main.js"));
        assertThat(JSON.std.mapFrom(byKey.get("config.json").body())).isEqualTo(Map.of(
                "apiUrl", "https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com",
                "signIn", "oidc",
                "clientId", "client-1",
                "scope", "openid email profile",
                "authorizationEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/oauth2/authorize",
                "tokenEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/oauth2/token",
                "logoutEndpoint", "https://rutland-111122223333.auth.eu-west-2.amazoncognito.com/logout"));
    }

    @Test
    void index_whenPublished_narrowsConnectionsToThisStacksOriginsBeforeAnythingLoads() {
        SiteFile index = new PublishedSite(BUNDLED).files(COGNITO).stream().filter(file -> file.key().equals("index.html")).findFirst().orElseThrow();

        assertThat(new String(index.body(), StandardCharsets.UTF_8)).isEqualTo("""
                <!doctype html>
                <html lang="en">
                <head>
                  <meta http-equiv="Content-Security-Policy" content="connect-src 'self' https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com \
                https://rutland-111122223333.auth.eu-west-2.amazoncognito.com https://rutland-recordings-111122223333.s3.eu-west-2.amazonaws.com">
                  <meta charset="utf-8">
                  <script type="module" src="/app/main.js"></script>
                </head>""");
    }

    @Test
    void connectSources_whenTheCouncilsOwnProvider_nameTheIssuersOrigin() {
        Map<String, Object> properties = new HashMap<>(COGNITO);
        List.of("AuthorizationEndpoint", "TokenEndpoint", "LogoutEndpoint").forEach(properties::remove);
        properties.put("Issuer", "https://login.rutland.gov.uk:8443/realms/staff");

        assertThat(PublishedSite.connectSources(properties)).containsExactly("'self'", "https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com",
                "https://login.rutland.gov.uk:8443", "https://rutland-recordings-111122223333.s3.eu-west-2.amazonaws.com");
    }

    @Test
    void files_whenIndexHasNoHead_refusesAsThePolicyWouldHaveNowhereToGo() {
        assertThatThrownBy(() -> new PublishedSite(Map.of("index.html", bytes("<p>hello</p>"))).files(COGNITO))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no <head>");
    }

    @Test
    void config_whenTheCouncilsOwnProvider_givesTheIssuerAloneForThePageToDiscover() throws IOException {
        Map<String, Object> properties = new HashMap<>(COGNITO);
        List.of("AuthorizationEndpoint", "TokenEndpoint", "LogoutEndpoint").forEach(properties::remove);
        properties.put("Issuer", "https://login.rutland.gov.uk/realms/staff");

        assertThat(JSON.std.mapFrom(PublishedSite.config(properties))).isEqualTo(Map.of(
                "apiUrl", "https://a1b2c3d4e5.execute-api.eu-west-2.amazonaws.com",
                "signIn", "oidc",
                "clientId", "client-1",
                "scope", "openid email profile",
                "issuer", "https://login.rutland.gov.uk/realms/staff"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # property              | value                        | the refusal says
            ApiUrl                  | -                            | needs the property ApiUrl
            ApiUrl                  | http://api.example           | ApiUrl must be an https URL
            ClientId                | ''                           | needs the property ClientId
            Scope                   | email profile                | must include openid
            TokenEndpoint           | -                            | needs both AuthorizationEndpoint and TokenEndpoint
            AuthorizationEndpoint   | https:///no-host             | AuthorizationEndpoint must be an https URL with a host
            LogoutEndpoint          | javascript:alert(1)          | LogoutEndpoint must be an https URL
            Colour                  | blue                         | unknown property Colour
            RecordingsOrigin        | -                            | needs the property RecordingsOrigin
            RecordingsOrigin        | https://bucket.s3.amazonaws.com/key | must be an origin alone
            """)
    void config_whenAPropertyIsMissingOrWrong_refusesNamingIt(String property, String value, String refusal) {
        Map<String, Object> properties = new LinkedHashMap<>(COGNITO);
        properties.put(property, value);
        properties.values().removeIf(v -> v == null);

        assertThatThrownBy(() -> new PublishedSite(BUNDLED).files(properties)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(refusal);
    }

    @Test
    void config_whenNeitherEndpointsNorIssuer_refusesSayingWhatItNeeds() {
        Map<String, Object> properties = new HashMap<>(COGNITO);
        List.of("AuthorizationEndpoint", "TokenEndpoint", "LogoutEndpoint").forEach(properties::remove);

        assertThatThrownBy(() -> PublishedSite.config(properties)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AuthorizationEndpoint and TokenEndpoint, or Issuer");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            index.html                                 | text/html; charset=utf-8        | no-cache
            config.json                                | application/json                | no-cache
            app/views/recordings.js                    | text/javascript; charset=utf-8  | max-age=300
            app/app.css                                | text/css; charset=utf-8         | max-age=300
            assets/manifest.json                       | application/json                | max-age=300
            assets/images/favicon.svg                  | image/svg+xml                   | max-age=300
            assets/images/favicon.ico                  | image/x-icon                    | max-age=300
            assets/images/govuk-icon-192.png           | image/png                       | max-age=300
            assets/fonts/light-94a07e06a1-v2.woff2     | font/woff2                      | max-age=300
            assets/fonts/light-f591b13f7d-v2.woff      | font/woff                       | max-age=300
            """)
    void eachFile_isServedWithItsTypeAndOnlyTheEntryPointsAlwaysRevalidated(String key, String contentType, String cacheControl) {
        assertThat(PublishedSite.contentType(key)).isEqualTo(contentType);
        assertThat(PublishedSite.cacheControl(key)).isEqualTo(cacheControl);
    }

    @Test
    void files_whenTheSiteHasAFileOfUnknownType_refusesNamingIt() {
        Map<String, byte[]> bundled = new HashMap<>(BUNDLED);
        bundled.put("app/worker.wasm", new byte[] {0});

        assertThatThrownBy(() -> new PublishedSite(bundled).files(COGNITO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("app/worker.wasm");
    }

    @Test
    void site_whenBundledWithoutIndexOrWithItsOwnConfig_isRefused() {
        assertThatThrownBy(() -> new PublishedSite(Map.of("app/main.js", bytes("")))).hasMessageContaining("no index.html");
        assertThatThrownBy(() -> new PublishedSite(Map.of("index.html", bytes(""), "config.json", bytes("{}")))).hasMessageContaining("its own config.json");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
