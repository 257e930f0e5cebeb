package uk.callretention.access.api;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    static Map<String, Object> json(int status, Object body) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("statusCode", status);
        response.put("headers", HEADERS);
        try {
            response.put("body", JSON.std.asString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        response.put("isBase64Encoded", false);
        return response;
    }
}
