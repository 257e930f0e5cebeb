package uk.callretention.local.runtime.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds API Gateway's HTTP API payload format 2.0 for a request. */
final class HttpApiEvents {
    private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);
    private static final Set<String> TEXT_TYPES = Set.of("application/json", "application/xml", "application/javascript");
    private static final SecureRandom RANDOM = new SecureRandom();

    private HttpApiEvents() {
    }

    static Map<String, Object> of(HttpRequest request, RouteTable.Match match, RouteAuthorizer.Allow allowed, String accountId,
                                  int localPort) {
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-port", Integer.toString(localPort));
        headers.putIfAbsent("x-forwarded-proto", "http");

        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", match.route().routeKey());
        event.put("rawPath", request.rawPath());
        event.put("rawQueryString", request.rawQuery());
        if (!request.cookies().isEmpty()) {
            event.put("cookies", request.cookies());
        }
        event.put("headers", headers);
        Map<String, String> query = queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            event.put("queryStringParameters", query);
        }
        event.put("requestContext", requestContext(request, match, allowed, accountId, now));
        if (request.body().length > 0) {
            boolean text = isText(headers.get("content-type"));
            event.put("body", text ? new String(request.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(request.body()));
            event.put("isBase64Encoded", !text);
        } else {
            event.put("isBase64Encoded", false);
        }
        if (!match.pathParameters().isEmpty()) {
            event.put("pathParameters", match.pathParameters());
        }
        return event;
    }

    private static Map<String, Object> requestContext(HttpRequest request, RouteTable.Match match, RouteAuthorizer.Allow allowed,
                                                      String accountId, Instant now) {
        String host = request.headers().getOrDefault("host", "localhost").replaceFirst(":\\d+$", "");
        Map<String, Object> http = new LinkedHashMap<>();
        http.put("method", request.method());
        http.put("path", request.rawPath());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.headers().getOrDefault("user-agent", ""));

        Map<String, Object> context = new LinkedHashMap<>();
        context.put("accountId", accountId);
        context.put("apiId", match.route().apiId());
        if (allowed.jwtClaims() != null) {
            context.put("authorizer", Map.of("jwt", Map.of("claims", allowed.jwtClaims(), "scopes", allowed.scopes())));
        }
        context.put("domainName", host);
        context.put("domainPrefix", host.split("\\.", 2)[0]);
        context.put("http", http);
        context.put("requestId", requestId());
        context.put("routeKey", match.route().routeKey());
        context.put("stage", "$default");
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());
        return context;
    }

    /** Decoded; a name given more than once gets its values comma-joined, as API Gateway does. */
    private static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                String[] nameAndValue = pair.split("=", 2);
                parameters.merge(decode(nameAndValue[0]), nameAndValue.length == 2 ? decode(nameAndValue[1]) : "",
                        (first, more) -> first + "," + more);
            }
        }
        return parameters;
    }

    /** API Gateway passes text bodies as they are and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.startsWith("text/") || mediaType.endsWith("+json") || mediaType.endsWith("+xml") || TEXT_TYPES.contains(mediaType);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    /** Shaped like API Gateway's: 16 base64 characters. */
    private static String requestId() {
        byte[] bytes = new byte[11];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
