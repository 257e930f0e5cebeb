package uk.callretention.local.runtime.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import uk.callretention.local.runtime.LocalRuntimeException;

/** The console is served before the template's routes, so a route that wants one of its paths stops the runtime at start. */
class ConsoleRoutesTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /recordings", "POST, /recordings/{recordingId}/playback-url", "GET, /applications"})
    void checkNoClash_whenNoRouteWantsAConsolePath_lets(String method, String path) {
        assertThatCode(() -> ConsoleRoutes.checkNoClash(table(method, path))).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"GET, /", "GET, /index.html", "GET, /config.json", "GET, /app/{file}", "GET, /govuk/{file}", "POST, /assets/{name}"})
    void checkNoClash_whenARouteWantsAConsolePath_refusesToStartNamingIt(String method, String path) {
        assertThatThrownBy(() -> ConsoleRoutes.checkNoClash(table(method, path))).isInstanceOf(LocalRuntimeException.class)
                .hasMessageContaining(method + " " + path).hasMessageContaining("staff console");
    }

    private static RouteTable table(String method, String path) {
        return new RouteTable(List.of(new Route("Function", "Event", "Api", method, path, Optional.empty())));
    }
}
