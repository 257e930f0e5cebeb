package uk.callretention.access.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.callretention.access.JsonBody;

/**
 * An API Gateway HTTP API request (payload format 2.0), read from the event as Lambda's runtime hands it over: a
 * map, so that no event library is needed and the domain sees plain values.
 *
 * @param routeKey the route as the template declares it, e.g. {@code POST /recordings/{recordingId}/playback-url}
 * @param claims   the JWT authorizer's claims, each a string as API Gateway passes them
 * @param headers  the request's headers, names in lower case as API Gateway passes them
 */
public record ApiRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> query, JsonBody body,
                         Map<String, String> claims, String requestId, Map<String, String> headers) {

    public static ApiRequest of(Map<String, Object> event) {
        Map<String, Object> context = map(event.get("requestContext"));
        Map<String, Object> jwt = map(map(context.get("authorizer")).get("jwt"));
        return new ApiRequest(
                String.valueOf(event.get("routeKey")),
                strings(event.get("pathParameters")),
                strings(event.get("queryStringParameters")),
                JsonBody.of(body(event)),
                strings(jwt.get("claims")),
                String.valueOf(context.get("requestId")),
                strings(event.get("headers")));
    }

    /** The header's value, empty if absent; API Gateway gives header names in lower case. */
    public String header(String name) {
        return headers.getOrDefault(name, "");
    }

    public String path(String name) {
        return pathParameters.getOrDefault(name, "");
    }

    private static String body(Map<String, Object> event) {
        Object body = event.get("body");
        if (body == null) {
            return null;
        }
        return Boolean.TRUE.equals(event.get("isBase64Encoded"))
                ? new String(Base64.getMimeDecoder().decode(body.toString()), StandardCharsets.UTF_8)
                : body.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Map<String, String> strings(Object value) {
        Map<String, String> strings = new LinkedHashMap<>();
        map(value).forEach((name, item) -> {
            if (item != null) {
                strings.put(name, item.toString());
            }
        });
        return strings;
    }
}
