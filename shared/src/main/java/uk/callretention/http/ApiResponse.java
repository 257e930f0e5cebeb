package uk.callretention.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
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

    static APIGatewayV2HTTPResponse text(int status, ApiRoutes.Text text) {
        Map<String, String> headers = new LinkedHashMap<>(HEADERS);
        headers.put("content-type", text.contentType());
        return response(status, headers, text.body());
    }

    /** @param retryAfter when to ask again, sent as {@code Retry-After} in whole seconds rounded up; null for none */
    static APIGatewayV2HTTPResponse json(int status, Object body, Duration retryAfter) {
        Map<String, String> headers = HEADERS;
        if (retryAfter != null) {
            headers = new LinkedHashMap<>(HEADERS);
            headers.put("retry-after", Long.toString(Math.max(1, (retryAfter.toMillis() + 999) / 1000)));
        }
        try {
            return response(status, headers, JSON.std.asString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status).withHeaders(headers).withBody(body).withIsBase64Encoded(false).build();
    }
}
