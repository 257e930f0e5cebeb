package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/** Takes the SQS event as a plain map, records each message body with its receive count, then throws. */
public final class ThrowingHandler implements RequestHandler<Map<String, Object>, Void> {
    private final Results results;

    public ThrowingHandler(Map<String, String> environment) {
        this.results = new Results(environment);
    }

    @Override
    public Void handleRequest(Map<String, Object> event, Context context) {
        for (Object record : (List<?>) event.get("Records")) {
            Map<?, ?> message = (Map<?, ?>) record;
            Map<?, ?> attributes = (Map<?, ?>) message.get("attributes");
            results.put(message.get("body") + "#" + attributes.get("ApproximateReceiveCount"), Map.of("messageId", message.get("messageId").toString()));
        }
        throw new IllegalStateException("this handler refuses every message");
    }
}
