package uk.callretention.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import uk.callretention.local.runtime.Json;

/**
 * Turns a function's result into the HTTP response as API Gateway does with payload format 2.0: an object with a
 * statusCode is the response (headers, multiValueHeaders, cookies, body, isBase64Encoded); any other JSON is
 * the body of a 200 with content-type application/json.
 */
final class HttpApiResponses {
    private HttpApiResponses() {
    }

    /** @throws RuntimeException when the result is a malformed response (API Gateway then answers 500) */
    static void write(HttpExchange exchange, Object result) throws IOException {
        if (!(result instanceof Map<?, ?> response) || !response.containsKey("statusCode")) {
            send(exchange, 200, Map.of("content-type", "application/json"), Json.write(result).getBytes(StandardCharsets.UTF_8));
            return;
        }
        int status = ((Number) response.get("statusCode")).intValue();
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (response.get("headers") instanceof Map<?, ?> single) {
            single.forEach((name, value) -> headers.add(Map.entry(name.toString(), String.valueOf(value))));
        }
        if (response.get("multiValueHeaders") instanceof Map<?, ?> multi) {
            multi.forEach((name, values) -> ((List<?>) values).forEach(value -> headers.add(Map.entry(name.toString(), String.valueOf(value)))));
        }
        if (response.get("cookies") instanceof List<?> cookies) {
            cookies.forEach(cookie -> headers.add(Map.entry("set-cookie", String.valueOf(cookie))));
        }
        Object body = response.get("body");
        byte[] bytes = body == null ? new byte[0]
                : Boolean.TRUE.equals(response.get("isBase64Encoded")) ? Base64.getDecoder().decode(body.toString())
                : body.toString().getBytes(StandardCharsets.UTF_8);
        headers.forEach(header -> exchange.getResponseHeaders().add(header.getKey(), header.getValue()));
        send(exchange, status, Map.of(), bytes);
    }

    /** API Gateway's own answers: {@code {"message": "..."}}. */
    static void message(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, Map.of("content-type", "application/json"), Json.write(Map.of("message", message)).getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach(exchange.getResponseHeaders()::set);
        boolean noBody = body.length == 0 || status == 204 || status == 304 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
