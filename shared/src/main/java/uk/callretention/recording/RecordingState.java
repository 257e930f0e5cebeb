package uk.callretention.recording;

/** Where a recording is in its life. */
public enum RecordingState {
    /** Classified and kept until its expiry date. */
    ACTIVE,
    /** Could not be classified; kept only for the quarantine period, visible to the DPO. */
    QUARANTINED,
    /** Kept past its expiry date for a stated reason until every hold is released. */
    HELD,
    /** Gone from the bucket, every version; only a tombstone without personal data remains. */
    DELETED
}
