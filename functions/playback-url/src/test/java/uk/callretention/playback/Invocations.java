package uk.callretention.playback;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;
import java.util.UUID;

/** A Lambda context for one in-process invocation: the handler reads only its request id. */
final class Invocations {

    private Invocations() {
    }

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
