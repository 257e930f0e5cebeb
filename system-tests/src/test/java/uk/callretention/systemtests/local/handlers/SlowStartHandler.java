package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Takes a minute to construct, so a test can stop the runtime while it is still starting. */
public final class SlowStartHandler implements RequestHandler<Map<String, Object>, String> {

    public SlowStartHandler() throws InterruptedException {
        Thread.sleep(60_000);
    }

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
        return "started";
    }
}
