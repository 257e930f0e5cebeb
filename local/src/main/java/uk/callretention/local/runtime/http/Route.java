package uk.callretention.local.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HttpApi event: a route key ({@code GET /recordings/{recordingId}}) and the function it invokes. Only what the
 * template uses: a named method and a path whose variables are whole segments ({@link Routes} refuses the rest).
 *
 * @param method upper case
 */
public record Route(String functionLogicalId, String eventName, String apiId, String method, String path,
                    Optional<RouteAuthorizer.AuthorizerConfig> authorizer) {

    public String routeKey() {
        return method + " " + path;
    }

    long variableCount() {
        return segments(path).stream().filter(segment -> segment.startsWith("{")).count();
    }

    /** @return the decoded path parameters when this route takes the request, else empty */
    Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        if (!method.equals(requestMethod) || pattern.size() != actual.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.startsWith("{")) {
                parameters.put(expected.substring(1, expected.length() - 1), decode(actual.get(i)));
            } else if (!expected.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
