package uk.callretention.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.LocalRuntimeException;
import uk.callretention.local.runtime.console.ConsoleSite;
import uk.callretention.local.runtime.console.LocalSignIn;

/**
 * The staff console on the API's port: its site ({@code GET /}, {@code /index.html}, {@code /config.json},
 * {@code /app/**}, {@code /govuk/**}, {@code /assets/**}) and {@code POST /_local/sign-in}. Taken before the
 * template's routes; {@link #checkNoClash} makes sure at start that no route of the template wanted these paths.
 */
final class ConsoleRoutes {
    /** Names a browser uses for this machine; another name for 127.0.0.1 is a page that rebound its DNS to reach us. */
    private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost", "[::1]");

    private final ConsoleSite site;
    private final LocalSignIn signIn;

    ConsoleRoutes(ConsoleSite site, LocalSignIn signIn) {
        this.site = site;
        this.signIn = signIn;
    }

    boolean takes(HttpRequest request) {
        return request.rawPath().equals(LocalSignIn.PATH) || ConsoleSite.owns(request.rawPath());
    }

    /** @throws LocalRuntimeException naming the first route of the template that the console would hide */
    static void checkNoClash(RouteTable routes) {
        for (String path : ConsoleSite.samplePaths()) {
            for (String method : List.of("GET", "HEAD", "POST")) {
                Optional<RouteTable.Match> match = routes.find(method, path);
                if (match.isPresent()) {
                    throw new LocalRuntimeException("the template's route " + match.get().route().routeKey() + " (" + match.get().route().functionLogicalId()
                            + ") takes " + path + ", where the local runtime serves the staff console: / /index.html /config.json /app/ /govuk/ /assets/");
                }
            }
        }
    }

    void handle(HttpExchange exchange, HttpRequest request) throws IOException {
        if (request.rawPath().equals(LocalSignIn.PATH)) {
            signIn(exchange, request);
            return;
        }
        site.headers().forEach(exchange.getResponseHeaders()::set);
        if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            exchange.getResponseHeaders().set("allow", "GET, HEAD");
            HttpApiResponses.message(exchange, 405, "the console's pages are read with GET");
            return;
        }
        Optional<ConsoleSite.File> file = site.file(request.rawPath());
        if (file.isEmpty()) {
            HttpApiResponses.message(exchange, 404, "Not Found");
            return;
        }
        HttpApiResponses.send(exchange, 200, Map.of("content-type", file.get().contentType()), file.get().bytes());
    }

    private void signIn(HttpExchange exchange, HttpRequest request) throws IOException {
        exchange.getResponseHeaders().set("cache-control", "no-store");
        if (!request.method().equals("POST")) {
            exchange.getResponseHeaders().set("allow", "POST");
            refuse(exchange, 405, "sign in with POST");
            return;
        }
        String host = request.headers().getOrDefault("host", "").replaceFirst(":\\d+$", "");
        if (!LOOPBACK_HOSTS.contains(host)) {
            refuse(exchange, 403, "local sign-in answers only pages opened at 127.0.0.1 or localhost");
            return;
        }
        Object body;
        try {
            body = Json.parse(new String(request.body(), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            refuse(exchange, 400, "the body must be JSON: {\"council\": \"rutland\", \"team\": \"customer-services\", \"role\": \"manager\"}");
            return;
        }
        try {
            HttpApiResponses.send(exchange, 200, Map.of("content-type", "application/json"),
                    Json.write(signIn.signIn(body)).getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            refuse(exchange, 400, e.getMessage());
        } catch (IllegalStateException e) {
            refuse(exchange, 404, e.getMessage());
        }
    }

    /** As the API's own errors ({@code error}, for the console's messages) with the reason in words ({@code message}). */
    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", "local-sign-in-refused");
        body.put("message", message);
        HttpApiResponses.send(exchange, status, Map.of("content-type", "application/json"), Json.write(body).getBytes(StandardCharsets.UTF_8));
    }
}
