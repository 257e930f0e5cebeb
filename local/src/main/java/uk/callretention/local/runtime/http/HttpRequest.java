package uk.callretention.local.runtime.http;

import com.sun.net.httpserver.HttpExchange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as API Gateway reads it: header names lower-cased with repeated values comma-joined, and the
 * Cookie header taken apart into cookies.
 */
record HttpRequest(String method, String rawPath, String rawQuery, Map<String, String> headers, List<String> cookies,
                   String sourceIp, byte[] body) {

    static HttpRequest of(HttpExchange exchange, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lowerCase = name.toLowerCase(Locale.ROOT);
            if (lowerCase.equals("cookie")) {
                values.forEach(value -> Arrays.stream(value.split(";")).map(String::trim).filter(c -> !c.isEmpty()).forEach(cookies::add));
            } else {
                headers.merge(lowerCase, String.join(",", values), (first, more) -> first + "," + more);
            }
        });
        String rawQuery = exchange.getRequestURI().getRawQuery();
        return new HttpRequest(exchange.getRequestMethod().toUpperCase(Locale.ROOT), exchange.getRequestURI().getRawPath(),
                rawQuery == null ? "" : rawQuery, headers, cookies, exchange.getRemoteAddress().getAddress().getHostAddress(), body);
    }

    RouteAuthorizer.Request forAuthorizer() {
        return new RouteAuthorizer.Request(method, rawPath, headers);
    }
}
