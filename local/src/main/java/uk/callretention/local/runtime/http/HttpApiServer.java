package uk.callretention.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import uk.callretention.local.runtime.DaemonThreads;
import uk.callretention.local.runtime.RuntimeLog;
import uk.callretention.local.runtime.console.ConsoleSite;
import uk.callretention.local.runtime.console.LocalSignIn;
import uk.callretention.local.runtime.function.FunctionFailedException;
import uk.callretention.local.runtime.function.LambdaFunction;
import uk.callretention.local.runtime.schedule.Scheduler;

/**
 * The template's HTTP API routes on 127.0.0.1, answered as API Gateway's HTTP API would, plus the runtime's control
 * routes and the staff console (its site and local sign-in), which a deployment serves from CloudFront instead.
 */
public final class HttpApiServer implements AutoCloseable {
    /** API Gateway's HTTP API refuses larger request bodies. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable routes;
    private final Map<String, LambdaFunction> functions;
    private final RouteAuthorizer authorizer;
    private final ControlRoutes control;
    private final ConsoleRoutes console;
    private final String accountId;

    private HttpApiServer(HttpServer server, RouteTable routes, Map<String, LambdaFunction> functions, RouteAuthorizer authorizer,
                          Scheduler scheduler, ConsoleRoutes console, String accountId) {
        this.server = server;
        this.routes = routes;
        this.functions = functions;
        this.authorizer = authorizer;
        this.control = new ControlRoutes(scheduler, functions);
        this.console = console;
        this.accountId = accountId;
        this.executor = Executors.newFixedThreadPool(8, new DaemonThreads("http-api"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Listens on 127.0.0.1; port 0 picks a free one.
     *
     * @throws uk.callretention.local.runtime.LocalRuntimeException when a route of the template takes a path of the console
     */
    public static HttpApiServer start(int port, RouteTable routes, Map<String, LambdaFunction> functions, RouteAuthorizer authorizer,
                                      Scheduler scheduler, ConsoleSite site, LocalSignIn signIn, String accountId) throws IOException {
        ConsoleRoutes.checkNoClash(routes);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        HttpApiServer api = new HttpApiServer(server, routes, functions, authorizer, scheduler, new ConsoleRoutes(site, signIn), accountId);
        server.start();
        return api;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The staff console, at the root of this origin. */
    public URI console() {
        return URI.create(endpoint() + "/");
    }

    private void handle(HttpExchange exchange) {
        try {
            Optional<byte[]> body = readBody(exchange);
            if (body.isEmpty()) {
                HttpApiResponses.message(exchange, 413, "Request Entity Too Large");
                return;
            }
            HttpRequest request = HttpRequest.of(exchange, body.get());
            if (console.takes(request)) {
                console.handle(exchange, request);
            } else if (request.rawPath().startsWith(ControlRoutes.PREFIX)) {
                control.handle(exchange, request);
            } else {
                route(exchange, request);
            }
        } catch (IOException | RuntimeException e) {
            RuntimeLog.error("HTTP " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + ": " + e);
            try {
                HttpApiResponses.message(exchange, 500, "Internal Server Error");
            } catch (IOException | RuntimeException alreadyAnswering) {
                // the response had begun; closing the exchange is all that is left
            }
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, HttpRequest request) throws IOException {
        Optional<RouteTable.Match> found = routes.find(request.method(), request.rawPath());
        if (found.isEmpty()) {
            HttpApiResponses.message(exchange, 404, "Not Found");
            return;
        }
        RouteTable.Match match = found.get();
        RouteAuthorizer.Decision decision = authorizer.authorize(request.forAuthorizer(), match.route().authorizer());
        if (decision instanceof RouteAuthorizer.Refuse refuse) {
            HttpApiResponses.message(exchange, refuse.statusCode(), refuse.message());
            return;
        }
        LambdaFunction function = functions.get(match.route().functionLogicalId());
        Object result;
        try {
            result = function.invoke(HttpApiEvents.of(request, match, (RouteAuthorizer.Allow) decision, accountId,
                    server.getAddress().getPort()));
        } catch (FunctionFailedException e) {
            function.logFailure("HTTP " + request.method() + " " + request.rawPath() + " (route " + match.route().routeKey() + ")", e);
            HttpApiResponses.message(exchange, 500, "Internal Server Error");
            return;
        }
        try {
            HttpApiResponses.write(exchange, result);
        } catch (RuntimeException malformed) {
            RuntimeLog.error("HTTP " + request.method() + " " + request.rawPath() + ": " + function.settings().logicalId()
                    + " returned a response API Gateway cannot use (" + malformed + ")");
            HttpApiResponses.message(exchange, 500, "Internal Server Error");
        }
    }

    /** @return empty when the body is over API Gateway's limit (read to its end, so the client sees the 413) */
    private static Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String declared = exchange.getRequestHeaders().getFirst("content-length");
            if (declared == null || Long.parseLong(declared.trim()) <= MAX_BODY_BYTES) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length <= MAX_BODY_BYTES) {
                    return Optional.of(body);
                }
            }
            in.transferTo(OutputStream.nullOutputStream());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
