package uk.callretention.bench.runner;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * What Lambda hands a handler about one invocation, filled from the function's environment; its remaining time counts
 * down from the function's Timeout, which the harness passes as the system property {@value #TIMEOUT_PROPERTY}.
 */
final class BenchContext implements Context {
    static final String TIMEOUT_PROPERTY = "bench.timeoutMillis";

    private final Map<String, String> environment;
    private final String requestId = UUID.randomUUID().toString();
    private final long deadline = System.currentTimeMillis() + Long.getLong(TIMEOUT_PROPERTY, 60_000);

    BenchContext(Map<String, String> environment) {
        this.environment = environment;
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + getFunctionName();
    }

    @Override
    public String getLogStreamName() {
        return "bench";
    }

    @Override
    public String getFunctionName() {
        return environment.getOrDefault("AWS_LAMBDA_FUNCTION_NAME", "bench");
    }

    @Override
    public String getFunctionVersion() {
        return environment.getOrDefault("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:" + environment.getOrDefault("AWS_REGION", "eu-west-2") + ":123456789012:function:" + getFunctionName();
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, deadline - System.currentTimeMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return Integer.parseInt(environment.getOrDefault("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
