package uk.callretention.local.runtime;

/** A start-up problem of the local runtime whose message says what is wrong and what to do. */
public class LocalRuntimeException extends RuntimeException {
    public LocalRuntimeException(String message) {
        super(message);
    }

    public LocalRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }
}
