package uk.callretention.playback;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** What an in-process invocation needs: API Gateway's event, the Lambda context, and reading the response. */
final class Invocations {

    private Invocations() {
    }

    /** A member of staff's claims; a fresh subject each time, so each test's events are its own. */
    static Map<String, String> staff(String subject, String group) {
        return Map.of("sub", subject + "-" + UUID.randomUUID(), "username", subject, "cognito:groups", "[" + group + "]");
    }

    /** An API Gateway HTTP API v2 event as the JWT authorizer passes it on. */
    static Map<String, Object> apiEvent(String routeKey, Map<String, String> claims, String recordingId, Map<String, String> query, String body) {
        Map<String, Object> event = new HashMap<>();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("requestContext", Map.of("requestId", UUID.randomUUID().toString(), "authorizer", Map.of("jwt", Map.of("claims", claims))));
        if (recordingId != null) {
            event.put("pathParameters", Map.of("recordingId", recordingId));
        }
        event.put("queryStringParameters", query);
        event.put("body", body);
        event.put("isBase64Encoded", false);
        return event;
    }

    static int status(Map<String, Object> response) {
        return (Integer) response.get("statusCode");
    }

    static Map<String, Object> body(Map<String, Object> response) throws IOException {
        return JSON.std.mapFrom((String) response.get("body"));
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
