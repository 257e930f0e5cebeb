package uk.callretention.training;

/**
 * A web chat's training copy could not be made, and nothing was written: the API answers with a 4xx naming the
 * reason, and the source is untouched.
 */
public final class ChatCopyRefused extends Exception {

    /** Why; each is the requester's or the source's fault, never a passing failure worth retrying. */
    public enum Reason {
        /** The source is not one JSON value (empty, truncated, malformed, a key given twice, or text after it). */
        NOT_JSON,
        /** JSON, but not a transcript shape the console's conversation view reads; not guessed at. */
        UNKNOWN_SHAPE,
        /** A message index to cut that the transcript does not have. */
        NO_SUCH_MESSAGE
    }

    private final Reason reason;

    ChatCopyRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
