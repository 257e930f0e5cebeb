package uk.callretention.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.callretention.local.runtime.Json;
import uk.callretention.local.runtime.function.FunctionFailedException;
import uk.callretention.local.runtime.function.LambdaFunction;
import uk.callretention.local.runtime.schedule.Scheduler;

/**
 * The runtime's own routes, beside the template's:
 * <ul>
 *   <li>{@code POST /_local/schedules/{function}/{event}} runs a schedule now; a JSON body replaces its Input (so
 *   {@code {"dryRun": true}} makes a dry run);</li>
 *   <li>{@code POST /_local/functions/{function}/invocations} invokes a function with the body as its event, as
 *   {@code sam local invoke -e events/....json} would.</li>
 * </ul>
 * The answer is the function's result, or Lambda's error shape when it throws.
 */
final class ControlRoutes {
    static final String PREFIX = "/_local/";
    private static final String SCHEDULES = PREFIX + "schedules/";
    private static final String FUNCTIONS = PREFIX + "functions/";
    private static final String INVOCATIONS = "/invocations";

    private final Scheduler scheduler;
    private final Map<String, LambdaFunction> functions;

    ControlRoutes(Scheduler scheduler, Map<String, LambdaFunction> functions) {
        this.scheduler = scheduler;
        this.functions = functions;
    }

    void handle(HttpExchange exchange, HttpRequest request) throws IOException {
        if (!request.method().equals("POST")) {
            exchange.getResponseHeaders().set("allow", "POST");
            HttpApiResponses.message(exchange, 405, "the runtime's control routes take POST");
            return;
        }
        Optional<Object> body;
        try {
            body = request.body().length == 0 ? Optional.empty() : Optional.ofNullable(Json.parse(new String(request.body(), StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            HttpApiResponses.message(exchange, 400, "the body must be JSON: " + e.getMessage());
            return;
        }
        String path = URLDecoder.decode(request.rawPath(), StandardCharsets.UTF_8);
        if (path.startsWith(SCHEDULES) && scheduler.schedules().containsKey(path.substring(SCHEDULES.length()))) {
            answer(exchange, () -> scheduler.runNow(path.substring(SCHEDULES.length()), body));
            return;
        }
        LambdaFunction function = path.startsWith(FUNCTIONS) && path.endsWith(INVOCATIONS)
                ? functions.get(path.substring(FUNCTIONS.length(), path.length() - INVOCATIONS.length())) : null;
        if (function != null) {
            answer(exchange, () -> {
                try {
                    return function.invoke(body.orElse(Map.of()));
                } catch (FunctionFailedException e) {
                    function.logFailure("POST " + path, e);
                    throw e;
                }
            });
            return;
        }
        HttpApiResponses.message(exchange, 404, "no such control route; there are POST " + SCHEDULES + "{" + String.join("|", scheduler.schedules().keySet())
                + "} and POST " + FUNCTIONS + "{" + String.join("|", functions.keySet()) + "}" + INVOCATIONS);
    }

    private static void answer(HttpExchange exchange, Invocation invocation) throws IOException {
        try {
            Object result = invocation.run();
            HttpApiResponses.send(exchange, 200, Map.of("content-type", "application/json"), Json.write(result).getBytes(StandardCharsets.UTF_8));
        } catch (FunctionFailedException e) {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("errorType", e.errorType());
            error.put("errorMessage", e.errorMessage());
            error.put("requestId", e.requestId());
            HttpApiResponses.send(exchange, 500, Map.of("content-type", "application/json"), Json.write(error).getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    private interface Invocation {
        Object run() throws FunctionFailedException;
    }
}
