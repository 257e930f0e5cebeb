package uk.callretention.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.callretention.access.JsonBody;

/**
 * An API Gateway HTTP API request (payload format 2.0), read from Lambda's typed event into plain values for the
 * domain. Any part the event lacks reads as empty, so a malformed event is refused rather than failing.
 *
 * @param routeKey the route as the template declares it, e.g. {@code POST /recordings/{recordingId}/playback-url}
 * @param claims   the JWT authorizer's claims, each a string as API Gateway passes them
 * @param headers  the request's headers, names in lower case as API Gateway passes them
 */
public record ApiRequest(String routeKey, Map<String, String> pathParameters, Map<String, String> query, JsonBody body,
                         Map<String, String> claims, String requestId, Map<String, String> headers) {

    public static ApiRequest of(APIGatewayV2HTTPEvent event) {
        Optional<APIGatewayV2HTTPEvent.RequestContext> context = Optional.ofNullable(event.getRequestContext());
        return new ApiRequest(
                String.valueOf(event.getRouteKey()),
                strings(event.getPathParameters()),
                strings(event.getQueryStringParameters()),
                JsonBody.of(body(event)),
                strings(context.map(APIGatewayV2HTTPEvent.RequestContext::getAuthorizer)
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer::getJwt)
                        .map(APIGatewayV2HTTPEvent.RequestContext.Authorizer.JWT::getClaims).orElse(null)),
                String.valueOf(context.map(APIGatewayV2HTTPEvent.RequestContext::getRequestId).orElse(null)),
                strings(event.getHeaders()));
    }

    /** The header's value, empty if absent; API Gateway gives header names in lower case. */
    public String header(String name) {
        return headers.getOrDefault(name, "");
    }

    public String path(String name) {
        return pathParameters.getOrDefault(name, "");
    }

    private static String body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return null;
        }
        return event.getIsBase64Encoded() ? new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** A copy without the null values JSON may give, and empty for none. */
    private static Map<String, String> strings(Map<String, String> values) {
        Map<String, String> strings = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((name, value) -> {
                if (value != null) {
                    strings.put(name, value);
                }
            });
        }
        return strings;
    }
}
