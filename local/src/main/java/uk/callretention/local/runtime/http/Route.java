package uk.callretention.local.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HttpApi event: a route key ({@code GET /recordings/{id}}, {@code ANY /files/{proxy+}} or {@code $default})
 * and the function it invokes.
 *
 * @param method upper case, {@code ANY}, or null for {@code $default}
 */
public record Route(String functionLogicalId, String eventName, String apiId, String method, String path,
                    Optional<RouteAuthorizer.AuthorizerConfig> authorizer) {

    public static final String DEFAULT_ROUTE = "$default";

    public String routeKey() {
        return method == null ? DEFAULT_ROUTE : method + " " + path;
    }

    boolean isDefault() {
        return method == null;
    }

    boolean isGreedy() {
        return path != null && path.endsWith("+}");
    }

    long variableCount() {
        return isDefault() ? 0 : segments(path).stream().filter(segment -> segment.startsWith("{")).count();
    }

    /** @return the decoded path parameters when this route takes the request, else empty */
    Optional<Map<String, String>> match(String requestMethod, String rawPath) {
        if (isDefault()) {
            return Optional.of(Map.of());
        }
        if (!method.equals("ANY") && !method.equals(requestMethod)) {
            return Optional.empty();
        }
        List<String> pattern = segments(path);
        List<String> actual = segments(rawPath);
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            if (expected.endsWith("+}")) {
                if (actual.size() <= i) {
                    return Optional.empty();
                }
                parameters.put(name(expected), decode(String.join("/", actual.subList(i, actual.size()))));
                return Optional.of(parameters);
            }
            if (actual.size() <= i) {
                return Optional.empty();
            }
            if (expected.startsWith("{")) {
                parameters.put(name(expected), decode(actual.get(i)));
            } else if (!expected.equals(actual.get(i))) {
                return Optional.empty();
            }
        }
        return pattern.size() == actual.size() ? Optional.of(parameters) : Optional.empty();
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    }

    private static String name(String variable) {
        return variable.substring(1, variable.length() - 1).replace("+", "");
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
