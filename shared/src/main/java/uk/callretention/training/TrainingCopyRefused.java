package uk.callretention.training;

/**
 * A training copy (audio or web chat) that cannot be made from what was given: the requester's or the source's fault,
 * never a passing failure worth retrying. Thrown before any byte of a copy is returned, so there is
 * never a half-cut copy; the reason is for the API to map to a 4xx, the message for the logs (it holds no caller data).
 */
public final class TrainingCopyRefused extends RuntimeException {

    public enum Reason {
        /** No cut ranges: a copy with nothing cut out is not a training copy. */
        NO_RANGES,
        /** A range that starts before 0 or ends before it starts. */
        BAD_RANGE,
        /** A range that starts at or after the end of the audio: it names audio that is not there, so likely the wrong recording. */
        RANGE_PAST_END,
        /** Not a RIFF/WAVE with a fmt chunk before its data, or not an MPEG audio stream. */
        NOT_AUDIO,
        /** An encoding whose samples cannot be silenced in place (compressed WAV such as GSM or ADPCM) or odd sample sizes. */
        UNSUPPORTED_ENCODING,
        /** The data chunk declares more than the object holds, or ends part-way through a sample frame, or the MP3 cannot be decoded. */
        DAMAGED,
        /** A web chat's source is not one JSON value (empty, truncated, malformed, a key given twice, or text after it). */
        NOT_JSON,
        /** JSON, but not a transcript shape the console's conversation view reads; not guessed at. */
        UNKNOWN_SHAPE,
        /** A message number to cut that the transcript does not have. */
        NO_SUCH_MESSAGE
    }

    private final Reason reason;

    public TrainingCopyRefused(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
