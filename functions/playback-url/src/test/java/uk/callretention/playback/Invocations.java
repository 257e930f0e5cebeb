package uk.callretention.playback;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;
import uk.callretention.http.ApiEvents;

/** What an in-process invocation needs: API Gateway's event, the Lambda context, and reading the response. */
final class Invocations {

    private Invocations() {
    }

    /** A member of staff's claims; a fresh subject each time, so each test's events are its own. */
    static Map<String, String> staff(String subject, String group) {
        return Map.of("sub", subject + "-" + UUID.randomUUID(), "username", subject, "cognito:groups", "[" + group + "]");
    }

    /** An API Gateway HTTP API v2 event as the JWT authorizer passes it on. */
    static APIGatewayV2HTTPEvent apiEvent(String routeKey, Map<String, String> claims, String recordingId, Map<String, String> query, String body) {
        APIGatewayV2HTTPEvent event = ApiEvents.signedIn(routeKey, claims, UUID.randomUUID().toString());
        if (recordingId != null) {
            event.setPathParameters(Map.of("recordingId", recordingId));
        }
        event.setQueryStringParameters(query);
        event.setBody(body);
        return event;
    }

    static int status(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode();
    }

    static Map<String, Object> body(APIGatewayV2HTTPResponse response) throws IOException {
        return JSON.std.mapFrom(response.getBody());
    }

    /** A Lambda context for one invocation: the handler reads only its request id. */
    static Context context() {
        String requestId = UUID.randomUUID().toString();
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class}, (proxy, method, args) -> {
            if (method.getName().equals("getAwsRequestId")) {
                return requestId;
            }
            throw new UnsupportedOperationException("the handler reads only the request id, not " + method.getName());
        });
    }
}
