package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Fails as a handler whose production wiring finds its configuration missing. */
public final class FailingConstructorHandler implements RequestHandler<Map<String, Object>, String> {

    public FailingConstructorHandler(Map<String, String> environment) {
        throw new IllegalStateException("NOT_CONFIGURED is not set");
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        return "unreachable";
    }
}
