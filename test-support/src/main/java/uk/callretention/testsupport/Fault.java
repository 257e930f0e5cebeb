package uk.callretention.testsupport;

/** What {@link Faults} can do to one attempt of an AWS call. */
public enum Fault {
    /** S3's 503 {@code SlowDown}, DynamoDB's {@code ThrottlingException}: refused before the server acts; the SDK retries. */
    THROTTLED,
    /** A 500 ({@code InternalError}, {@code InternalServerError}) before the server acts; the SDK retries. */
    SERVER_ERROR,
    /** The connection reset before the request got through; the SDK retries. */
    CONNECTION_RESET,
    /** The server acted, then the answer timed out on its way back; the SDK retries a call that has already happened. */
    RESPONSE_LOST,
    /** {@code DeleteObjects} deletes some of its keys and reports the others as per-key {@code InternalError}s, as S3 does. */
    KEYS_REFUSED
}
