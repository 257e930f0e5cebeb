package uk.callretention.local.runtime.function;

import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.time.Duration;
import java.time.Instant;
import uk.callretention.aws.InvocationContext;

/** The {@code Context} of one invocation: its request id and the time left before the function's Timeout. */
record LocalContext(String awsRequestId, FunctionSettings function, Instant deadline, LambdaLogger logger) implements InvocationContext {

    static LocalContext start(String requestId, FunctionSettings function, LambdaLogger logger) {
        return new LocalContext(requestId, function, Instant.now().plusSeconds(function.timeoutSeconds()), logger);
    }

    @Override
    public String getAwsRequestId() {
        return awsRequestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + function.functionName();
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return function.functionName();
    }

    @Override
    public String getInvokedFunctionArn() {
        return function.arn();
    }


    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
    }

    @Override
    public int getMemoryLimitInMB() {
        return function.memoryMb();
    }

    @Override
    public LambdaLogger getLogger() {
        return logger;
    }
}
