package uk.callretention.systemtests.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Answers with what it was given and where it runs; records runs whose input carries a runId. */
public final class ScheduledJobHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final Map<String, String> environment;
    private final Results results;

    public ScheduledJobHandler(Map<String, String> environment) {
        this.environment = environment;
        this.results = new Results(environment);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        if (input.get("runId") != null) {
            results.put("scheduled#" + input.get("runId"), Map.of("functionName", context.getFunctionName()));
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("input", input);
        answer.put("functionName", context.getFunctionName());
        answer.put("remainingTimeInMillis", context.getRemainingTimeInMillis());
        answer.put("memoryLimitInMB", context.getMemoryLimitInMB());
        answer.put("resultsTable", environment.get("RESULTS_TABLE"));
        answer.put("region", environment.get("AWS_REGION"));
        return answer;
    }
}
