package uk.callretention.local.aws;

/** A local set-up problem whose message says what is wrong and what to do about it. */
public class LocalAwsException extends RuntimeException {
    public LocalAwsException(String message) {
        super(message);
    }

    public LocalAwsException(String message, Throwable cause) {
        super(message, cause);
    }
}
