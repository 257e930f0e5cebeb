package uk.callretention.access.api;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response in API Gateway's payload format 2.0. Never cached anywhere: a body may hold a signed link, which is a
 * credential, or personal data.
 */
final class ApiResponse {

    private static final Map<String, String> HEADERS = Map.of(
            "content-type", "application/json",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private ApiResponse() {
    }

    static Map<String, Object> text(int status, ApiRoutes.Text text) {
        Map<String, String> headers = new LinkedHashMap<>(HEADERS);
        headers.put("content-type", text.contentType());
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", headers);
        response.put("body", text.body());
        response.put("isBase64Encoded", false);
        return response;
    }

    /** @param retryAfter when to ask again, sent as {@code Retry-After} in whole seconds rounded up; null for none */
    static Map<String, Object> json(int status, Object body, Duration retryAfter) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        if (retryAfter == null) {
            response.put("headers", HEADERS);
        } else {
            Map<String, String> headers = new LinkedHashMap<>(HEADERS);
            headers.put("retry-after", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
            response.put("headers", headers);
        }
        try {
            response.put("body", JSON.std.asString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.put("isBase64Encoded", false);
        return response;
    }
}
