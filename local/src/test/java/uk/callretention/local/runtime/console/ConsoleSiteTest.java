package uk.callretention.local.runtime.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import uk.callretention.local.runtime.Json;

/** The console's files from the console module's build on the class path, as the local runtime serves them. */
class ConsoleSiteTest {
    private static final List<LocalCouncil> COUNCILS = List.of(new LocalCouncil("rutland", "Rutland County Council", List.of("customer-services")));

    private final ConsoleSite site = new ConsoleSite(getClass().getClassLoader(), COUNCILS, URI.create("http://127.0.0.1:4566"));

    @ParameterizedTest
    @CsvSource({
            "/, text/html; charset=utf-8",
            "/index.html, text/html; charset=utf-8",
            "/govuk/govuk-frontend.min.js, text/javascript; charset=utf-8",
            "/govuk/govuk-frontend.min.css, text/css; charset=utf-8",
            "/assets/fonts/bold-b542beb274-v2.woff2, font/woff2",
            "/assets/images/favicon.ico, image/x-icon",
            "/assets/manifest.json, application/json"})
    void file_whenTheSiteHasIt_isServedWithItsType(String path, String contentType) {
        assertThat(site.file(path)).hasValueSatisfying(file -> {
            assertThat(file.contentType()).isEqualTo(contentType);
            assertThat(file.bytes()).isNotEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/../index.html", "/assets/../../pom.xml", "/assets/%2e%2e/index.html", "/assets//manifest.json",
            "/assets/images", "/assets/images/", "/govuk/", "/app/nothing-here.js", "/assets/.hidden.json", "/assets\\..\\index.html",
            "/index.html/", "/recordings", "/console-site/index.html", "/assets/fonts/bold-b542beb274-v2.woff2.class"})
    void file_whenThePathIsNotAFileOfTheSite_isNotFound(String path) {
        assertThat(site.file(path)).isEmpty();
    }

    @Test
    void config_isSameOriginLocalSignInWithTheCouncils() {
        Object config = Json.parse(new String(site.file("/config.json").orElseThrow().bytes(), StandardCharsets.UTF_8));

        assertThat(config).isEqualTo(Map.of("apiUrl", "", "signIn", "local", "councils",
                List.of(Map.of("council", "rutland", "name", "Rutland County Council", "teams", List.of("customer-services")))));
    }

    @Test
    void headers_allowOnlyThisOriginAndLocalS3ForRecordings() {
        assertThat(site.headers())
                .containsEntry("content-security-policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self';"
                        + " manifest-src 'self'; connect-src 'self' http://127.0.0.1:4566; media-src http://127.0.0.1:4566; form-action 'self';"
                        + " frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
                .containsEntry("x-frame-options", "DENY")
                .containsEntry("referrer-policy", "no-referrer")
                .containsEntry("x-content-type-options", "nosniff")
                .containsEntry("cache-control", "no-cache");
    }

    @Test
    void bundledCouncils_carryEveryTeamOfEveryChannel() {
        assertThat(LocalCouncil.bundled()).contains(new LocalCouncil("newark-sherwood", "Newark and Sherwood District Council",
                List.of("careline-services", "customer-services", "housing-services")));
    }
}
