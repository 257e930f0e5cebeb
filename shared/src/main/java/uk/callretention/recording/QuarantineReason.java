package uk.callretention.recording;

/** Why a recording could not be classified; such a recording is kept only for the short quarantine period. */
public enum QuarantineReason {
    KEY_UNPARSEABLE("key-unparseable"),
    UNKNOWN_COUNCIL("unknown-council"),
    UNKNOWN_TEAM("unknown-team"),
    UNKNOWN_CHANNEL("unknown-channel"),
    EMPTY_OBJECT("empty-object"),
    CONTENT_MISMATCH("content-mismatch"),
    DATE_MISMATCH("date-mismatch"),
    BEFORE_RECORDING_BEGAN("before-recording-began"),
    RECORDED_IN_FUTURE("recorded-in-future");

    private final String code;

    QuarantineReason(String code) {
        this.code = code;
    }

    /** The stable code written to the catalogue and metrics. */
    public String code() {
        return code;
    }
}
