package uk.callretention.local.runtime.function;

/** The function threw (or its result could not be serialised) during one invocation. */
public class FunctionFailedException extends Exception {
    private final String requestId;

    FunctionFailedException(String functionLogicalId, String requestId, Throwable cause) {
        super(functionLogicalId + " failed (request " + requestId + "): " + cause, cause);
        this.requestId = requestId;
    }

    public String requestId() {
        return requestId;
    }

    /** Lambda's error type: the class of what the function threw. */
    public String errorType() {
        return getCause().getClass().getName();
    }

    public String errorMessage() {
        return getCause().getMessage();
    }
}
