package uk.callretention.testsupport;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import uk.callretention.aws.InvocationContext;

/**
 * The Lambda context of one invocation in a test that calls a handler directly: a fresh request id, and a fixed
 * time left, so a test can put a function close to its deadline.
 */
public record TestLambdaContext(String awsRequestId, String functionName, int remainingMillis) implements InvocationContext {

    public static TestLambdaContext of(String functionName) {
        return withRemaining(functionName, 60_000);
    }

    public static TestLambdaContext withRemaining(String functionName, int remainingMillis) {
        return new TestLambdaContext(UUID.randomUUID().toString(), functionName, remainingMillis);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "test";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-2:123456789012:function:" + functionName;
    }


    @Override
    public int getRemainingTimeInMillis() {
        return remainingMillis;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
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
