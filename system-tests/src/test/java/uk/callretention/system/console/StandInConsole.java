package uk.callretention.system.console;

import com.fasterxml.jackson.jr.ob.JSON;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The console's real files (from the console module's jar) on a loopback server, with the console's CSP, beside
 * stand-ins for what the console talks to that a local runtime cannot play: another OIDC provider, or a link that
 * expires while it plays. Each test class adds the routes it needs.
 */
final class StandInConsole implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; manifest-src 'self'; "
            + "connect-src 'self'; media-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    private final HttpServer server;
    private Browser browser;

    private StandInConsole(HttpServer server) {
        this.server = server;
    }

    static StandInConsole start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", StandInConsole::site);
            server.start();
            return new StandInConsole(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    StandInConsole route(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** A browser for this site's tests, closed with it. */
    Browser browser() {
        if (browser == null) {
            browser = Browser.start(origin().resolve("/"));
        }
        return browser;
    }

    @Override
    public void close() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.stop(0);
        }
    }

    /** A token of a JWT's shape, unsigned: the console only reads its claims to label the page; the API checks tokens. */
    static String unsignedToken(Map<String, Object> claims) {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        try {
            return base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(JSON.std.asBytes(claims)) + ".sig";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body) throws IOException {
        send(exchange, status, "application/json", JSON.std.asBytes(body));
    }

    static Map<String, Object> jsonBody(HttpExchange exchange) throws IOException {
        return JSON.std.mapFrom(exchange.getRequestBody());
    }

    static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("location", location);
        send(exchange, 302, "text/plain", new byte[0]);
    }

    /** With the console's CSP, so a violation on these pages fails as it would when deployed. */
    static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("content-type", type);
        exchange.getResponseHeaders().set("content-security-policy", CSP);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    static Map<String, String> form(String encoded) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : encoded == null || encoded.isEmpty() ? new String[0] : encoded.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8), parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
        }
        return values;
    }

    private static void site(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String file = path.equals("/") ? "index.html" : path.substring(1);
        try (InputStream in = file.contains("..") ? null : StandInConsole.class.getClassLoader().getResourceAsStream("console-site/" + file)) {
            if (in == null) {
                send(exchange, 404, "text/plain", new byte[0]);
                return;
            }
            String type = file.endsWith(".html") ? "text/html; charset=utf-8" : file.endsWith(".js") ? "text/javascript"
                    : file.endsWith(".css") ? "text/css" : file.endsWith(".woff2") ? "font/woff2" : "application/octet-stream";
            send(exchange, 200, type, in.readAllBytes());
        }
    }
}
