package uk.callretention.aws;

import com.amazonaws.services.lambda.runtime.LambdaLogger;

/** The Lambda context of a function's priming request ({@link SnapStartPriming}): a minute left, and a logger that writes nowhere. */
public final class PrimingInvocation implements InvocationContext {

    public static final String REQUEST_ID = "snapstart-priming";

    @Override
    public String getAwsRequestId() {
        return REQUEST_ID;
    }

    @Override
    public String getLogGroupName() {
        return null;
    }

    @Override
    public String getLogStreamName() {
        return null;
    }

    @Override
    public String getFunctionName() {
        return null;
    }

    @Override
    public String getInvokedFunctionArn() {
        return null;
    }


    @Override
    public int getRemainingTimeInMillis() {
        return 60_000;
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
                // the priming request's log lines go nowhere
            }

            @Override
            public void log(byte[] message) {
                // as above
            }
        };
    }
}
